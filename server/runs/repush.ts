import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { assertCanWrite, type Scope } from "../auth/scope";
import { scopedDb } from "../db/scoped";
import { parseMessageResult } from "../notify/message-schema";
import { recordAudit } from "../services/audit";
import { toLogView } from "../services/task-view";
import { runTaskNow } from "./manual-run";
import { deliverResult } from "./deliver";
import { deliveredStatus, summarizeDeliveries } from "./run-flow";
import type { DeliveryRecord, RunSnapshot } from "./run-types";

async function scopedRun(scope: Scope, logId: number) {
  const log = await scopedDb(scope).taskLog.findFirst({ where: { id: BigInt(logId) } });
  if (!log) throw new AppError("RUN_NOT_FOUND");
  return log;
}

/**
 * 重新推送: sends a finished run's result again to the channels whose delivery failed, without
 * running the script again; the run's deliveries, status (success / partial / failed) and error
 * are updated from the new outcome.
 */
export async function repushRun(opts: { scope: Scope; logId: number }) {
  assertCanWrite(opts.scope);
  const log = await scopedRun(opts.scope, opts.logId);
  const deliveries = (Array.isArray(log.deliveries) ? log.deliveries : []) as DeliveryRecord[];
  const failed = deliveries.filter((d) => !d.ok && !d.skipped);
  if (log.status === "running" || !log.result || failed.length === 0)
    throw new AppError("NOTHING_TO_REPUSH", {}, { field: "deliveries" });
  const task = await db.scheduledTask.findUnique({ where: { id: log.taskId } });
  if (!task) throw new AppError("TASK_NOT_FOUND");
  const result = parseMessageResult(log.result);
  if (!result) throw new AppError("NO_MESSAGE_TO_PUSH", {}, { field: "result" });
  const snapshot = {
    taskId: task.id,
    tenantId: log.tenantId,
    notifyChannels: failed.filter((d) => d.target === "channel").map((d) => d.id),
    notifyWecomAppId: task.notifyWecomAppId,
  } as RunSnapshot;
  const again = await deliverResult(snapshot, result, {
    channels: snapshot.notifyChannels,
    wecomApp: failed.some((d) => d.target === "wecom_app"),
  });
  const merged = deliveries.map((d) => again.find((a) => a.target === d.target && a.id === d.id) ?? d);
  const status = deliveredStatus(true, merged);
  await db.taskLog.update({
    where: { id: log.id },
    data: {
      deliveries: merged as unknown as Prisma.InputJsonValue,
      status,
      error: summarizeDeliveries(merged),
    },
  });
  await recordAudit(opts.scope, {
    action: "run.repush",
    entityType: "run",
    entityId: log.id,
    tenantId: log.tenantId ?? "",
    details: { task_id: log.taskId, channels: again.map((d) => ({ name: d.name, ok: d.ok })) },
  });
  return toLogView(await db.taskLog.findUniqueOrThrow({ where: { id: log.id } }));
}

/** Runs the task again with the parameters a past run used. */
export async function rerunRun(opts: { scope: Scope; logId: number }) {
  const log = await scopedRun(opts.scope, opts.logId);
  const params =
    log.params && typeof log.params === "object" && !Array.isArray(log.params) ? log.params : undefined;
  const out = await runTaskNow({
    scope: opts.scope,
    id: log.taskId,
    inputParams: params as Record<string, unknown> | undefined,
  });
  return { trace_id: out.trace_id, log_id: Number(out.log_id), task_id: log.taskId };
}
