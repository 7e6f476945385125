import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "./env";

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

export function createPrismaClient(url = env.DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: new PrismaMariaDb(poolConfigFromUrl(url)) });
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

export async function disconnectDb(): Promise<void> {
  await globalForDb.__db?.$disconnect();
  globalForDb.__db = undefined;
}
