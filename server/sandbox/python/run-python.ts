import ivm from "isolated-vm";
import { logger } from "../../logger";
import { HeapWatch } from "../heap-watch";
import { dispatcher } from "../host-call";
import { settleOrDisposed } from "../isolate-settle";
import { setUpRun } from "../run-setup";
import type { RunScriptInput, RunScriptResult } from "../script-types";
import { sdkCallables } from "../sdk-definition";
import { acquirePythonRun, takeInterpreter } from "./pool";

type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

const SYNC_NAMES = sdkCallables()
  .filter((c) => c.def.binding === "host-sync")
  .map((c) => c.qualifiedName);

export async function runPythonScript(input: RunScriptInput): Promise<RunScriptResult> {
  const { ctx, limits, abort, timezoneError, finish, succeed, cancelled: cancelledResult } = setUpRun(input);
  if (timezoneError) return finish(false, null, timezoneError, null);

  // Live interpreters are bounded by memory (PYTHON_MAX_LIVE); the wall clock starts once the run
  // has room and covers getting an interpreter (restored for it when the pool is empty).
  let releaseRun: () => void;
  try {
    releaseRun = await acquirePythonRun(input.signal);
  } catch {
    ctx.cpu!.close();
    return cancelledResult();
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
    // A CPU slot first, then the interpreter (~85 MB, restored by the pool, one per core): runs
    // waiting for a slot hold no interpreter, so a burst of one tenant's runs costs no memory.
    await ctx.cpu!.acquire();
    const interp = await takeInterpreter();
    isolate = interp.isolate;
    if (timedOut || cancelled) {
      isolate.dispose();
      if (cancelled) return cancelledResult();
      return finish(false, null, `超出执行时间限制 ${limits.timeoutSeconds}s`, "timeout");
    }
    const jail = interp.context.global;
    jail.setSync("__sdk_sync", new ivm.Reference(dispatcher(ctx, true)));
    jail.setSync("__sdk_async", new ivm.Reference(dispatcher(ctx, false)));
    const config = JSON.stringify({
      task_id: ctx.taskId,
      tenant_id: ctx.tenantId,
      trace_id: ctx.traceId,
      timezone: ctx.timezone,
      heap_max: limits.memoryMb * 1024 * 1024,
      sync_names: SYNC_NAMES,
    });
    // What Pyodide holds now is the platform's; what the script adds (JS heap, wasm growth) counts.
    ctx.heap = new HeapWatch(ctx.tenantId, isolate, true);
    const runFn = (await jail.get("__pyRun", { reference: true })) as ivm.Reference<
      (script: string, config: string) => string
    >;
    const raw = await settleOrDisposed(
      isolate,
      runFn.apply(undefined, [input.script, config], {
        timeout: limits.timeoutSeconds * 1000,
        result: { copy: true },
      }),
    );
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
    return succeed(envelope.value);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (cancelled) return cancelledResult();
    if (timedOut || /timed out/i.test(message))
      return finish(false, null, `超出执行时间限制 ${limits.timeoutSeconds}s`, "timeout");
    if (/memory limit/i.test(message) || /out of memory/i.test(message))
      return finish(false, null, `超出内存限制 ${limits.memoryMb} MB`, "memory");
    if (ctx.limitHit) return finish(false, null, ctx.limitHit.message, ctx.limitHit.limit);
    logger.error({ err, trace_id: ctx.traceId }, "python sandbox run failed on the host side");
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
