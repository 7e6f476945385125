import { db } from "../db";
import { AppError } from "../errors";
import { assertCanWrite, type Scope } from "../auth/scope";
import { scopedDb } from "../db/scoped";
import { CANCELLED_MESSAGE } from "../sandbox/run-context";
import { recordAudit } from "../services/audit";
import { toLogView } from "../services/task-view";
import { finishRun } from "./finish-run";

/** How long a cancel waits for the process running the run to stop it (it looks every second). */
export const CANCEL_WAIT_MS = 2_000;

async function finishedLog(id: bigint) {
  const row = await db.taskLog.findUnique({ where: { id } });
  return row && row.status !== "running" ? row : null;
}

/**
 * Cancels a running run. The flag (`cancel_requested_at`) reaches the process running it, on any
 * instance and under either dispatcher, within a second: it disposes the isolate and ends the run
 * `cancelled` with the output so far. A run not executing a script at that moment (queued, waiting
 * to retry, delivering, or its process gone quiet) is ended here after a short wait. Answers the
 * finished log; a run that is no longer running is a 409, another tenant's a 404.
 */
export async function cancelRun(opts: { scope: Scope; logId: number; taskId?: number }) {
  assertCanWrite(opts.scope);
  const id = BigInt(opts.logId);
  const log = await scopedDb(opts.scope).taskLog.findFirst({
    where: { id, ...(opts.taskId ? { taskId: opts.taskId } : {}) },
  });
  if (!log) throw new AppError("RUN_NOT_FOUND");
  const notRunning = () =>
    new AppError("RUN_NOT_RUNNING", { id: String(id), status: log.status ?? "unknown" }, { field: "status" });
  if (log.status !== "running") throw notRunning();
  const { count } = await db.taskLog.updateMany({
    where: { id, status: "running" },
    data: { cancelRequestedAt: new Date() },
  });
  if (count === 0) throw notRunning();
  await recordAudit(opts.scope, {
    action: "run.cancel",
    entityType: "run",
    entityId: id,
    tenantId: log.tenantId ?? "",
    details: { task_id: log.taskId, trace_id: log.traceId },
  });

  let done = null;
  if (log.startedAt) {
    const deadline = Date.now() + CANCEL_WAIT_MS;
    while (!done && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      done = await finishedLog(id);
    }
  }
  if (!done) {
    const current = await db.taskLog.findUnique({
      where: { id },
      select: { output: true, retryCount: true },
    });
    await finishRun({
      logId: id,
      status: "cancelled",
      output: current?.output ?? "",
      error: CANCELLED_MESSAGE,
      result: null,
      deliveries: null,
      attempts: (current?.retryCount ?? 0) + 1,
    });
    done = await finishedLog(id);
  }
  return done ? toLogView(done) : { status: "cancelling" as const };
}
