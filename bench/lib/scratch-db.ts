import { openConnection, quoteIdent, withDatabase } from "../../server/db/connection";
import { applyMigrations } from "../../server/db/migrate";

// Each benchmark works in a database of its own on the local server (never another one): created
// and migrated at start, dropped at the end, also after a failure.

export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306/";

export function scratchName(bench: string): string {
  return `sched_bench_${bench}_${process.pid}`;
}

/** Creates and migrates a fresh database; returns its URL (with a pool big enough for the bench). */
export async function createScratchDb(name: string, connectionLimit = 10): Promise<string> {
  if (!/^sched_bench_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to create ${name}: bench databases are sched_bench_*`);
  const conn = await openConnection(BENCH_SERVER_URL, { database: false });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    await conn.query(`CREATE DATABASE ${quoteIdent(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  // Stopped from outside (npm run bench's time limit, Ctrl-C): still leave no database behind.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void dropScratchDb(name).finally(() => process.exit(130)));
  }
  const url = withDatabase(BENCH_SERVER_URL, name);
  await applyMigrations(url);
  const u = new URL(url);
  u.searchParams.set("connection_limit", String(connectionLimit));
  return u.toString();
}

export async function dropScratchDb(name: string): Promise<void> {
  if (!/^sched_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  const conn = await openConnection(BENCH_SERVER_URL, { database: false });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  } finally {
    await conn.end();
  }
}

/** Points the app's lazy env at the scratch database; call before importing server modules that read it. */
export function benchEnv(url: string): void {
  Object.assign(process.env, {
    DATABASE_URL: url,
    DB_QUERY_URL: url,
    APP_SECRET: process.env.APP_SECRET ?? "bench-app-secret-not-for-production-use",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent",
    SCHEDULER: "embedded",
    NODE_ENV: "production",
  });
}
