import mysql from "mysql2/promise";

// Plain mysql2 connections for work Prisma's client cannot do: creating databases and running
// migration DDL. Every session works in UTC, like the Prisma pool in server/db.ts.

/** The database name in a mysql:// URL ('' when the URL names none). */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Backtick-quotes an identifier (database, table). */
export function quoteIdent(name: string): string {
  return "`" + name.replace(/`/g, "``") + "`";
}

/** Opens one connection; `database: false` connects to the server without selecting a database. */
export async function openConnection(
  url: string,
  { database = true }: { database?: boolean } = {},
): Promise<mysql.Connection> {
  const u = new URL(url);
  if (u.protocol !== "mysql:" && u.protocol !== "mariadb:") {
    throw new Error(`expected a mysql:// or mariadb:// URL, got ${u.protocol}//`);
  }
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ? databaseName(url) || undefined : undefined,
    multipleStatements: false,
    timezone: "Z",
    connectTimeout: 5000,
  });
  await conn.query("SET time_zone = '+00:00'");
  return conn;
}
