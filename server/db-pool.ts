import mariadb from "mariadb";

/**
 * The process's mariadb pool, shared by Prisma (through its driver adapter) and by the few hot
 * statements written as raw SQL (server/runs/run-writes.ts), where Prisma's per-call overhead was
 * most of a trivial run's CPU. Every statement sent through it is counted, so the benchmarks can
 * print statements per run (a figure the machine's load does not change).
 */

let statements = 0;

/** Statements sent to MariaDB by this process so far (BEGIN/COMMIT included). */
export function statementsSent(): number {
  return statements;
}

const COUNTED = new Set(["query", "execute", "batch", "queryStream"]);

function counting<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value: unknown = Reflect.get(obj, key, receiver);
      if (typeof value !== "function") return value;
      if (COUNTED.has(key as string))
        return (...args: unknown[]) => {
          statements++;
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      if (key === "getConnection")
        return async (...args: unknown[]) =>
          counting(await (value as (...a: unknown[]) => Promise<object>).apply(obj, args));
      return (value as (...a: unknown[]) => unknown).bind(obj);
    },
  });
}

export type SqlPool = mariadb.Pool;

/** A pool for `config`; its statements are counted (see statementsSent). */
export function createCountingPool(config: mariadb.PoolConfig): SqlPool {
  // No prepared-statement cache: what Prisma's adapter sets for the pools it creates.
  return counting(mariadb.createPool({ prepareCacheLength: 0, ...config }));
}

/** InnoDB chose this transaction as a deadlock victim, or a lock wait timed out: try it again. */
function isLockConflict(err: unknown): boolean {
  const errno = (err as { errno?: number } | null)?.errno;
  return errno === 1213 || errno === 1205;
}

/**
 * Runs `work` in a transaction on one pooled connection (committed when it returns). A deadlock
 * with another writer (the claim, a heartbeat, another instance) rolls it back and runs it again,
 * as InnoDB expects of its clients; `work` must therefore only write inside the transaction.
 */
export async function inTransaction<T>(
  pool: SqlPool,
  work: (conn: mariadb.PoolConnection) => Promise<T>,
  tries = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionOnce(pool, work);
    } catch (err) {
      if (attempt >= tries || !isLockConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

async function transactionOnce<T>(
  pool: SqlPool,
  work: (conn: mariadb.PoolConnection) => Promise<T>,
): Promise<T> {
  const conn = await pool.getConnection();
  try {
    await conn.query("BEGIN");
    const out = await work(conn);
    await conn.query("COMMIT");
    return out;
  } catch (err) {
    await conn.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await conn.release();
  }
}
