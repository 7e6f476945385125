import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Connection, RowDataPacket } from "mysql2/promise";
import { adoptSeedDatabase, INIT_MIGRATION, isSeedDatabase, schemaAdoptionProblems } from "./adopt-seed";
import {
  applySeedAdoption,
  currentSeedCutoffs,
  cutoffsLog,
  inspectSeedAdoption,
  seedAdoptionState,
  seedShapeProblems,
  type SeedCutoffs,
} from "./adopt-seed-data";
import { databaseName, openConnection, quoteIdent } from "./connection";
import { splitSqlStatements } from "./split-sql";
import { env } from "../env";

// Applies prisma/migrations/<name>/migration.sql the way `prisma migrate deploy` does and records
// them in `_prisma_migrations` with Prisma's own table layout and checksums, so the real Prisma
// CLI accepts the same database wherever its schema engine is available.

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
    \`id\` VARCHAR(36) PRIMARY KEY NOT NULL,
    \`checksum\` VARCHAR(64) NOT NULL,
    \`finished_at\` DATETIME(3),
    \`migration_name\` VARCHAR(255) NOT NULL,
    \`logs\` TEXT,
    \`rolled_back_at\` DATETIME(3),
    \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

const LOCK_TIMEOUT_SECONDS = 60;

export type LocalMigration = { name: string; sql: string; checksum: string };

type AppliedRow = RowDataPacket & {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

/** sha256 hex of the file's bytes: what Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma/migrations");
}

/** Migration folders (those holding a migration.sql), sorted by name as Prisma does. */
export async function readMigrations(dir = defaultMigrationsDir()): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(dir, name, "migration.sql"));
    } catch {
      continue;
    }
    migrations.push({ name, sql: bytes.toString("utf8"), checksum: migrationChecksum(bytes) });
  }
  return migrations;
}

/** CREATE DATABASE IF NOT EXISTS for the URL's database, in utf8mb4. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!name) throw new MigrationError(`DATABASE_URL names no database: ${redact(url)}`);
  const conn = await openConnection(url, { database: false });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteIdent(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}

/**
 * Applies every pending migration in name order and returns the names applied (empty when the
 * database is up to date). Refuses to run when an applied migration's file has changed or an
 * earlier migration failed. Concurrent callers on the same database are serialised by GET_LOCK.
 * A database of the original system (the seed's tables, no migration history) is adopted
 * instead of failing on CREATE TABLE: see adopt-seed.ts.
 */
export async function applyMigrations(
  url: string,
  {
    dir = defaultMigrationsDir(),
    log = () => {},
    legacyTimezone,
  }: {
    dir?: string;
    log?: (line: string) => void;
    /** The zone of an adopted seed database's DATETIMEs (default LEGACY_DB_TIMEZONE). */
    legacyTimezone?: string;
  } = {},
): Promise<string[]> {
  const local = await readMigrations(dir);
  const conn = await openConnection(url);
  const lockName = `prisma_migrate:${databaseName(url)}`.slice(0, 64);
  try {
    const [lockRows] = await conn.query<RowDataPacket[]>("SELECT GET_LOCK(?, ?) AS got", [
      lockName,
      LOCK_TIMEOUT_SECONDS,
    ]);
    if (lockRows[0]?.got !== 1) {
      throw new MigrationError(
        `another process has been migrating ${databaseName(url)} for ${LOCK_TIMEOUT_SECONDS}s; try again`,
      );
    }
    try {
      return await applyPending(conn, local, log, () => legacyTimezone ?? env.LEGACY_DB_TIMEZONE);
    } finally {
      await conn.query("SELECT RELEASE_LOCK(?)", [lockName]);
    }
  } finally {
    await conn.end();
  }
}

/** Refuses a seed database that cannot be adopted, before anything is written. */
async function precheckSeedAdoption(conn: Connection, init: LocalMigration, legacyTimezone: string) {
  const problems = [...(await seedShapeProblems(conn)), ...(await schemaAdoptionProblems(conn, init.sql))];
  if (problems.length === 0) {
    const plan = await inspectSeedAdoption(conn, { legacyTimezone });
    problems.push(...plan.blockers);
  }
  if (problems.length)
    throw new MigrationError(
      `cannot adopt this database of the original system (nothing was changed): ${problems.join("; ")}`,
    );
}

async function hasLiveHistory(conn: Connection): Promise<boolean> {
  const [t] = await conn.query<RowDataPacket[]>(
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_prisma_migrations'",
  );
  if (t.length === 0) return false;
  const [rows] = await conn.query<RowDataPacket[]>(
    "SELECT 1 FROM `_prisma_migrations` WHERE rolled_back_at IS NULL LIMIT 1",
  );
  return rows.length > 0;
}

async function applyPending(
  conn: Connection,
  local: LocalMigration[],
  log: (line: string) => void,
  legacyTimezone: () => string,
): Promise<string[]> {
  const init = local[0];
  const seed = init?.name === INIT_MIGRATION && (await isSeedDatabase(conn)) && !(await hasLiveHistory(conn));
  if (seed) await precheckSeedAdoption(conn, init, legacyTimezone());
  await conn.query(MIGRATIONS_TABLE_DDL);
  const [rows] = await conn.query<AppliedRow[]>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM `_prisma_migrations` ORDER BY started_at",
  );
  // Rolled-back rows are history only (Prisma ignores them too).
  const live = rows.filter((r) => r.rolled_back_at === null);

  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} failed earlier and the database may be half-migrated. ` +
        `Fix the database by hand, then mark the row in _prisma_migrations as rolled back ` +
        `(rolled_back_at = NOW(3)) or finished. Error recorded: ${failed.logs ?? "(none)"}`,
    );
  }

  const applied = new Map(live.map((r) => [r.migration_name, r]));
  for (const m of local) {
    const row = applied.get(m.name);
    if (row && row.checksum !== m.checksum) {
      throw new MigrationError(
        `migration ${m.name} was changed after it was applied (checksum ${row.checksum} in the ` +
          `database, ${m.checksum} on disk). Never edit an applied migration: restore the file and ` +
          `add a new migration folder instead.`,
      );
    }
  }

  const localNames = new Set(local.map((m) => m.name));
  for (const r of live) {
    if (!localNames.has(r.migration_name)) {
      log(`note: ${r.migration_name} is applied in the database but missing from the migrations folder`);
    }
  }

  const done: string[] = [];
  if (seed && live.length === 0 && init) {
    // The seed's row ids now: the rows up to them are the ones the data adoption adopts.
    const cutoffs = await currentSeedCutoffs(conn);
    try {
      await adoptSeedDatabase(conn, init.sql);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new MigrationError(`adopting the original system's tables failed: ${reason}`);
    }
    await recordResolved(conn, init, cutoffs);
    log(`adopted the original system's tables and marked ${init.name} as applied`);
    applied.set(init.name, { migration_name: init.name } as AppliedRow);
    done.push(init.name);
  }
  for (const m of local) {
    if (applied.has(m.name)) continue;
    await applyOne(conn, m);
    log(`applied ${m.name}`);
    done.push(m.name);
  }
  if (init?.name === INIT_MIGRATION) await adoptSeedRowsIfPending(conn, log, legacyTimezone);
  return done;
}

/** The seed's rows, once their tables are adopted and every migration ran: adopt-seed-data.ts. */
async function adoptSeedRowsIfPending(
  conn: Connection,
  log: (line: string) => void,
  legacyTimezone: () => string,
): Promise<void> {
  const state = await seedAdoptionState(conn, INIT_MIGRATION);
  if (state.state !== "pending") return;
  if (!state.cutoffs)
    log(
      "note: this database's tables were adopted before row ids were recorded: every current row is taken as a seed row",
    );
  const plan = await inspectSeedAdoption(conn, { legacyTimezone: legacyTimezone(), cutoffs: state.cutoffs });
  if (plan.blockers.length)
    throw new MigrationError(
      `cannot adopt the original system's rows (nothing was changed): ${plan.blockers.join("; ")}`,
    );
  try {
    await applySeedAdoption(conn, plan, log);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`adopting the original system's rows failed and was rolled back: ${reason}`);
  }
}

async function applyOne(conn: Connection, m: LocalMigration): Promise<void> {
  const id = randomUUID();
  await conn.query(
    "INSERT INTO `_prisma_migrations` (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3), 0)",
    [id, m.checksum, m.name],
  );
  const statements = splitSqlStatements(m.sql);
  for (const [index, statement] of statements.entries()) {
    try {
      await conn.query(statement);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const logs = `statement ${index + 1} of ${statements.length} failed: ${reason}\n\n${statement}`;
      await conn.query("UPDATE `_prisma_migrations` SET logs = ? WHERE id = ?", [logs, id]);
      throw new MigrationError(`migration ${m.name} failed at ${logs}`);
    }
  }
  await conn.query(
    "UPDATE `_prisma_migrations` SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?",
    [id],
  );
}

/** Records a migration as applied without running it, as `prisma migrate resolve --applied` does. */
async function recordResolved(conn: Connection, m: LocalMigration, cutoffs: SeedCutoffs): Promise<void> {
  await conn.query(
    "INSERT INTO `_prisma_migrations` (id, checksum, migration_name, logs, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3), 0)",
    [randomUUID(), m.checksum, m.name, cutoffsLog(cutoffs)],
  );
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
