import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { metrics } from "../metrics";
import { finishRunBatched } from "./finish-batch";
import type { DeliveryRecord } from "./run-types";

export type RunEnd = {
  logId: bigint;
  status: "success" | "failed" | "partial" | "cancelled";
  output: string;
  error: string | null;
  result: unknown;
  deliveries: DeliveryRecord[] | null;
  attempts: number;
  finishedAt?: Date;
  /**
   * What the run flow already knows from startRun: with both, the row is finished in a batch
   * with the other runs ending now (finish-batch.ts), without reading it through Prisma first.
   */
  taskId?: number;
  startedAt?: Date;
};

const MAX_MESSAGE = 500;

function outcomeColumns(end: RunEnd, startedAt: Date, finishedAt: Date) {
  return {
    status: end.status,
    finishedAt,
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    output: end.output,
    error: end.error,
    retryCount: Math.max(0, end.attempts - 1),
    result: (end.result ?? undefined) as Prisma.InputJsonValue | undefined,
    deliveries: (end.deliveries ?? undefined) as Prisma.InputJsonValue | undefined,
  };
}

function lastRunColumns(end: RunEnd, startedAt: Date) {
  return {
    lastRunAt: startedAt,
    lastRunStatus: end.status,
    lastRunMessage: (end.status === "success" ? "执行成功" : (end.error ?? "执行失败")).slice(0, MAX_MESSAGE),
  };
}

/**
 * Writes a run's outcome on its log row and the task's last_run_*; only a row still `running`
 * is finished, so a run swept as interrupted (or finished twice by a retried step) stays as is.
 * Returns false when the row was no longer running.
 */
export async function finishRun(end: RunEnd): Promise<boolean> {
  const finishedAt = end.finishedAt ?? new Date();
  if (end.taskId !== undefined && end.startedAt) {
    const out = outcomeColumns(end, end.startedAt, finishedAt);
    const last = lastRunColumns(end, end.startedAt);
    const done = await finishRunBatched({
      logId: end.logId,
      taskId: end.taskId,
      status: end.status,
      startedAt: end.startedAt,
      finishedAt,
      durationMs: out.durationMs,
      output: out.output,
      error: out.error,
      retryCount: out.retryCount,
      result: end.result == null ? null : JSON.stringify(end.result),
      deliveries: end.deliveries == null ? null : JSON.stringify(end.deliveries),
      lastRunMessage: last.lastRunMessage,
    });
    if (done) metrics.runsFinished.inc({ status: end.status });
    return done;
  }
  const finished = await db.$transaction(async (tx) => {
    const log = await tx.taskLog.findUnique({ where: { id: end.logId } });
    if (!log || log.status !== "running") return false;
    const startedAt = log.startedAt ?? log.createdAt ?? finishedAt;
    // updateMany: one UPDATE statement (Prisma's update adds a SELECT round trip per call).
    const { count } = await tx.taskLog.updateMany({
      where: { id: log.id, status: "running" },
      data: outcomeColumns(end, startedAt, finishedAt),
    });
    if (count === 0) return false;
    await tx.scheduledTask.updateMany({ where: { id: log.taskId }, data: lastRunColumns(end, startedAt) });
    return true;
  });
  if (finished) metrics.runsFinished.inc({ status: end.status });
  return finished;
}
