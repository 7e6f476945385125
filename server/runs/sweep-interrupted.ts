import { hostname } from "node:os";
import { db } from "../db";
import { logger } from "../logger";
import { finishRun } from "./finish-run";
import { applyAlertPolicy } from "./alert-policy";
import { runnerId } from "./runner-identity";

/** A running row whose lease is older than this is taken for dead. */
export const STALE_AFTER_MS = 60_000;

const INTERRUPTED =
  "interrupted: 执行进程意外退出（崩溃或被强制终止），本次运行未完成 (the process running it stopped)";

/** Is `id` (hostname-pid-nonce) a process of this machine that no longer exists? */
function isDeadLocalRunner(id: string | null): boolean {
  if (!id || id === runnerId()) return false;
  const match = /^(.*)-(\d+)-[0-9a-f]{8}$/.exec(id);
  if (!match || match[1] !== hostname().slice(0, 40)) return false;
  try {
    process.kill(Number(match[2]), 0);
    // The pid exists, but it may have been reused: only a stale lease proves it dead.
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Marks runs whose process died as failed ("interrupted") so nothing stays "running" forever:
 * runs of a dead process on this machine at once, any run whose lease has gone stale.
 * `localPids: false` (Inngest) trusts only leases: a run's steps execute in whichever process
 * serves them, so the pid of the one that started it proves nothing.
 */
export async function sweepInterrupted(
  opts: { now?: Date; staleAfterMs?: number; localPids?: boolean } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  const running = await db.taskLog.findMany({
    where: { status: "running" },
    select: {
      id: true,
      taskId: true,
      tenantId: true,
      traceId: true,
      runnerId: true,
      heartbeatAt: true,
      startedAt: true,
      createdAt: true,
      retryCount: true,
    },
    take: 1000,
  });
  let swept = 0;
  for (const row of running) {
    const lastSign = row.heartbeatAt ?? row.startedAt ?? row.createdAt;
    const stale = !lastSign || lastSign < staleBefore;
    if (!stale && !(opts.localPids !== false && isDeadLocalRunner(row.runnerId))) continue;
    const finished = await finishRun({
      logId: row.id,
      status: "failed",
      output: "",
      error: INTERRUPTED,
      result: null,
      deliveries: null,
      attempts: (row.retryCount ?? 0) + 1,
      finishedAt: now,
    });
    if (!finished) continue;
    swept++;
    logger.warn(
      { log_id: String(row.id), task_id: row.taskId, trace_id: row.traceId, runner: row.runnerId },
      "run interrupted",
    );
    const task = await db.scheduledTask.findUnique({ where: { id: row.taskId }, select: { taskName: true } });
    await applyAlertPolicy({
      taskId: row.taskId,
      logId: String(row.id),
      failed: true,
      info: {
        taskId: row.taskId,
        taskName: task?.taskName ?? `#${row.taskId}`,
        tenantId: row.tenantId,
        traceId: row.traceId ?? "",
        attempts: (row.retryCount ?? 0) + 1,
        error: INTERRUPTED,
        logId: String(row.id),
      },
    }).catch((err: unknown) => logger.warn({ err }, "alert for an interrupted run failed"));
  }
  return swept;
}
