import mysql from "mysql2/promise";
import { z } from "zod";
import { connectionOptions } from "../../data-sources/privileges";
import { resolveSource, type ResolvedSource } from "../../data-sources/resolve";
import { countNetworkCall, ScriptFacingError, type RunContext } from "../run-context";
import { bindPlaceholders, checkSql } from "../sql-guard";
import { parseArgs, type HostBinding } from "./types";

// db_query's host side, the one function both script languages call. Never Prisma's pool, never
// DATABASE_URL: the run's data source comes from resolveSource() (grants, DB_QUERY_URL).
// Every statement:
//   - counts toward the run's network-call limit, and passes the parsed-SQL allowlist (sql-guard);
//   - waits for a connection slot of its source: at most max_connections per source, and one
//     tenant at most half of them (rounded up), so it cannot hold every connection;
//   - starts from a clean session: COM_RESET_CONNECTION drops user variables, named locks,
//     temporary tables and session settings left by any earlier statement (of any run);
//   - runs under a fixed sql_mode, a READ ONLY session and transaction, a server-side statement
//     time limit, sql_select_limit, and a byte cap counted while rows stream in.

type Flavor = "mariadb" | "mysql";
type SourcePool = { pool: mysql.Pool; flavor?: Flavor; gate: Gate };
const pools = new Map<string, SourcePool>();

/** FIFO slots with a per-tenant share. */
class Gate {
  private active = 0;
  private byTenant = new Map<string, number>();
  private waiters: { tenant: string; grant: () => void }[] = [];
  readonly share: number;

  constructor(readonly limit: number) {
    this.share = limit <= 1 ? 1 : Math.ceil(limit / 2);
  }

  private canTake(tenant: string): boolean {
    return this.active < this.limit && (this.byTenant.get(tenant) ?? 0) < this.share;
  }

  private take(tenant: string): () => void {
    this.active++;
    this.byTenant.set(tenant, (this.byTenant.get(tenant) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      const left = (this.byTenant.get(tenant) ?? 1) - 1;
      if (left <= 0) this.byTenant.delete(tenant);
      else this.byTenant.set(tenant, left);
      this.pump();
    };
  }

  private pump(): void {
    for (let i = 0; i < this.waiters.length; i++) {
      const w = this.waiters[i]!;
      if (this.canTake(w.tenant)) {
        this.waiters.splice(i, 1);
        i--;
        w.grant();
      }
    }
  }

  /** Resolves with a release function, or null after `waitMs` / on abort. */
  acquire(tenant: string, waitMs: number, signal: AbortSignal): Promise<(() => void) | null> {
    if (this.canTake(tenant) && this.waiters.length === 0) return Promise.resolve(this.take(tenant));
    return new Promise((resolve) => {
      const waiter = {
        tenant,
        grant: () => {
          cleanup();
          resolve(this.take(tenant));
        },
      };
      const giveUp = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        cleanup();
        resolve(null);
      };
      const timer = setTimeout(giveUp, waitMs);
      signal.addEventListener("abort", giveUp, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", giveUp);
      };
      this.waiters.push(waiter);
      this.pump();
    });
  }
}

function poolFor(source: ResolvedSource): SourcePool {
  const key = `${source.key}|${source.dsn}`;
  let entry = pools.get(key);
  if (!entry) {
    const pool = mysql.createPool({
      ...connectionOptions(source.dsn),
      connectionLimit: source.maxConnections,
      maxIdle: source.maxConnections,
      idleTimeout: 60_000,
      queueLimit: 0,
      dateStrings: true,
      supportBigNumbers: true,
      decimalNumbers: true,
      charset: "utf8mb4",
    });
    entry = { pool, gate: new Gate(source.maxConnections) };
    pools.set(key, entry);
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

function approxBytes(row: Record<string, unknown>): number {
  let n = 16;
  for (const [k, v] of Object.entries(row)) {
    n += k.length + 8;
    if (typeof v === "string") n += v.length * 2;
    else if (Buffer.isBuffer(v)) n += v.length;
    else if (v !== null && typeof v === "object") n += JSON.stringify(v).length;
    else n += 8;
  }
  return n;
}

const SESSION_SQL_MODE = "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

type CoreQuery = {
  on(event: "result", fn: (row: unknown) => void): CoreQuery;
  on(event: "error", fn: (err: unknown) => void): CoreQuery;
  on(event: "end", fn: () => void): CoreQuery;
};
type CoreConnection = { query(opts: { sql: string; timeout?: number }): CoreQuery };

class CapError extends Error {}

/** Streams the rows of one statement, failing (and dropping the connection) past the caps. */
function streamRows(
  conn: mysql.PoolConnection,
  sql: string,
  ctx: RunContext,
): Promise<Record<string, unknown>[]> {
  const core = (conn as unknown as { connection: CoreConnection }).connection;
  return new Promise((resolve, reject) => {
    const rows: Record<string, unknown>[] = [];
    let bytes = 0;
    let failed: Error | null = null;
    const fail = (err: Error) => {
      if (failed) return;
      failed = err;
      reject(err);
      conn.destroy();
    };
    core
      .query({ sql, timeout: ctx.limits.dbTimeoutMs + 1000 })
      .on("result", (row) => {
        if (failed || row === null || typeof row !== "object" || Array.isArray(row)) return;
        if (row.constructor?.name === "ResultSetHeader") return;
        const r = row as Record<string, unknown>;
        bytes += approxBytes(r);
        if (rows.length >= ctx.limits.dbMaxRows)
          return fail(new CapError(`查询结果超过 ${ctx.limits.dbMaxRows} 行限制，请加 LIMIT 或缩小范围`));
        if (bytes > ctx.limits.dbMaxBytes)
          return fail(
            new CapError(
              `查询结果超过 ${Math.round(ctx.limits.dbMaxBytes / 1024 / 1024)} MB 限制，请只选需要的列或缩小范围`,
            ),
          );
        rows.push(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      })
      .on("error", (err) => {
        if (!failed) {
          failed = err as Error;
          reject(err);
        }
      })
      .on("end", () => {
        if (!failed) resolve(rows);
      });
  });
}

async function flavorOf(entry: SourcePool, conn: mysql.PoolConnection): Promise<Flavor> {
  if (!entry.flavor) {
    const [rows] = await conn.query("SELECT VERSION() AS v");
    entry.flavor = String((rows as { v: string }[])[0]?.v).includes("MariaDB") ? "mariadb" : "mysql";
  }
  return entry.flavor;
}

const resolved = new WeakMap<RunContext, Map<string, ResolvedSource>>();

/** The run's source for `name` (undefined = default), resolved once per run. */
async function sourceFor(ctx: RunContext, name: string | undefined): Promise<ResolvedSource> {
  let perRun = resolved.get(ctx);
  if (!perRun) {
    perRun = new Map();
    resolved.set(ctx, perRun);
  }
  const key = name ?? "\0default";
  const hit = perRun.get(key);
  if (hit) return hit;
  const r = await resolveSource(ctx.tenantId, name);
  if (!r.ok) throw new ScriptFacingError(`db_query(): ${r.message}`);
  perRun.set(key, r.source);
  return r.source;
}

const ZParams = z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(1000);
const ZOptions = z.object({ source: z.string().min(1).max(64).optional() }).strict();

export async function dbQuery(ctx: RunContext, args: unknown[]): Promise<Record<string, unknown>[]> {
  const [sql, params = [], options = {}] = parseArgs(
    "db_query",
    ["sql", "params", "options"],
    z.tuple([z.string(), ZParams.nullish(), ZOptions.nullish()]),
    args,
  );
  countNetworkCall(ctx);
  const checked = checkSql(sql);
  if (!checked.ok) throw new ScriptFacingError(`db_query(): ${checked.reason}`);
  const text = bindPlaceholders(checked, params ?? [], (v) =>
    mysql.escape(v as string | number | boolean | null),
  );
  if (typeof text !== "string") throw new ScriptFacingError(`db_query(): ${text.error}`);

  const source = await sourceFor(ctx, options?.source);
  const entry = poolFor(source);
  const release = await entry.gate.acquire(ctx.tenantId ?? "", ctx.limits.dbTimeoutMs, ctx.signal);
  if (!release) {
    if (ctx.signal.aborted) throw new ScriptFacingError("db_query(): 已取消");
    throw new ScriptFacingError(
      `db_query(): 数据源 ${source.name} 的连接已满（每个租户最多同时 ${entry.gate.share} 个），请稍后重试`,
    );
  }
  let conn: mysql.PoolConnection | undefined;
  let healthy = false;
  const onAbort = () => conn?.destroy();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    try {
      conn = await entry.pool.getConnection();
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new ScriptFacingError(
        `db_query(): 无法连接数据源 ${source.name}：${e.code ?? e.message ?? "连接失败"}`,
      );
    }
    // A clean session for every statement: nothing an earlier statement (of any run) left survives.
    await conn.reset();
    const flavor = await flavorOf(entry, conn);
    const seconds = Math.max(1, Math.ceil(ctx.limits.dbTimeoutMs / 1000));
    const timeLimit =
      flavor === "mariadb"
        ? `max_statement_time = ${seconds}`
        : `MAX_EXECUTION_TIME = ${ctx.limits.dbTimeoutMs}`;
    // Session READ ONLY also refuses DDL, which a READ ONLY transaction alone would commit implicitly.
    await conn.query("SET SESSION TRANSACTION READ ONLY");
    await conn.query(
      `SET SESSION sql_mode = '${SESSION_SQL_MODE}', SESSION ${timeLimit}, SESSION sql_select_limit = ${ctx.limits.dbMaxRows + 1}`,
    );
    await conn.query("START TRANSACTION READ ONLY");
    const rows = await streamRows(conn, text, ctx);
    await conn.query("ROLLBACK");
    healthy = true;
    return rows;
  } catch (err) {
    if (err instanceof ScriptFacingError) throw err;
    if (err instanceof CapError) throw new ScriptFacingError(`db_query(): ${err.message}`);
    if (ctx.signal.aborted) throw new ScriptFacingError("db_query(): 已取消");
    const e = err as { code?: string; errno?: number; sqlMessage?: string; message?: string };
    if (e.code === "PROTOCOL_SEQUENCE_TIMEOUT" || e.errno === 1969 || e.errno === 3024) {
      throw new ScriptFacingError(`db_query(): 查询超过 ${Math.round(ctx.limits.dbTimeoutMs / 1000)} 秒限制`);
    }
    if (e.errno === 1792) throw new ScriptFacingError("db_query(): 只允许只读查询");
    throw new ScriptFacingError(`db_query(): ${e.sqlMessage ?? e.message ?? "查询失败"}`);
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    if (conn) {
      if (healthy) conn.release();
      else conn.destroy();
    }
    release();
  }
}

export const dbBindings: Record<string, HostBinding> = { db_query: dbQuery };
