import type { Connection, RowDataPacket } from "mysql2/promise";
import { splitSqlStatements } from "./split-sql";

// An installation of the original system already has the seed's three tables (with data), so
// the init migration's CREATE TABLEs cannot run there. Adopting it instead: add our columns and
// indexes to those three tables (ALTERs that end in the very shape the init migration creates:
// our added columns come last there too), create the other tables from the init migration, and
// record the init migration as applied, as `prisma migrate resolve --applied` would.

export const INIT_MIGRATION = "20261128000000_init";

const SEED_TABLES = ["platform_scheduled_tasks", "platform_task_notify_channels", "platform_task_logs"];

type Change = { column?: string; index?: string; clause: string };

const SEED_UPGRADES: Record<string, Change[]> = {
  platform_scheduled_tasks: [
    { column: "next_run_at", clause: "ADD COLUMN `next_run_at` DATETIME(3) NULL" },
    { column: "timeout_seconds", clause: "ADD COLUMN `timeout_seconds` INTEGER NOT NULL DEFAULT 60" },
    {
      column: "overlap_policy",
      clause: "ADD COLUMN `overlap_policy` ENUM('skip', 'allow') NOT NULL DEFAULT 'skip'",
    },
    {
      column: "misfire_grace_seconds",
      clause: "ADD COLUMN `misfire_grace_seconds` INTEGER NOT NULL DEFAULT 300",
    },
    {
      column: "workday_filter",
      clause: "ADD COLUMN `workday_filter` ENUM('none', 'workday', 'holiday') NOT NULL DEFAULT 'none'",
    },
    { column: "version", clause: "ADD COLUMN `version` INTEGER NOT NULL DEFAULT 1" },
    { column: "alert_open", clause: "ADD COLUMN `alert_open` BOOLEAN NOT NULL DEFAULT false" },
    { index: "idx_tasks_due", clause: "ADD INDEX `idx_tasks_due`(`is_enabled`, `next_run_at`)" },
    { index: "idx_tasks_tenant", clause: "ADD INDEX `idx_tasks_tenant`(`tenant_id`, `id`)" },
  ],
  platform_task_notify_channels: [
    { index: "idx_channels_tenant", clause: "ADD INDEX `idx_channels_tenant`(`tenant_id`)" },
  ],
  platform_task_logs: [
    // 'skipped' is appended: existing values keep their enum positions.
    { clause: "MODIFY `status` ENUM('running', 'success', 'failed', 'skipped') NULL" },
    {
      column: "trigger",
      clause: "ADD COLUMN `trigger` ENUM('schedule', 'manual', 'retry', 'test') NOT NULL DEFAULT 'schedule'",
    },
    { column: "scheduled_for", clause: "ADD COLUMN `scheduled_for` DATETIME(3) NULL" },
    { column: "result", clause: "ADD COLUMN `result` JSON NULL" },
    { column: "deliveries", clause: "ADD COLUMN `deliveries` JSON NULL" },
    {
      index: "uq_logs_task_fire",
      clause: "ADD UNIQUE INDEX `uq_logs_task_fire`(`task_id`, `scheduled_for`)",
    },
    { index: "idx_logs_task", clause: "ADD INDEX `idx_logs_task`(`task_id`, `id`)" },
    { index: "idx_logs_tenant", clause: "ADD INDEX `idx_logs_tenant`(`tenant_id`, `id`)" },
    { index: "idx_logs_status", clause: "ADD INDEX `idx_logs_status`(`status`, `started_at`)" },
    { index: "idx_logs_created", clause: "ADD INDEX `idx_logs_created`(`created_at`)" },
    { index: "idx_logs_trace", clause: "ADD INDEX `idx_logs_trace`(`trace_id`)" },
  ],
};

async function names(conn: Connection, sql: string, params: unknown[] = []): Promise<Set<string>> {
  const [rows] = await conn.query<RowDataPacket[]>(sql, params);
  return new Set(rows.map((r) => r.name as string));
}

const existingTables = (conn: Connection) =>
  names(conn, "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");

/** True when the database holds any of the original system's tables. */
export async function isSeedDatabase(conn: Connection): Promise<boolean> {
  const tables = await existingTables(conn);
  return SEED_TABLES.some((t) => tables.has(t));
}

const created = (s: string) => /CREATE TABLE `([^`]+)`/.exec(s)?.[1];

/**
 * Why the schema cannot be adopted: a table the init migration creates (other than the seed's
 * three) already exists with no migration history (its shape is unknown). Empty = adoptable.
 */
export async function schemaAdoptionProblems(conn: Connection, initSql: string): Promise<string[]> {
  const tables = await existingTables(conn);
  const clashes = splitSqlStatements(initSql)
    .map(created)
    .filter((t): t is string => !!t && !SEED_TABLES.includes(t) && tables.has(t));
  return clashes.length
    ? [
        `tables ${clashes.join(", ")} already exist and are not the seed's three tables (if an ` +
          `earlier adoption was interrupted, it created them: drop them). Move them aside (RENAME ` +
          `TABLE) and run the migration again.`,
      ]
    : [];
}

/** The statements schema adoption would run (ALTERs of the seed tables, CREATEs of ours). */
export async function schemaAdoptionStatements(conn: Connection, initSql: string): Promise<string[]> {
  const tables = await existingTables(conn);
  const out: string[] = [];
  for (const statement of splitSqlStatements(initSql)) {
    const table = created(statement);
    if (table && tables.has(table)) {
      const alter = await pendingChanges(conn, table);
      if (alter.length) out.push(`ALTER TABLE \`${table}\`\n  ${alter.join(",\n  ")}`);
    } else {
      out.push(statement);
    }
  }
  return out;
}

/**
 * Brings a seed-era database to the init migration's schema. Refuses (changing nothing) when
 * schemaAdoptionProblems finds any. Returns the statements it ran.
 */
export async function adoptSeedDatabase(conn: Connection, initSql: string): Promise<string[]> {
  const problems = await schemaAdoptionProblems(conn, initSql);
  if (problems.length) throw new Error(`cannot adopt this database: ${problems.join("; ")}`);
  const run: string[] = [];
  for (const sql of await schemaAdoptionStatements(conn, initSql)) {
    await conn.query(sql);
    run.push(sql);
  }
  return run;
}

/** The seed upgrade clauses a table still lacks (a table may be partly upgraded by hand). */
async function pendingChanges(conn: Connection, table: string): Promise<string[]> {
  const columns = await names(
    conn,
    "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
    [table],
  );
  const indexes = await names(
    conn,
    "SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
    [table],
  );
  return (SEED_UPGRADES[table] ?? [])
    .filter((c) => (c.column ? !columns.has(c.column) : c.index ? !indexes.has(c.index) : true))
    .map((c) => c.clause);
}
