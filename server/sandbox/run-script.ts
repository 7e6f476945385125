import { randomUUID } from "node:crypto";
import ivm from "isolated-vm";
import { AppError } from "../errors";
import { BACKGROUND, INTERACTIVE } from "../limits";
import { CpuHold } from "../limits/cpu";
import { logger } from "../logger";
import { parseMessageResult, type TMessageResult } from "../notify/message-schema";
import { dayjsSources } from "./dayjs-bundle";
import { dispatcher, maskRunResult } from "./host-call";
import { preludeSource } from "./prelude";
import { runPythonScript } from "./python/run-python";
import {
  CANCELLED_MESSAGE,
  DEFAULT_LIMITS,
  RunOutput,
  type LimitName,
  type RunContext,
  type SandboxLimits,
} from "./run-context";

// The types live in script-types.ts so the runners (host-call, python/) need not import this file.
export type { RunScriptInput, RunScriptResult } from "./script-types";
import type { RunScriptInput, RunScriptResult } from "./script-types";

export const SCRIPT_FILENAME = "script.js";

// The user's code starts on the wrapper's second line; lineOffset -1 makes V8 count from it.
const WRAP_HEAD = "__sdk_drive(async function () {\n";
const WRAP_TAIL = '\n;return typeof result === "undefined" ? undefined : result;\n})';

type Compiled = { source: string; filename: string; cachedData?: ivm.ExternalCopy<ArrayBuffer> };
// The typings omit the code-cache fields isolated-vm sets on the compiled script.
type CachedScript = ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer>; cachedDataRejected?: boolean };
const compileCache = new Map<string, Compiled>();

/** Compiles a fixed script (dayjs, prelude), reusing V8's code cache across isolates. */
async function compileFixed(isolate: ivm.Isolate, filename: string, source: string): Promise<ivm.Script> {
  const cached = compileCache.get(filename);
  if (cached?.cachedData && cached.source === source) {
    const script: CachedScript = await isolate.compileScript(source, {
      filename,
      cachedData: cached.cachedData,
    });
    if (!script.cachedDataRejected) return script;
  }
  const script: CachedScript = await isolate.compileScript(source, { filename, produceCachedData: true });
  compileCache.set(filename, { source, filename, cachedData: script.cachedData });
  return script;
}

let bootstrap: string | undefined;
/** dayjs and its plugins, then the prelude: one script, compiled once per isolate from V8's cache. */
function bootstrapSource(): string {
  bootstrap ??= [...dayjsSources().map((f) => `;${f.source}\n`), preludeSource()].join("\n");
  return bootstrap;
}

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

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs one script in a fresh isolate and reports what happened. Never throws for the script's
 * fault: syntax errors, exceptions, limits and an invalid `result` all come back as
 * `{ success: false, error }` with the script's own line:column.
 */
export async function runScript(input: RunScriptInput): Promise<RunScriptResult> {
  if (input.language === "python") return runPythonScript(input);
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
  const lineCount = input.script.split("\n").length;
  input.onOutput?.(() => ctx.output.text());

  const finish = (
    ok: boolean,
    result: TMessageResult | null,
    error: string | null,
    limit: LimitName | null,
  ): RunScriptResult =>
    // Where the run leaves the sandbox: everything it reports is masked here, once.
    maskRunResult(ctx.output, {
      success: ok,
      result: ok ? result : null,
      output: ctx.output.text(),
      error,
      duration_ms: Math.round(performance.now() - started),
      limit: limit ?? (ctx.output.truncated ? "output" : null),
    });

  if (timezone !== requestedTz) return finish(false, null, `无效的时区：${requestedTz}`, null);

  // JavaScript executing is bounded by the cores: wait for a CPU slot before building the
  // isolate. The wall-clock timeout starts once the script has one.
  try {
    await ctx.cpu!.acquire();
  } catch {
    // Cancelled while waiting for a slot.
    return { ...finish(false, null, CANCELLED_MESSAGE, null), cancelled: true };
  }
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
    if (!isolate.isDisposed) isolate.dispose();
  }, limits.timeoutSeconds * 1000);
  let cancelled = false;
  const onCancel = () => {
    cancelled = true;
    abort.abort();
    if (!isolate.isDisposed) isolate.dispose();
  };
  if (input.signal?.aborted) onCancel();
  else input.signal?.addEventListener("abort", onCancel, { once: true });

  try {
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

    const context = await isolate.createContext();
    const jail = context.global;
    // Sync setters: each async call is a thread hop, and these take microseconds.
    jail.setSync("__sdk_sync", new ivm.Reference(dispatcher(ctx, true)));
    jail.setSync("__sdk_async", new ivm.Reference(dispatcher(ctx, false)));
    jail.setSync(
      "__sdk_config",
      JSON.stringify({ task_id: ctx.taskId, tenant_id: ctx.tenantId, trace_id: traceId, timezone }),
    );
    await (await compileFixed(isolate, "sdk-prelude.js", bootstrapSource())).run(context);

    const raw: unknown = await userScript.run(context, { promise: true, copy: true });
    const envelope = JSON.parse(String(raw)) as Envelope;

    const frames = envelope.ok ? [] : userFrames(envelope.error.frames, lineCount).map((f) => `    ${f}`);
    if (ctx.limitHit)
      return finish(false, null, [ctx.limitHit.message, ...frames].join("\n"), ctx.limitHit.limit);
    if (!envelope.ok) return finish(false, null, [envelope.error.message, ...frames].join("\n"), null);
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
    logger.error({ err, trace_id: traceId }, "sandbox run failed on the host side");
    return finish(false, null, `脚本执行失败：${message}`, null);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener("abort", onCancel);
    abort.abort();
    if (!isolate.isDisposed) isolate.dispose();
    ctx.cpu!.close();
  }
}
