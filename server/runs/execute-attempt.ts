import { runScript } from "../sandbox/run-script";
import type { AttemptResult, RunSnapshot } from "./run-types";
import { callWebhook } from "./webhook-call";

/** One try of a task's work: its script in a fresh isolate, or its webhook call. Never throws. */
export async function executeAttempt(run: RunSnapshot): Promise<AttemptResult> {
  if (run.executionType === "webhook") return callWebhook(run);
  const res = await runScript({
    script: run.scriptContent ?? "",
    taskId: run.taskId,
    tenantId: run.tenantId,
    traceId: run.traceId,
    params: run.params,
    timezone: run.timezone,
    timeoutSeconds: run.timeoutSeconds,
    mode: "run",
  });
  return {
    success: res.success,
    result: res.result,
    output: res.output,
    error: res.error,
    duration_ms: res.duration_ms,
  };
}
