import mysql from "mysql2/promise";
import { z } from "zod";
import { env } from "../../env";
import { ScriptFacingError, type RunContext } from "../run-context";
import { checkReadOnlySql } from "../sql-guard";
import { parseArgs, type HostBinding } from "./types";

// db_query's own pool (never Prisma's): ideally DB_QUERY_URL names a read-only user.
type PoolEntry = { pool: mysql.Pool; flavor: Promise<"mariadb" | "mysql"> };
const pools = new Map<string, PoolEntry>();

function poolFor(url: string): PoolEntry {
  let entry = pools.get(url);
  if (!entry) {
    const pool = mysql.createPool({
      uri: url.replace(/^mariadb:/, "mysql:"),
      connectionLimit: 5,
      multipleStatements: false,
      dateStrings: true,
      supportBigNumbers: true,
      decimalNumbers: true,
      connectTimeout: 5000,
    });
    const flavor = pool
      .query("SELECT VERSION() AS v")
      .then(
        ([rows]) =>
          (String((rows as { v: string }[])[0]?.v).includes("MariaDB") ? "mariadb" : "mysql") as
            "mariadb" | "mysql",
      );
    flavor.catch(() => {
      // Unreachable at first use: forget this pool so the next call retries from scratch.
      pools.delete(url);
      void pool.end().catch(() => undefined);
    });
    entry = { pool, flavor };
    pools.set(url, entry);
  }
  return entry;
}

/** Closes db_query's pools (tests, shutdown). */
export async function closeDbQueryPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.pool.end().catch(() => undefined)));
}

function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

export async function dbQuery(ctx: RunContext, args: unknown[]): Promise<Record<string, unknown>[]> {
  const [sql, params = []] = parseArgs(
    "db_query",
    ["sql", "params"],
    z.tuple([z.string(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional()]),
    args,
  );
  const refused = checkReadOnlySql(sql);
  if (refused) throw new ScriptFacingError(`db_query(): ${refused}`);

  const { pool, flavor } = poolFor(env.DB_QUERY_URL);
  let conn: mysql.PoolConnection;
  try {
    conn = await pool.getConnection();
  } catch (err) {
    throw new ScriptFacingError(`db_query(): 无法连接数据库：${(err as Error).message}`);
  }
  const onAbort = () => conn.destroy();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  let healthy = false;
  try {
    const seconds = Math.max(1, Math.ceil(ctx.limits.dbTimeoutMs / 1000));
    const timeLimit =
      (await flavor) === "mariadb"
        ? `max_statement_time = ${seconds}`
        : `MAX_EXECUTION_TIME = ${ctx.limits.dbTimeoutMs}`;
    // Session READ ONLY also refuses DDL, which a READ ONLY transaction alone would commit implicitly.
    await conn.query("SET SESSION TRANSACTION READ ONLY");
    await conn.query(`SET SESSION ${timeLimit}, SESSION sql_select_limit = ${ctx.limits.dbMaxRows + 1}`);
    await conn.query("START TRANSACTION READ ONLY");
    let rows: unknown;
    try {
      [rows] = await conn.query({ sql, values: params, timeout: ctx.limits.dbTimeoutMs + 1000 });
    } finally {
      await conn.query("ROLLBACK").catch(() => undefined);
    }
    healthy = true;
    if (!Array.isArray(rows)) return [];
    if (rows.length > ctx.limits.dbMaxRows) {
      throw new ScriptFacingError(
        `db_query(): 查询结果超过 ${ctx.limits.dbMaxRows} 行限制，请加 LIMIT 或缩小范围`,
      );
    }
    return (rows as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])),
    );
  } catch (err) {
    if (err instanceof ScriptFacingError) throw err;
    if (ctx.signal.aborted) throw new ScriptFacingError("db_query(): 已取消");
    const e = err as { code?: string; errno?: number; sqlMessage?: string; message?: string };
    if (e.code === "PROTOCOL_SEQUENCE_TIMEOUT" || e.errno === 1969 || e.errno === 3024) {
      throw new ScriptFacingError(`db_query(): 查询超过 ${Math.round(ctx.limits.dbTimeoutMs / 1000)} 秒限制`);
    }
    if (e.errno === 1792) throw new ScriptFacingError("db_query(): 只允许只读查询");
    throw new ScriptFacingError(`db_query(): ${e.sqlMessage ?? e.message ?? "查询失败"}`);
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    if (healthy) conn.release();
    else conn.destroy();
  }
}

export const dbBindings: Record<string, HostBinding> = { db_query: dbQuery };
