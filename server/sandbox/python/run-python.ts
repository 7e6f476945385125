import { randomUUID } from "node:crypto";
import ivm from "isolated-vm";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { parseMessageResult, type TMessageResult } from "../../notify/message-schema";
import {
  CANCELLED_MESSAGE,
  DEFAULT_LIMITS,
  RunOutput,
  type LimitName,
  type RunContext,
  type SandboxLimits,
} from "../run-context";
import { BACKGROUND, INTERACTIVE } from "../../limits";
import { CpuHold } from "../../limits/cpu";
import { dispatcher, maskRunResult } from "../host-call";
import type { RunScriptInput, RunScriptResult } from "../script-types";
import { sdkCallables } from "../sdk-definition";
import { acquirePythonRun, takeInterpreter } from "./pool";

type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

const SYNC_NAMES = sdkCallables()
  .filter((c) => c.def.binding === "host-sync")
  .map((c) => c.qualifiedName);

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function runPythonScript(input: RunScriptInput): Promise<RunScriptResult> {
  const started = performance.now();
  const limits: SandboxLimits = {
    ...DEFAULT_LIMITS,
    ...input.limits,
    ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
    ...(input.memoryMb !== undefined ? { memoryMb: input.memoryMb } : {}),
  };
  const requestedTz = input.timezone || "Asia/Shanghai";
  const timezone = isValidTimezone(requestedTz) ? requestedTz : "UTC";
  const traceId = input.traceId ?? randomUUID();
  const abort = new AbortController();
  const ctx: RunContext = {
    taskId: input.taskId,
    tenantId: input.tenantId,
    traceId,
    params:
      input.params && typeof input.params === "object" && !Array.isArray(input.params) ? input.params : {},
    timezone,
    mode: input.mode ?? "run",
    limits,
    signal: abort.signal,
    output: new RunOutput(limits.outputBytes, timezone),
    localVars: new Map(),
    networkCalls: 0,
    limitHit: null,
    cpu: new CpuHold(
      input.tenantId,
      input.priority ?? (input.mode === "test" ? INTERACTIVE : BACKGROUND),
      input.signal ? AbortSignal.any([abort.signal, input.signal]) : abort.signal,
    ),
  };
  input.onOutput?.(() => ctx.output.text());

  const finish = (
    ok: boolean,
    result: TMessageResult | null,
    error: string | null,
    limit: LimitName | null,
  ): RunScriptResult =>
    maskRunResult(ctx.output, {
      success: ok,
      result: ok ? result : null,
      output: ctx.output.text(),
      error,
      duration_ms: Math.round(performance.now() - started),
      limit: limit ?? (ctx.output.truncated ? "output" : null),
    });

  if (timezone !== requestedTz) return finish(false, null, `无效的时区：${requestedTz}`, null);

  // Live interpreters are bounded by memory (PYTHON_MAX_LIVE); the wall clock starts once the run
  // has room and covers getting an interpreter (restored for it when the pool is empty).
  let releaseRun: () => void;
  try {
    releaseRun = await acquirePythonRun(input.signal);
  } catch {
    ctx.cpu!.close();
    return { ...finish(false, null, CANCELLED_MESSAGE, null), cancelled: true };
  }
  let isolate: ivm.Isolate | undefined;
  let timedOut = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
    if (isolate && !isolate.isDisposed) isolate.dispose();
  }, limits.timeoutSeconds * 1000);
  const onCancel = () => {
    cancelled = true;
    abort.abort();
    if (isolate && !isolate.isDisposed) isolate.dispose();
  };
  if (input.signal?.aborted) onCancel();
  else input.signal?.addEventListener("abort", onCancel, { once: true });

  try {
    // Restores are bounded by the pool (one per core); executing Python takes a CPU slot.
    const interp = await takeInterpreter();
    isolate = interp.isolate;
    if (!timedOut && !cancelled) await ctx.cpu!.acquire();
    if (timedOut || cancelled) {
      isolate.dispose();
      if (cancelled) return { ...finish(false, null, CANCELLED_MESSAGE, null), cancelled: true };
      return finish(false, null, `超出执行时间限制 ${limits.timeoutSeconds}s`, "timeout");
    }
    const jail = interp.context.global;
    jail.setSync("__sdk_sync", new ivm.Reference(dispatcher(ctx, true)));
    jail.setSync("__sdk_async", new ivm.Reference(dispatcher(ctx, false)));
    const config = JSON.stringify({
      task_id: ctx.taskId,
      tenant_id: ctx.tenantId,
      trace_id: traceId,
      timezone,
      heap_max: limits.memoryMb * 1024 * 1024,
      sync_names: SYNC_NAMES,
    });
    const runFn = (await jail.get("__pyRun", { reference: true })) as ivm.Reference<
      (script: string, config: string) => string
    >;
    const raw = await runFn.apply(undefined, [input.script, config], {
      timeout: limits.timeoutSeconds * 1000,
      result: { copy: true },
    });
    let envelope: Envelope;
    try {
      envelope = JSON.parse(String(raw)) as Envelope;
    } catch {
      envelope = { ok: false, error: "result 无法转换为 JSON" };
    }
    if (ctx.limitHit) {
      const where = envelope.ok ? "" : `\n${envelope.error}`;
      return finish(false, null, ctx.limitHit.message + where, ctx.limitHit.limit);
    }
    if (!envelope.ok) {
      const memory = /\bMemoryError\b/.test(envelope.error.split("\n").pop() ?? "");
      return finish(
        false,
        null,
        memory ? `超出内存限制 ${limits.memoryMb} MB\n${envelope.error}` : envelope.error,
        memory ? "memory" : null,
      );
    }
    try {
      return finish(true, parseMessageResult(envelope.value), null, null);
    } catch (err) {
      if (err instanceof AppError)
        return finish(
          false,
          null,
          `result 格式不正确：${err.message.replace(/^Invalid result: /, "")}`,
          null,
        );
      throw err;
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (cancelled) return { ...finish(false, null, CANCELLED_MESSAGE, null), cancelled: true };
    if (timedOut || /timed out/i.test(message))
      return finish(false, null, `超出执行时间限制 ${limits.timeoutSeconds}s`, "timeout");
    if (/memory limit/i.test(message) || /out of memory/i.test(message))
      return finish(false, null, `超出内存限制 ${limits.memoryMb} MB`, "memory");
    if (ctx.limitHit) return finish(false, null, ctx.limitHit.message, ctx.limitHit.limit);
    logger.error({ err, trace_id: traceId }, "python sandbox run failed on the host side");
    return finish(false, null, `脚本执行失败：${message}`, null);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener("abort", onCancel);
    abort.abort();
    if (isolate && !isolate.isDisposed) isolate.dispose();
    ctx.cpu!.close();
    releaseRun();
  }
}
