import "./load-env";
import { INIT_MIGRATION } from "@/server/db/adopt-seed";
import { dryRunSeedAdoption } from "@/server/db/adopt-seed-data";
import { openConnection } from "@/server/db/connection";
import { applyMigrations, readMigrations } from "@/server/db/migrate";
import { env, EnvError } from "@/server/env";

// npm run migrate-from-seed [-- --dry-run]
// Adopts a database of the original system in place with the very code `npm start` runs
// (applyMigrations: its tables, then its rows, once). With --dry-run it only reads, and prints
// what adoption would change (tasks, tenants, secrets to encrypt, times to shift, rows that
// break validation) and what would stop it; exit code 1 when it would be refused.

async function main(): Promise<number> {
  const dryRun = process.argv.includes("--dry-run");
  const url = env.DATABASE_URL;
  const where = new URL(url);
  console.log(
    `${dryRun ? "Dry run on" : "Adopting"} ${where.hostname}:${where.port || 3306}${where.pathname}`,
  );
  if (!dryRun) {
    const applied = await applyMigrations(url, { log: (line) => console.log(`  ${line}`) });
    console.log(
      applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.",
    );
    return 0;
  }
  const init = (await readMigrations()).find((m) => m.name === INIT_MIGRATION);
  if (!init) throw new Error(`migration ${INIT_MIGRATION} is missing from prisma/migrations`);
  const conn = await openConnection(url);
  try {
    const report = await dryRunSeedAdoption(conn, {
      legacyTimezone: env.LEGACY_DB_TIMEZONE,
      initSql: init.sql,
    });
    for (const line of report.lines) console.log(line);
    return report.blocked ? 1 : 0;
  } finally {
    await conn.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof EnvError) console.error(err.message);
    else if ((err as { code?: string }).code === "ECONNREFUSED")
      console.error(`No MariaDB/MySQL server answers at ${new URL(env.DATABASE_URL).host}. Is it running?`);
    else console.error(`migrate-from-seed failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
