import type { PoolConnection } from "mariadb";
import { sqlPool } from "../db";
import { inTransaction } from "../db-pool";
import { logger } from "../logger";
import { MicroBatcher } from "./micro-batch";

/** A run's outcome as written on its row and on its task's last_run_* (see finish-run.ts). */
export type FinishRow = {
  logId: bigint;
  taskId: number;
  status: "success" | "failed" | "partial" | "cancelled";
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  output: string;
  error: string | null;
  retryCount: number;
  /** JSON text, or null to leave the column as it is. */
  result: string | null;
  deliveries: string | null;
  lastRunMessage: string;
};

/** `CASE id WHEN ? THEN <expr> … END` with each row's parameters, for a multi-row UPDATE. */
function caseOf<T>(rows: T[], id: (r: T) => unknown, expr: string, values: (r: T) => unknown[]) {
  return {
    sql: `CASE id ${rows.map(() => `WHEN ? THEN ${expr}`).join(" ")} END`,
    params: rows.flatMap((r) => [id(r), ...values(r)]),
  };
}

/**
 * Finishes a batch of runs with five statements whatever its size: in one transaction the rows
 * still running are locked (FOR UPDATE: a run swept as interrupted or finished twice stays as
 * it is) and each gets its outcome in one multi-row UPDATE; then each task its last_run_*.
 * Replaces two statements per run through Prisma. Returns, per row, whether it was finished.
 */
async function finishBatch(rows: FinishRow[]): Promise<boolean[]> {
  const mine = await inTransaction(sqlPool(), async (conn: PoolConnection) => {
    // By primary key only: with `AND status = 'running'` MariaDB may walk idx_logs_status and
    // lock every running row (other batches' too), which deadlocked with the starts.
    const locked = (await conn.query("SELECT id, status FROM platform_task_logs WHERE id IN (?) FOR UPDATE", [
      rows.map((r) => r.logId),
    ])) as { id: bigint; status: string | null }[];
    const live = new Set(locked.filter((r) => r.status === "running").map((r) => String(r.id)));
    // One row finished twice in one batch: the first outcome counts.
    const taken = new Set<string>();
    const ours = rows.filter((r) => {
      const key = String(r.logId);
      if (!live.has(key) || taken.has(key)) return false;
      taken.add(key);
      return true;
    });
    if (ours.length === 0) return ours;
    const logId = (r: FinishRow) => r.logId;
    const sets = [
      ["status", caseOf(ours, logId, "?", (r) => [r.status])],
      ["finished_at", caseOf(ours, logId, "?", (r) => [r.finishedAt])],
      ["duration_ms", caseOf(ours, logId, "?", (r) => [r.durationMs])],
      ["output", caseOf(ours, logId, "?", (r) => [r.output])],
      ["error", caseOf(ours, logId, "?", (r) => [r.error])],
      ["retry_count", caseOf(ours, logId, "?", (r) => [r.retryCount])],
      ["result", caseOf(ours, logId, "COALESCE(?, result)", (r) => [r.result])],
      ["deliveries", caseOf(ours, logId, "COALESCE(?, deliveries)", (r) => [r.deliveries])],
    ] as const;
    await conn.query(
      `UPDATE platform_task_logs SET ${sets.map(([col, c]) => `${col} = ${c.sql}`).join(", ")} WHERE id IN (?)`,
      [...sets.flatMap(([, c]) => c.params), ours.map((r) => r.logId)],
    );
    return ours;
  });
  if (mine.length > 0) {
    // One UPDATE for the tasks; a task with two runs in the batch gets the later one's. After the
    // commit, on its own: a task row locked for the transaction's length would make the claim
    // (FOR UPDATE SKIP LOCKED) pass over the task's next fire for a tick.
    const lastOf = new Map<number, FinishRow>();
    for (const r of mine) lastOf.set(r.taskId, r);
    const tasks = [...lastOf.values()];
    const taskId = (r: FinishRow) => r.taskId;
    const taskSets = [
      ["last_run_at", caseOf(tasks, taskId, "?", (r) => [r.startedAt])],
      ["last_run_status", caseOf(tasks, taskId, "?", (r) => [r.status])],
      ["last_run_message", caseOf(tasks, taskId, "?", (r) => [r.lastRunMessage])],
    ] as const;
    await sqlPool()
      .query(
        `UPDATE platform_scheduled_tasks SET ${taskSets.map(([col, c]) => `${col} = ${c.sql}`).join(", ")} WHERE id IN (?)`,
        [...taskSets.flatMap(([, c]) => c.params), tasks.map((r) => r.taskId)],
      )
      // The runs are finished (committed): a lost last_run_* is shown stale, not a failed finish.
      .catch((err: unknown) => logger.warn({ err }, "could not record the tasks' last run"));
  }
  return rows.map((r) => mine.includes(r));
}

const globalBatcher = globalThis as unknown as { __finishBatcher?: MicroBatcher<FinishRow, boolean> };

/** Finishes one run, batched with the other finishes of this moment; false when it was no longer running. */
export function finishRunBatched(row: FinishRow): Promise<boolean> {
  globalBatcher.__finishBatcher ??= new MicroBatcher(finishBatch);
  return globalBatcher.__finishBatcher.add(row);
}
