import { env } from "../env";
import { logger } from "../logger";
import { assertUrlAllowed, outboundRequest } from "../net/outbound";
import { markdownToPlain } from "../notify/markdown-plain";
import { sendRobotMessage, type DeliveryOutcome } from "../notify/send";

export type AlertInfo = {
  kind: "failure" | "recovery";
  /** Runs failed in a row when the alert goes out. */
  consecutiveFailures?: number;
  taskId: number;
  taskName: string;
  tenantId: string | null;
  traceId: string;
  attempts: number;
  error: string | null;
  logId: string;
};

/** A DingTalk or WeCom robot is recognised from its URL; anything else gets a JSON POST. */
export function robotTypeOf(url: string): "dingtalk_bot" | "wecom_bot" | null {
  try {
    const u = new URL(url);
    if (u.searchParams.get("access_token") && /robot\/send/.test(u.pathname)) return "dingtalk_bot";
    if (u.searchParams.get("key") && /webhook\/send/.test(u.pathname)) return "wecom_bot";
  } catch {
    return null;
  }
  return null;
}

function firstLines(text: string | null, lines = 8): string {
  if (!text) return "(无错误信息)";
  const all = text.split("\n");
  return all.slice(0, lines).join("\n") + (all.length > lines ? "\n…" : "");
}

export function runLink(a: AlertInfo): string {
  return `${env.APP_URL}/tasks/${a.taskId}/runs/${a.logId}`;
}

export function alertMarkdown(a: AlertInfo): { title: string; content: string } {
  const tenant = a.tenantId ?? "全局任务";
  if (a.kind === "recovery") {
    return {
      title: `✅ 任务已恢复：${a.taskName}`,
      content: `### ✅ 定时任务已恢复\n\n- 任务：**${a.taskName}** (#${a.taskId})\n- 租户：${tenant}\n- 追踪 ID：${a.traceId}\n\n[查看运行记录](${runLink(a)})`,
    };
  }
  return {
    title: `❌ 任务失败：${a.taskName}`,
    content:
      `### ❌ 定时任务执行失败\n\n- 任务：**${a.taskName}** (#${a.taskId})\n- 租户：${tenant}\n- 追踪 ID：${a.traceId}\n- 尝试次数：${a.attempts}\n${a.consecutiveFailures && a.consecutiveFailures > 1 ? `- 连续失败：${a.consecutiveFailures} 次\n` : ""}\n` +
      `**错误**\n\n\`\`\`\n${firstLines(a.error)}\n\`\`\`\n\n[查看运行记录](${runLink(a)})`,
  };
}

/** Who an alert @mentions (the task's alert_mentions). */
export type AlertMentions = {
  at_mobiles?: string[];
  at_all?: boolean;
  mentioned_list?: string[];
  mentioned_mobile_list?: string[];
};

/**
 * The alert as a robot message of the robot's type, with its @mentions: DingTalk markdown with
 * at.atMobiles / isAtAll; WeCom markdown, or text with mentioned_list / mentioned_mobile_list
 * when someone is mentioned (WeCom markdown cannot carry them).
 */
export function alertMessage(
  type: "dingtalk_bot" | "wecom_bot",
  a: AlertInfo,
  m: AlertMentions = {},
): Record<string, unknown> {
  const message = alertMarkdown(a);
  if (type === "dingtalk_bot")
    return {
      msg_type: "markdown",
      ...message,
      ...(m.at_mobiles?.length ? { at_mobiles: m.at_mobiles } : {}),
      ...(m.at_all ? { is_at_all: true } : {}),
    };
  const users = m.mentioned_list ?? [];
  const mobiles = m.mentioned_mobile_list ?? [];
  if (!users.length && !mobiles.length && !m.at_all) return { msg_type: "markdown", ...message };
  return {
    msg_type: "text",
    content: markdownToPlain(message.content),
    ...(users.length ? { at_user_ids: users } : {}),
    ...(mobiles.length ? { at_mobiles: mobiles } : {}),
    ...(m.at_all ? { is_at_all: true } : {}),
  };
}

/** Sends one alert (or recovery notice) to a task's alert_webhook. Never throws. */
export async function sendAlert(
  webhook: string,
  a: AlertInfo,
  mentions?: AlertMentions,
): Promise<DeliveryOutcome> {
  const type = robotTypeOf(webhook);
  try {
    if (type) {
      await assertUrlAllowed(webhook);
      return await sendRobotMessage(
        { channelType: type, webhookUrl: webhook },
        alertMessage(type, a, mentions),
      );
    }
    const res = await outboundRequest({
      url: webhook,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        event: a.kind === "failure" ? "task.failed" : "task.recovered",
        task_id: a.taskId,
        task_name: a.taskName,
        tenant_id: a.tenantId,
        trace_id: a.traceId,
        attempts: a.attempts,
        error: a.error,
        url: runLink(a),
      }),
      timeoutMs: 10_000,
      maxBytes: 64 * 1024,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      errcode: ok ? 0 : res.status,
      errmsg: ok ? "ok" : `HTTP ${res.status}`,
      attempts: 1,
      messages: ok ? 1 : 0,
    };
  } catch (err) {
    logger.warn({ err, task_id: a.taskId, trace_id: a.traceId }, "alert failed");
    return { ok: false, errcode: -1, errmsg: (err as Error).message, attempts: 1, messages: 0 };
  }
}
