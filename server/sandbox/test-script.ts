import { randomUUID } from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import { limiters } from "../limits";
import { AppError, validationError } from "../errors";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { formatForRobot, type RobotPayload } from "../notify/format";
import { ZTestScriptInput, type TTestScriptInput } from "@/lib/schemas/sandbox";
import type { TScriptLanguage } from "@/lib/schemas/task";
import { runScript } from "./run-script";

// POST /api/scheduled-tasks/test-script and its tRPC twin: runs a script for real (its SDK calls
// happen) but delivers nothing; `messages` previews what each robot type would receive.

export type TestScriptResult = {
  success: boolean;
  result: unknown;
  output: string;
  error: string | null;
  duration_ms: number;
  trace_id: string;
  script_language: TScriptLanguage;
  /** PYTHON_UNAVAILABLE when the platform could not run the script's language. */
  code: string | null;
  messages: { dingtalk_bot: RobotPayload[]; wecom_bot: RobotPayload[] } | null;
};

export async function testScript(
  opts: { scope: Scope; defaultLanguage?: TScriptLanguage } & TTestScriptInput,
): Promise<TestScriptResult> {
  // tRPC (the console, which sends the language) keeps JavaScript as before; REST passes Python.
  const { scope, defaultLanguage = "javascript", ...raw } = opts;
  // Its SDK calls are real (messages, HTTP, vars), so viewers may not test scripts.
  assertCanWrite(scope);
  const parsed = ZTestScriptInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  const tenantId = tenantForCreate(scope, input.tenant_id || null);
  if (tenantId !== null && !(await db.tenant.findUnique({ where: { tenantId } }))) {
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  }

  // Concurrent test runs per user (or token): each holds an isolate and a request for up to
  // its timeout, so a user (or a script looping over the API) gets a few at once, then 429.
  const lease = limiters().testScript.tryAcquire(`${scope.actor.type}:${scope.actor.id}`);
  if (!lease) throw new AppError("TEST_SCRIPT_BUSY", { max: env.TEST_SCRIPT_PER_USER });
  const traceId = `test-${randomUUID()}`;
  let run: Awaited<ReturnType<typeof runScript>>;
  try {
    run = await runScript({
      script: input.script_content,
      language: input.script_language ?? defaultLanguage,
      taskId: null,
      tenantId,
      traceId,
      params: input.input_params ?? {},
      timeoutSeconds: input.timeout_seconds ?? 60,
      mode: "test",
    });
  } finally {
    lease.release();
  }
  return {
    success: run.success,
    result: run.result,
    output: run.output,
    error: run.error,
    duration_ms: run.duration_ms,
    trace_id: traceId,
    script_language: input.script_language ?? defaultLanguage,
    code: run.code ?? null,
    messages: run.result
      ? {
          dingtalk_bot: formatForRobot(run.result, "dingtalk_bot"),
          wecom_bot: formatForRobot(run.result, "wecom_bot"),
        }
      : null,
  };
}
