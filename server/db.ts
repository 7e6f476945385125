import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "./env";
import { createCountingPool, type SqlPool } from "./db-pool";

/** mariadb pool settings from a mysql:// URL; every session works in UTC. */
export function poolConfigFromUrl(url: string, connectionLimit = 10) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ""),
    connectionLimit: Number(u.searchParams.get("connection_limit") ?? connectionLimit),
    timezone: "Z",
    initSql: "SET time_zone = '+00:00'",
    connectTimeout: 5000,
    acquireTimeout: 10000,
  };
}

/** Each client's pool, for the statements the hot path sends as raw SQL (server/runs/run-writes.ts). */
const pools = new WeakMap<PrismaClient, SqlPool>();

export function createPrismaClient(url = env.DATABASE_URL): PrismaClient {
  const pool = createCountingPool(poolConfigFromUrl(url));
  // The adapter owns the pool: $disconnect ends it.
  const client = new PrismaClient({ adapter: new PrismaMariaDb(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

export type Db = PrismaClient;

// One client per process; cached on globalThis so Next's dev reloads do not leak pools.
const globalForDb = globalThis as unknown as { __db?: PrismaClient };

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    globalForDb.__db ??= createPrismaClient();
    const value = Reflect.get(globalForDb.__db, key);
    return typeof value === "function" ? value.bind(globalForDb.__db) : value;
  },
});

/** The mariadb pool under `db` (same connections, same session settings), for raw SQL. */
export function sqlPool(): SqlPool {
  globalForDb.__db ??= createPrismaClient();
  const pool = pools.get(globalForDb.__db);
  if (!pool) throw new Error("the database client was not made by createPrismaClient");
  return pool;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.__db?.$disconnect();
  globalForDb.__db = undefined;
}
