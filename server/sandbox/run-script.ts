import ivm from "isolated-vm";
import { logger } from "../logger";
import { HeapWatch } from "./heap-watch";
import { settleOrDisposed } from "./isolate-settle";
import { bindRun, prepareIsolate } from "./js-isolate";
import { takeWarmIsolate } from "./js-pool";
import { runPythonScript } from "./python/run-python";
import { setUpRun } from "./run-setup";

// The types live in script-types.ts so the runners (host-call, python/) need not import this file.
export type { RunScriptInput, RunScriptResult } from "./script-types";
import type { RunScriptInput, RunScriptResult } from "./script-types";

export const SCRIPT_FILENAME = "script.js";

// The user's code starts on the wrapper's second line; lineOffset -1 makes V8 count from it.
const WRAP_HEAD = "__sdk_drive(async function () {\n";
const WRAP_TAIL = '\n;return typeof result === "undefined" ? undefined : result;\n})';

type Envelope = { ok: true; value: unknown } | { ok: false; error: { message: string; frames: string[] } };

/** "at fn (script.js:3:5)" lines whose line lies inside the user's script (not the wrapper). */
function userFrames(frames: string[], lineCount: number): string[] {
  const out: string[] = [];
  for (const f of frames) {
    const m = /script\.js:(\d+):(\d+)\)?$/.exec(f);
    if (!m) continue;
    const line = Number(m[1]);
    if (line < 1 || line > lineCount) continue;
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

function compileErrorMessage(err: unknown, lineCount: number): string {
  const message = err instanceof Error ? err.message : String(err);
  const m = /^(.*) \[script\.js:(\d+):(\d+)\]$/s.exec(message);
  const name = err instanceof Error && err.name ? err.name : "SyntaxError";
  if (!m) return `${name}: ${message}`;
  // "Unexpected end of input" lands on the wrapper's closing lines: point at the script's end.
  const line = Math.min(Number(m[2]), lineCount);
  const column = Number(m[2]) > lineCount ? 1 : Number(m[3]);
  return `${name}: ${m[1]}\n    at ${SCRIPT_FILENAME}:${line}:${column}`;
}

/**
 * Runs one script in a fresh isolate and reports what happened. Never throws for the script's
 * fault: syntax errors, exceptions, limits and an invalid `result` all come back as
 * `{ success: false, error }` with the script's own line:column.
 */
export async function runScript(input: RunScriptInput): Promise<RunScriptResult> {
  if (input.language === "python") return runPythonScript(input);
  const { ctx, limits, abort, timezoneError, finish, succeed, cancelled: cancelledResult } = setUpRun(input);
  const lineCount = input.script.split("\n").length;
  if (timezoneError) return finish(false, null, timezoneError, null);

  // JavaScript executing is bounded by the cores: wait for a CPU slot before building the
  // isolate. The wall-clock timeout starts once the script has one.
  try {
    await ctx.cpu!.acquire();
  } catch {
    // Cancelled while waiting for a slot.
    return cancelledResult();
  }
  let isolate: ivm.Isolate | undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
    if (isolate && !isolate.isDisposed) isolate.dispose();
  }, limits.timeoutSeconds * 1000);
  let cancelled = false;
  const onCancel = () => {
    cancelled = true;
    abort.abort();
    if (isolate && !isolate.isDisposed) isolate.dispose();
  };
  if (input.signal?.aborted) onCancel();
  else input.signal?.addEventListener("abort", onCancel, { once: true });

  try {
    // An isolate with the SDK installed: prepared in idle time by the pool, else built now.
    const prepared = takeWarmIsolate(limits.memoryMb) ?? (await prepareIsolate(limits.memoryMb));
    isolate = prepared.isolate;
    if (timedOut || cancelled) isolate.dispose();
    let userScript: ivm.Script;
    try {
      userScript = await isolate.compileScript(WRAP_HEAD + input.script + WRAP_TAIL, {
        filename: SCRIPT_FILENAME,
        lineOffset: -1,
      });
    } catch (err) {
      if (isolate.isDisposed) throw err;
      return finish(false, null, compileErrorMessage(err, lineCount), null);
    }
    bindRun(prepared, ctx);
    // From here on, what the script allocates counts against its tenant while it waits.
    ctx.heap = new HeapWatch(ctx.tenantId, isolate);

    const raw: unknown = await settleOrDisposed(
      isolate,
      userScript.run(prepared.context, { promise: true, copy: true }),
    );
    const envelope = JSON.parse(String(raw)) as Envelope;

    const frames = envelope.ok ? [] : userFrames(envelope.error.frames, lineCount).map((f) => `    ${f}`);
    if (ctx.limitHit)
      return finish(false, null, [ctx.limitHit.message, ...frames].join("\n"), ctx.limitHit.limit);
    if (!envelope.ok) return finish(false, null, [envelope.error.message, ...frames].join("\n"), null);
    return succeed(envelope.value);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (cancelled) return cancelledResult();
    if (timedOut) return finish(false, null, `超出执行时间限制 ${limits.timeoutSeconds}s`, "timeout");
    if (/memory limit/i.test(message))
      return finish(false, null, `超出内存限制 ${limits.memoryMb} MB`, "memory");
    if (ctx.limitHit) return finish(false, null, ctx.limitHit.message, ctx.limitHit.limit);
    // A promise the script left rejected without a handler ends the run, as it would in Node.
    const stack = err instanceof Error && typeof err.stack === "string" ? err.stack : "";
    if (stack.includes(`${SCRIPT_FILENAME}:`)) {
      const frames = userFrames(
        stack.split("\n").map((l) => l.trim()),
        lineCount,
      );
      const head = `${err instanceof Error ? err.name : "Error"}: ${message}`;
      return finish(
        false,
        null,
        [`未处理的 Promise 拒绝：${head}`, ...frames.map((f) => `    ${f}`)].join("\n"),
        null,
      );
    }
    logger.error({ err, trace_id: ctx.traceId }, "sandbox run failed on the host side");
    return finish(false, null, `脚本执行失败：${message}`, null);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener("abort", onCancel);
    abort.abort();
    if (isolate && !isolate.isDisposed) isolate.dispose();
    ctx.cpu!.close();
  }
}
