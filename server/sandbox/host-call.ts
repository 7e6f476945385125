import { logger } from "../logger";
import { HOST_BINDINGS } from "./bindings";
import { LimitError, ScriptFacingError, type RunContext, type RunOutput } from "./run-context";
import type { RunScriptResult } from "./script-types";

/**
 * The one host-call wrapper: every SDK call from a sandboxed script (JavaScript or Python) goes
 * through it to HOST_BINDINGS, with JSON strings in and out.
 */
export function dispatcher(ctx: RunContext, sync: boolean) {
  const reply = (value: unknown) => JSON.stringify({ v: value === undefined ? null : value });
  const fail = (name: string, err: unknown) => {
    if (err instanceof LimitError) {
      ctx.limitHit ??= err;
      return JSON.stringify({ e: `${name}(): ${err.message}` });
    }
    if (err instanceof ScriptFacingError) return JSON.stringify({ e: err.message });
    logger.error({ err, trace_id: ctx.traceId, sdk: name }, "sandbox host binding failed");
    return JSON.stringify({ e: `${name}(): 平台内部错误，请稍后重试（trace_id ${ctx.traceId}）` });
  };
  // wasmGrowth: passed by the Python driver only (see HeapWatch); JavaScript scripts cannot reach it.
  return (name: unknown, payload: unknown, wasmGrowth?: unknown): string | Promise<string> => {
    // The run is over (timeout, cancel, end): a script still running for a moment after its
    // isolate's disposal was requested reaches nothing any more (no output, no network).
    if (ctx.signal.aborted) {
      const ended = JSON.stringify({ e: "run ended" });
      return sync ? ended : Promise.resolve(ended);
    }
    const fn =
      typeof name === "string" && Object.hasOwn(HOST_BINDINGS, name) ? HOST_BINDINGS[name] : undefined;
    if (!fn) return JSON.stringify({ e: `未知的 SDK 函数：${String(name)}` });
    let args: unknown[];
    try {
      const parsed: unknown = JSON.parse(String(payload));
      args = Array.isArray(parsed) ? parsed : [];
    } catch {
      return JSON.stringify({ e: `${name}(): 参数无法解析` });
    }
    try {
      if (!sync && ctx.cpu) {
        // A host call that may wait: the script's CPU slot is free meanwhile (server/limits/cpu.ts),
        // but its isolate's memory stays held, charged to the tenant until the script resumes.
        // Over the budget, park() throws (the run fails; HeapWatch ends its isolate).
        const parking = ctx.heap?.park(name as string, wasmGrowth);
        const cpu = ctx.cpu;
        return cpu
          .hostCall(async () => fn(ctx, args))
          .finally(() => parking?.release())
          .then(reply, (err: unknown) => fail(name as string, err));
      }
      const out = fn(ctx, args);
      if (out instanceof Promise) {
        if (sync) return fail(name as string, new Error("sync binding returned a promise"));
        return out.then(reply, (err: unknown) => fail(name as string, err));
      }
      return sync ? reply(out) : Promise.resolve(reply(out));
    } catch (err) {
      return sync ? fail(name as string, err) : Promise.resolve(fail(name as string, err));
    }
  };
}

/**
 * Masks every secret the run read in what it hands back (output, error, `result`). The single exit
 * of a sandboxed run: the JavaScript runtime calls it, and so must any other language's runtime.
 */
export function maskRunResult(output: RunOutput, res: RunScriptResult): RunScriptResult {
  return {
    ...res,
    output: output.mask(res.output),
    error: res.error === null ? null : output.mask(res.error),
    result: res.result === null ? null : output.maskDeep(res.result),
  };
}
