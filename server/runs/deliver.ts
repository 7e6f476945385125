import { db } from "../db";
import { metrics } from "../metrics";
import { assertUrlAllowed } from "../net/outbound";
import { isRetryable } from "../notify/robot-errors";
import { sendRobotMessage, sendWecomAppMessage, type DeliveryOutcome } from "../notify/send";
import type { TMessageResult } from "../notify/message-schema";
import { logger } from "../logger";
import { ChannelSecretError, channelTarget } from "../services/channels";
import { wecomAppTarget } from "../services/wecom-apps";
import type { DeliveryRecord, RunSnapshot } from "./run-types";

function record(
  target: DeliveryRecord["target"],
  id: number,
  name: string,
  type: DeliveryRecord["channel_type"],
  o: DeliveryOutcome,
): DeliveryRecord {
  return {
    target,
    id,
    name,
    channel_type: type,
    ok: o.ok,
    errcode: o.errcode,
    errmsg: o.errmsg,
    explanation: o.explanation ?? null,
    attempts: o.attempts,
    messages: o.messages,
  };
}

function missing(target: DeliveryRecord["target"], id: number, why: string): DeliveryRecord {
  return {
    target,
    id,
    name: `#${id}`,
    channel_type: target === "wecom_app" ? "wecom_app" : "wecom_bot",
    ok: false,
    errcode: -404,
    errmsg: why,
    explanation: why,
    attempts: 0,
    messages: 0,
  };
}

/**
 * Whatever goes wrong while preparing or sending to one target (an unusable sign_secret, a
 * secret that does not decrypt, a bug) is that target's failed record: the other targets still
 * get the message and the run still finishes.
 */
async function guarded(
  target: DeliveryRecord["target"],
  id: number,
  name: string,
  type: DeliveryRecord["channel_type"],
  send: () => Promise<DeliveryRecord>,
): Promise<DeliveryRecord> {
  try {
    return await send();
  } catch (err) {
    const secret = err instanceof ChannelSecretError;
    if (!secret) logger.error({ err, target, id }, "delivery failed on the platform side");
    const why = err instanceof Error ? err.message : String(err);
    return {
      ...missing(target, id, secret ? why : `投递出错 (delivery error): ${why}`),
      errcode: secret ? ChannelSecretError.ERRCODE : DELIVERY_ERROR,
      name,
      channel_type: type,
    };
  }
}

/** errcode of a delivery that threw on our side (not retried: the same error would recur). */
const DELIVERY_ERROR = -9;

/** Worth another delivery round later: the robot was down, slow or rate-limiting. */
export function isRetryableDelivery(d: DeliveryRecord): boolean {
  return !d.ok && !d.skipped && d.errcode !== -404 && isRetryable(d.channel_type, d.errcode, 500);
}

export type DeliverySelection = { channels: number[]; wecomApp: boolean };

/**
 * Sends `result` to the task's channels and WeCom app, in parallel, each through the robot's
 * rate limiter with retries. Never throws: each target's outcome is one record.
 */
export async function deliverResult(
  run: RunSnapshot,
  result: TMessageResult,
  only?: DeliverySelection,
): Promise<DeliveryRecord[]> {
  const channelIds = only?.channels ?? run.notifyChannels;
  const channels = channelIds.length
    ? await db.notifyChannel.findMany({
        where: { id: { in: channelIds }, ...(run.tenantId ? { tenantId: run.tenantId } : {}) },
      })
    : [];
  const byId = new Map(channels.map((c) => [c.id, c]));
  const jobs: Promise<DeliveryRecord>[] = channelIds.map(async (id) => {
    const c = byId.get(id);
    if (!c) return missing("channel", id, `通知渠道 #${id} 已不存在`);
    if (c.isEnabled === false)
      return {
        ...missing("channel", id, `通知渠道「${c.channelName}」已停用，已跳过 (channel disabled, skipped)`),
        errcode: 0,
        name: c.channelName,
        channel_type: c.channelType,
        skipped: true,
      };
    const blocked = await assertUrlAllowed(c.webhookUrl).then(
      () => null,
      (err: Error) => err.message,
    );
    if (blocked)
      return {
        ...missing("channel", id, blocked),
        errcode: -6,
        name: c.channelName,
        channel_type: c.channelType,
      };
    return guarded("channel", c.id, c.channelName, c.channelType, async () =>
      record("channel", c.id, c.channelName, c.channelType, await sendRobotMessage(channelTarget(c), result)),
    );
  });
  const appId = run.notifyWecomAppId;
  if (appId && (only ? only.wecomApp : true)) {
    jobs.push(
      (async () => {
        const app = await db.wecomApp.findFirst({
          where: {
            id: appId,
            ...(run.tenantId ? { OR: [{ tenantId: run.tenantId }, { tenantId: null }] } : {}),
          },
        });
        if (!app) return missing("wecom_app", appId, `企微应用 #${appId} 已不存在`);
        if (!app.isEnabled)
          return {
            ...missing(
              "wecom_app",
              appId,
              `企微应用「${app.appName}」已停用，已跳过 (app disabled, skipped)`,
            ),
            errcode: 0,
            name: app.appName,
            skipped: true,
          };
        return guarded("wecom_app", app.id, app.appName, "wecom_app", async () =>
          record(
            "wecom_app",
            app.id,
            app.appName,
            "wecom_app",
            await sendWecomAppMessage(wecomAppTarget(app), result),
          ),
        );
      })(),
    );
  }
  const records = await Promise.all(jobs);
  for (const d of records)
    if (!d.ok && !d.skipped)
      metrics.deliveryFailures.inc({ channel_type: d.channel_type, errcode: d.errcode });
  return records;
}
