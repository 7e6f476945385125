import { inject } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import { openConnection, quoteIdent, withDatabase } from "../../server/db/connection";
import { env } from "../../server/env";
import { testServerUrl, workerDatabaseName } from "./test-databases";

// Database helpers for tests. The fork's own database is env.DATABASE_URL (setup-env.ts).

let tables: string[] | undefined;

/** Empties every table of this fork's database (keeps `_prisma_migrations`); ids restart at 1. */
export async function resetDb(): Promise<void> {
  const conn = await openConnection(env.DATABASE_URL);
  try {
    if (!tables) {
      const [rows] = await conn.query<RowDataPacket[]>(
        "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '_prisma_migrations'",
      );
      tables = (rows as { name: string }[]).map((r) => r.name);
    }
    // TRUNCATE costs tens of ms per table, so only tables that have rows or a used
    // AUTO_INCREMENT (MariaDB reports it live) are truncated.
    const [usedRows] = await conn.query<RowDataPacket[]>(
      `SELECT ${tables.map((t, i) => `EXISTS(SELECT 1 FROM ${quoteIdent(t)}) AS t${i}`).join(", ")}`,
    );
    const used = usedRows[0];
    const [counters] = await conn.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS name, AUTO_INCREMENT AS next FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
    );
    const advanced = new Set(
      (counters as { name: string; next: number | null }[])
        .filter((c) => Number(c.next ?? 1) > 1)
        .map((c) => c.name),
    );
    const dirty = tables.filter((t, i) => Number(used?.[`t${i}`]) === 1 || advanced.has(t));
    if (dirty.length === 0) return;
    // One connection for all statements: FOREIGN_KEY_CHECKS is per session.
    await conn.query("SET FOREIGN_KEY_CHECKS = 0");
    for (const table of dirty) await conn.query(`TRUNCATE TABLE ${quoteIdent(table)}`);
    await conn.query("SET FOREIGN_KEY_CHECKS = 1");
  } finally {
    await conn.end();
  }
}

/**
 * A freshly created, empty database for tests that need their own (migrations, seed DDL);
 * returns its URL. Named after this run and fork, so parallel forks and runs never collide;
 * global-setup drops it when the run ends.
 */
export async function scratchDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`scratch database name must be [a-z0-9_]: ${name}`);
  const worker = process.env.VITEST_POOL_ID ?? "1";
  const database = workerDatabaseName(inject("testRunTag"), `${worker}_${name}`);
  if (database.length > 64) throw new Error(`scratch database name too long: ${database}`);
  const server = testServerUrl();
  const conn = await openConnection(server, { database: false });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`);
    await conn.query(
      `CREATE DATABASE ${quoteIdent(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
  return withDatabase(server, database);
}

/** Drops a database made by scratchDatabase (optional: the run's teardown drops them anyway). */
export async function dropDatabase(url: string): Promise<void> {
  const conn = await openConnection(url, { database: false });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(new URL(url).pathname.slice(1))}`);
  } finally {
    await conn.end();
  }
}
