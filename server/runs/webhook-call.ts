import { INVALID_WEBHOOK_RESULT_PREFIX } from "@/lib/result-error";
import { SIGNATURE_HEADER, signWebhookBody } from "../crypto/webhook-signature";
import { AppError } from "../errors";
import { outboundRequest, OutboundError } from "../net/outbound";
import { CANCELLED_MESSAGE } from "../sandbox/run-context";
import { parseMessageResult } from "../notify/message-schema";
import type { AttemptResult, RunSnapshot } from "./run-types";

const MAX_OUTPUT_BYTES = 64 * 1024;
function looksLikeMessage(value: unknown): boolean {
  return typeof value === "object" && value !== null && ("content" in value || "msg_type" in value);
}

/** POSTs the run to the task's webhook; 2xx = success; a message-shaped JSON answer is pushed. */
export async function callWebhook(run: RunSnapshot, signal?: AbortSignal): Promise<AttemptResult> {
  const started = Date.now();
  const body = JSON.stringify({
    task_id: run.taskId,
    task_name: run.taskName,
    tenant_id: run.tenantId,
    trace_id: run.traceId,
    scheduled_for: run.scheduledFor,
    params: run.params,
  });
  try {
    const res = await outboundRequest({
      url: run.webhookUrl!,
      method: "POST",
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signWebhookBody(run.taskId, body, Date.now(), run.webhookKeyVersion ?? 0),
        "x-trace-id": run.traceId,
      },
      body,
      timeoutMs: run.timeoutSeconds * 1000,
      signal,
      maxBytes: 5 * 1024 * 1024,
    });
    const text = res.body.toString("utf8");
    const output =
      text.length > MAX_OUTPUT_BYTES
        ? `${text.slice(0, MAX_OUTPUT_BYTES)}\n…[输出已截断 output truncated]`
        : text;
    if (res.status < 200 || res.status >= 300) {
      return {
        success: false,
        result: null,
        output,
        error: `Webhook 返回 HTTP ${res.status}`,
        duration_ms: Date.now() - started,
      };
    }
    let result = null;
    try {
      const json: unknown = JSON.parse(text);
      if (looksLikeMessage(json)) result = parseMessageResult(json);
    } catch (err) {
      if (!(err instanceof SyntaxError)) {
        // The stored form the console words back (lib/result-error.ts).
        const summary = err instanceof AppError ? err.params.summary : undefined;
        return {
          success: false,
          result: null,
          output,
          error:
            summary !== undefined
              ? `${INVALID_WEBHOOK_RESULT_PREFIX}${String(summary)}`
              : `Webhook 返回的消息格式无效: ${(err as Error).message}`,
          duration_ms: Date.now() - started,
        };
      }
    }
    return { success: true, result, output, error: null, duration_ms: Date.now() - started };
  } catch (err) {
    if (signal?.aborted)
      return {
        success: false,
        result: null,
        output: "",
        error: CANCELLED_MESSAGE,
        duration_ms: Date.now() - started,
        cancelled: true,
      };
    const message =
      err instanceof OutboundError ? err.message : `Webhook 请求失败: ${(err as Error).message}`;
    return { success: false, result: null, output: "", error: message, duration_ms: Date.now() - started };
  }
}
