import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { actorLabel, assertCanWrite, type Scope } from "../auth/scope";
import { recordAudit } from "../services/audit";
import { findTaskOrThrow } from "../services/tasks";
import { dispatchRun } from "./dispatch";
import { runnerId } from "./runner-identity";
import { newTraceId } from "./trace-id";

/**
 * "Run now": a log row (trigger manual, the params of this run) handed to the active dispatcher;
 * the same flow as a scheduled fire. Answers at once with the trace id.
 */
export async function runTaskNow(opts: { scope: Scope; id: number; inputParams?: Record<string, unknown> }) {
  assertCanWrite(opts.scope);
  const task = await findTaskOrThrow(opts.scope, opts.id);
  const traceId = newTraceId();
  const now = new Date();
  const log = await db.taskLog.create({
    data: {
      taskId: task.id,
      tenantId: task.tenantId,
      traceId,
      status: "running",
      trigger: "manual",
      triggeredBy: actorLabel(opts.scope.actor),
      runnerId: runnerId(),
      heartbeatAt: now,
      params: (opts.inputParams ?? task.inputParams ?? {}) as Prisma.InputJsonValue,
    },
  });
  await recordAudit(opts.scope, {
    action: "task.run",
    entityType: "task",
    entityId: task.id,
    tenantId: task.tenantId ?? "",
    details: { trace_id: traceId, params_overridden: !!opts.inputParams },
  });
  await dispatchRun({
    logId: log.id,
    taskId: task.id,
    scheduledFor: null,
    traceId,
    tenantId: task.tenantId,
    interactive: true,
  });
  return { trace_id: traceId, log_id: log.id };
}
