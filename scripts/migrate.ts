import "./load-env";
import { applyMigrations, ensureDatabase } from "@/server/db/migrate";
import { env, EnvError } from "@/server/env";

// `npm run db:migrate`: create the database when missing, then apply pending migrations.

async function main(): Promise<void> {
  const url = env.DATABASE_URL;
  const where = new URL(url);
  console.log(`Migrating ${where.hostname}:${where.port || 3306}${where.pathname}`);
  await ensureDatabase(url);
  const applied = await applyMigrations(url, { log: (line) => console.log(`  ${line}`) });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) console.error(err.message);
  else if ((err as { code?: string }).code === "ECONNREFUSED") {
    console.error(
      `Migration failed: no MariaDB/MySQL server answers at ${new URL(env.DATABASE_URL).host}. Is it running?`,
    );
  } else console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
