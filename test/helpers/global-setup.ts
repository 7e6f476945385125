import { spawnSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import type { RowDataPacket } from "mysql2/promise";
import { openConnection, quoteIdent, withDatabase } from "../../server/db/connection";
import { applyMigrations } from "../../server/db/migrate";
import { TEST_WORKERS } from "../../vitest.config";
import { TEST_DB_PREFIX, runTagOf, testServerUrl, workerDatabaseName } from "./test-databases";

// Once per vitest run: one freshly migrated database per fork (sched_test_<run>_<n>), dropped
// again at the end. Databases left by runs that were killed are dropped first.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = testServerUrl();
  const tag = String(process.pid);
  await dropDatabases(server, (name) => {
    const owner = runTagOf(name);
    return owner !== undefined && !isAlive(Number(owner));
  });

  const started = Date.now();
  for (let n = 1; n <= TEST_WORKERS; n++) {
    const name = workerDatabaseName(tag, n);
    const conn = await openConnection(server, { database: false });
    try {
      await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      await conn.query(
        `CREATE DATABASE ${quoteIdent(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    } finally {
      await conn.end();
    }
    await applyMigrations(withDatabase(server, name));
  }
  if (process.env.DEBUG_TEST_DB) console.log(`test databases ready in ${Date.now() - started} ms`);
  // The Pyodide memory snapshot, once for every fork (cached on disk; a fresh clone makes it here).
  const snap = spawnSync(
    process.execPath,
    ["--no-node-snapshot", "--import", "tsx", "scripts/python-snapshot.ts"],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (snap.status !== 0) console.warn(`python snapshot: ${snap.stderr || snap.stdout}`);
  project.provide("testRunTag", tag);

  // Also drops this run's scratch databases (test/helpers/db.ts names them with the same tag).
  return () => dropDatabases(server, (name) => runTagOf(name) === tag);
}

async function dropDatabases(server: string, shouldDrop: (name: string) => boolean): Promise<void> {
  const conn = await openConnection(server, { database: false });
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
      [`${TEST_DB_PREFIX.replace(/_/g, "\\_")}%`],
    );
    for (const { name } of rows as { name: string }[]) {
      if (shouldDrop(name)) await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    }
  } finally {
    await conn.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
