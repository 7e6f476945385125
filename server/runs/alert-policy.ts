import type { Prisma, ScheduledTask } from "@/generated/prisma/client";
import { db } from "../db";
import { logger } from "../logger";
import { assertUrlAllowed } from "../net/outbound";
import { sendRobotMessage } from "../notify/send";
import { channelTarget } from "../services/channels";
import { redactUrl } from "../auth/redact";
import { alertMessage, robotTypeOf, sendAlert, type AlertInfo, type AlertMentions } from "./alert";

/** One place an alert went (or did not), as the run detail shows it. */
export type AlertTarget = {
  kind: "channel" | "webhook";
  id: number | null;
  name: string;
  channel_type: string | null;
  ok: boolean;
  errcode: number;
  errmsg: string;
};

/** What the alert policy did for a run: stored on the log row's `alert`. */
export type AlertRecord =
  | { kind: "failure" | "recovery"; consecutive_failures: number; threshold: number; targets: AlertTarget[] }
  | { kind: "not_yet"; consecutive_failures: number; threshold: number }
  | { kind: "already_open"; consecutive_failures: number; threshold: number }
  | { kind: "no_target"; consecutive_failures: number; threshold: number };

function mentionsOf(task: ScheduledTask): AlertMentions {
  const m = task.alertMentions;
  return m && typeof m === "object" && !Array.isArray(m) ? (m as AlertMentions) : {};
}

/** The task's alert channels; none = its alert_webhook; neither = the tenant's default channel. */
async function channelsFor(task: ScheduledTask) {
  const ids = Array.isArray(task.alertChannels)
    ? task.alertChannels.map(Number).filter(Number.isInteger)
    : [];
  if (ids.length > 0)
    return db.notifyChannel.findMany({
      where: { id: { in: ids }, ...(task.tenantId ? { tenantId: task.tenantId } : {}) },
    });
  if (task.alertWebhook || !task.tenantId) return [];
  const tenant = await db.tenant.findUnique({ where: { tenantId: task.tenantId } });
  if (!tenant?.defaultAlertChannelId) return [];
  return db.notifyChannel.findMany({ where: { id: tenant.defaultAlertChannelId, tenantId: task.tenantId } });
}

async function sendToTargets(task: ScheduledTask, info: AlertInfo): Promise<AlertTarget[]> {
  const mentions = mentionsOf(task);
  const channels = await channelsFor(task);
  const targets = await Promise.all(
    channels.map(async (c): Promise<AlertTarget> => {
      const base = { kind: "channel" as const, id: c.id, name: c.channelName, channel_type: c.channelType };
      if (c.isEnabled === false)
        return { ...base, ok: false, errcode: 0, errmsg: "渠道已停用，已跳过 (channel disabled, skipped)" };
      try {
        await assertUrlAllowed(c.webhookUrl);
        const o = await sendRobotMessage(channelTarget(c), alertMessage(c.channelType, info, mentions));
        return { ...base, ok: o.ok, errcode: o.errcode, errmsg: o.explanation ?? o.errmsg };
      } catch (err) {
        return { ...base, ok: false, errcode: -1, errmsg: (err as Error).message };
      }
    }),
  );
  if (task.alertWebhook && channels.length === 0) {
    const o = await sendAlert(task.alertWebhook, info, mentions);
    targets.push({
      kind: "webhook",
      id: null,
      name: redactUrl(task.alertWebhook),
      channel_type: robotTypeOf(task.alertWebhook),
      ok: o.ok,
      errcode: o.errcode,
      errmsg: o.explanation ?? o.errmsg,
    });
  }
  for (const t of targets)
    if (!t.ok)
      logger.warn(
        { task_id: task.id, target: t.name, errcode: t.errcode, errmsg: t.errmsg },
        "alert not delivered",
      );
  return targets;
}

/**
 * The alert policy, after a run of a task that alerts: a failure (or a partial delivery) counts
 * one more failure in a row; at `alert_after_failures` in a row one alert goes out and opens the
 * incident (`alert_open`): later failures send nothing until a success closes it with a recovery
 * notice. Conditional updates make exactly one run send each, whichever instance runs it. What
 * happened is written on the run's log row (`alert`).
 */
export async function applyAlertPolicy(opts: {
  taskId: number;
  logId: string;
  failed: boolean;
  info: Omit<AlertInfo, "kind">;
}): Promise<AlertRecord | null> {
  const task = await db.scheduledTask.findUnique({ where: { id: opts.taskId } });
  if (!task || !task.alertOnFailure) return null;
  const threshold = Math.max(1, task.alertAfterFailures);
  let record: AlertRecord | null = null;
  if (opts.failed) {
    await db.scheduledTask.updateMany({
      where: { id: task.id },
      data: { consecutiveFailures: { increment: 1 } },
    });
    const { consecutiveFailures: n } = await db.scheduledTask.findUniqueOrThrow({
      where: { id: task.id },
      select: { consecutiveFailures: true },
    });
    const base = { consecutive_failures: n, threshold };
    if (n < threshold) record = { kind: "not_yet", ...base };
    else {
      const { count } = await db.scheduledTask.updateMany({
        where: { id: task.id, alertOpen: false },
        data: { alertOpen: true },
      });
      if (count === 0) record = { kind: "already_open", ...base };
      else {
        const targets = await sendToTargets(task, { ...opts.info, kind: "failure", consecutiveFailures: n });
        record = targets.length ? { kind: "failure", ...base, targets } : { kind: "no_target", ...base };
      }
    }
  } else {
    const before = task.consecutiveFailures;
    if (before !== 0)
      await db.scheduledTask.updateMany({ where: { id: task.id }, data: { consecutiveFailures: 0 } });
    // Only the run that closes the incident sends the recovery notice.
    const { count } = await db.scheduledTask.updateMany({
      where: { id: task.id, alertOpen: true },
      data: { alertOpen: false },
    });
    if (count > 0) {
      const targets = await sendToTargets(task, { ...opts.info, kind: "recovery" });
      record = { kind: "recovery", consecutive_failures: before, threshold, targets };
    }
  }
  if (record)
    await db.taskLog.updateMany({
      where: { id: BigInt(opts.logId) },
      data: { alert: record as unknown as Prisma.InputJsonValue },
    });
  return record;
}
