import { env } from "../env";
import { toDingtalkPayloads } from "./format-dingtalk";
import { toWecomPayloads } from "./format-wecom";
import { parseMessageResult, type TMessageResult } from "./message-schema";
import { defaultRobotLimiter, type RobotLimiter } from "./rate-limiter";
import { withRetry, type RetryOptions } from "./retry";
import { postDingtalk, postWecomRobot, toRobotAnswer, type RobotAnswer } from "./robot-clients";
import { TRANSPORT } from "./robot-errors";
import { postWecomAppMessage, type WecomAppTarget, type WecomTokenCache } from "./wecom-app-client";

// The entry points the run flow and the SDK call: format the result, send every part in order
// through the per-robot limiter with retries, stop at the first failure that retrying cannot fix.

export type RobotTarget = {
  channelType: "dingtalk_bot" | "wecom_bot";
  webhookUrl: string;
  signSecret?: string | null;
};

export type DeliveryOutcome = {
  ok: boolean;
  errcode: number;
  errmsg: string;
  explanation?: string;
  /** HTTP sends made, retries included. */
  attempts: number;
  /** Messages the robot accepted (a long text is split into several). */
  messages: number;
};

export type SendOptions = {
  limiter?: RobotLimiter;
  retry?: RetryOptions;
  timeoutMs?: number;
};

export type WecomAppSendOptions = Omit<SendOptions, "limiter"> & {
  baseUrl?: string;
  tokens?: WecomTokenCache;
};

const NOTHING_TO_SEND: DeliveryOutcome = {
  ok: true,
  errcode: 0,
  errmsg: "nothing to send",
  attempts: 0,
  messages: 0,
};

// The limiter counts per robot: the webhook without the per-call signing parameters.
function robotKey(webhookUrl: string): string | null {
  try {
    const url = new URL(webhookUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.searchParams.delete("timestamp");
    url.searchParams.delete("sign");
    return url.toString();
  } catch {
    return null;
  }
}

async function sendParts<P>(
  payloads: P[],
  sendOne: (payload: P) => Promise<{ answer: RobotAnswer; attempts: number }>,
): Promise<DeliveryOutcome> {
  let attempts = 0;
  let messages = 0;
  let last: RobotAnswer = { ok: true, errcode: 0, errmsg: "ok", retryable: false };
  for (const [index, payload] of payloads.entries()) {
    const sent = await sendOne(payload);
    attempts += sent.attempts;
    last = sent.answer;
    if (!last.ok) {
      const part = payloads.length > 1 ? `（第 ${index + 1}/${payloads.length} 条）` : "";
      return {
        ok: false,
        errcode: last.errcode,
        errmsg: last.errmsg,
        ...(last.explanation ? { explanation: last.explanation + part } : {}),
        attempts,
        messages,
      };
    }
    messages++;
  }
  return { ok: true, errcode: 0, errmsg: last.errmsg || "ok", attempts, messages };
}

/** Sends a script's `result` to one robot. Throws AppError only for an invalid result. */
export async function sendRobotMessage(
  target: RobotTarget,
  result: unknown,
  opts: SendOptions = {},
): Promise<DeliveryOutcome> {
  const parsed = parseMessageResult(result);
  if (!parsed) return NOTHING_TO_SEND;
  return deliverToRobot(target, parsed, opts);
}

async function deliverToRobot(
  target: RobotTarget,
  result: TMessageResult,
  opts: SendOptions,
): Promise<DeliveryOutcome> {
  const kind = target.channelType;
  const key = robotKey(target.webhookUrl);
  if (!key) {
    const answer = toRobotAnswer(kind, {
      errcode: TRANSPORT.badUrl,
      errmsg: `invalid webhook URL: ${target.webhookUrl}`,
    });
    return {
      ok: false,
      errcode: answer.errcode,
      errmsg: answer.errmsg,
      explanation: answer.explanation,
      attempts: 0,
      messages: 0,
    };
  }
  const limiter = opts.limiter ?? defaultRobotLimiter;
  const client = { timeoutMs: opts.timeoutMs };
  const limited = async (post: () => Promise<RobotAnswer>) => {
    const release = await limiter.acquire(key);
    try {
      return await post();
    } finally {
      release();
    }
  };
  if (kind === "dingtalk_bot") {
    return sendParts(toDingtalkPayloads(result), (p) =>
      withRetry(
        () => limited(() => postDingtalk(target.webhookUrl, target.signSecret, p, client)),
        opts.retry,
      ),
    );
  }
  return sendParts(toWecomPayloads(result, { target: "robot" }), (p) =>
    withRetry(() => limited(() => postWecomRobot(target.webhookUrl, p, client)), opts.retry),
  );
}

/** Sends a script's `result` through a WeCom application to its default recipients. */
export async function sendWecomAppMessage(
  app: WecomAppTarget,
  result: unknown,
  opts: WecomAppSendOptions = {},
): Promise<DeliveryOutcome> {
  const parsed = parseMessageResult(result);
  if (!parsed) return NOTHING_TO_SEND;
  const baseUrl = (opts.baseUrl ?? env.WECOM_API_BASE_URL).replace(/\/+$/, "");
  return sendParts(toWecomPayloads(parsed, { target: "app" }), async (p) => {
    let sends = 0;
    const { answer } = await withRetry(async () => {
      const a = await postWecomAppMessage(app, p, baseUrl, {
        timeoutMs: opts.timeoutMs,
        tokens: opts.tokens,
      });
      sends += a.sends;
      return a;
    }, opts.retry);
    return { answer, attempts: sends };
  });
}

/** A markdown message, as the SDK's dingtalk()/wecom() send it. */
export async function sendMarkdown(
  target: RobotTarget,
  content: string,
  title?: string,
  opts: SendOptions = {},
): Promise<DeliveryOutcome> {
  return sendRobotMessage(target, { msg_type: "markdown", content, ...(title ? { title } : {}) }, opts);
}
