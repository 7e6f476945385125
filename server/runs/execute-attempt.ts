import { BACKGROUND, INTERACTIVE } from "../limits";
import { runScript } from "../sandbox/run-script";
import type { AttemptResult, RunSnapshot } from "./run-types";
import { callWebhook } from "./webhook-call";

export type AttemptHooks = {
  /** Aborted when the run is cancelled: the isolate (or the webhook call) stops at once. */
  signal?: AbortSignal;
  /** Receives a reader of the attempt's output so far (live output). */
  onOutput?: (read: () => string) => void;
};

/** One try of a task's work: its script in a fresh isolate, or its webhook call. Never throws. */
export async function executeAttempt(run: RunSnapshot, hooks: AttemptHooks = {}): Promise<AttemptResult> {
  if (run.executionType === "webhook") return callWebhook(run, hooks.signal);
  const res = await runScript({
    script: run.scriptContent ?? "",
    // Absent in a snapshot memoized before script_language existed: those tasks were JavaScript.
    language: run.scriptLanguage ?? "javascript",
    taskId: run.taskId,
    tenantId: run.tenantId,
    traceId: run.traceId,
    params: run.params,
    timezone: run.timezone,
    timeoutSeconds: run.timeoutSeconds,
    mode: "run",
    signal: hooks.signal,
    onOutput: hooks.onOutput,
    // Someone pressed "run now" and waits: served before a scheduled burst.
    priority: run.trigger === "manual" ? INTERACTIVE : BACKGROUND,
  });
  return {
    success: res.success,
    result: res.result,
    output: res.output,
    error: res.error,
    duration_ms: res.duration_ms,
    ...(res.cancelled ? { cancelled: true } : {}),
  };
}
