import { signDingtalkUrl } from "./dingtalk-sign";
import type { DingtalkPayload } from "./format-dingtalk";
import type { WecomPayload } from "./format-wecom";
import { requestJson, type HttpJsonAnswer } from "./http-json";
import { explainRobotError, isRetryable, TRANSPORT, type NotifyChannelKind } from "./robot-errors";

// Robot clients: one POST each. An HTTP 200 with a non-zero errcode is a failure; nothing here
// throws for what a robot answers.

export type RobotAnswer = {
  ok: boolean;
  errcode: number;
  errmsg: string;
  explanation?: string;
  /** Worth another attempt (rate limit, 5xx, timeout, network, system busy). */
  retryable: boolean;
};

export type ClientOptions = { timeoutMs?: number };

export function toRobotAnswer(kind: NotifyChannelKind, a: HttpJsonAnswer): RobotAnswer {
  if (a.errcode === 0) return { ok: true, errcode: 0, errmsg: a.errmsg || "ok", retryable: false };
  return {
    ok: false,
    errcode: a.errcode,
    errmsg: a.errmsg,
    explanation: explainRobotError(kind, a.errcode, a.errmsg, a.httpStatus),
    retryable: isRetryable(kind, a.errcode, a.httpStatus),
  };
}

/** DingTalk robot; with a secret, every call is signed afresh (the timestamp must be recent). */
export async function postDingtalk(
  webhookUrl: string,
  signSecret: string | null | undefined,
  payload: DingtalkPayload,
  opts: ClientOptions = {},
): Promise<RobotAnswer> {
  let url = webhookUrl;
  if (signSecret) {
    try {
      url = signDingtalkUrl(webhookUrl, signSecret);
    } catch {
      return toRobotAnswer("dingtalk_bot", {
        errcode: TRANSPORT.badUrl,
        errmsg: `invalid webhook URL: ${webhookUrl}`,
      });
    }
  }
  return toRobotAnswer(
    "dingtalk_bot",
    await requestJson(url, { method: "POST", body: payload, timeoutMs: opts.timeoutMs }),
  );
}

export async function postWecomRobot(
  webhookUrl: string,
  payload: WecomPayload,
  opts: ClientOptions = {},
): Promise<RobotAnswer> {
  return toRobotAnswer(
    "wecom_bot",
    await requestJson(webhookUrl, { method: "POST", body: payload, timeoutMs: opts.timeoutMs }),
  );
}
