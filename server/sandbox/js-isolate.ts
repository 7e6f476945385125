import ivm from "isolated-vm";
import { dayjsSources } from "./dayjs-bundle";
import { dispatcher } from "./host-call";
import { preludeSource } from "./prelude";
import type { RunContext } from "./run-context";
import { compileFixed } from "./code-cache";

// An isolate with the JavaScript SDK installed and not yet bound to any run: built for a run on
// the spot, or ahead of time by the pool (js-pool.ts). Either way it serves exactly one run.

type BindFn = (syncRef: unknown, asyncRef: unknown, configJson: string) => void;

export type PreparedIsolate = {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** The prelude's bind(): hands the run's host-call references and values in (once). */
  bind: ivm.Reference<BindFn>;
  memoryMb: number;
};

let bootstrap: string | undefined;
/** dayjs and its plugins, then the prelude: one script, compiled once per isolate from V8's cache. */
function bootstrapSource(): string {
  bootstrap ??= [...dayjsSources().map((f) => `;${f.source}\n`), preludeSource()].join("\n");
  return bootstrap;
}

/**
 * A fresh isolate with the SDK installed. `warmTimezone`: also format a date in that zone once,
 * so ICU's per-isolate setup, dayjs's lazily compiled code and the zone's two formatters (the
 * largest part of a first dayjs() call, ~1 ms) are ready before the run; what it leaves is the
 * same for every run. From UTC, so no formatter of a zone no run asked for is built.
 */
export async function prepareIsolate(memoryMb: number, warmTimezone?: string): Promise<PreparedIsolate> {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  try {
    const context = await isolate.createContext();
    const prelude = await compileFixed(isolate, "sdk-prelude.js", bootstrapSource());
    const bind = (await prelude.run(context, { reference: true })) as ivm.Reference<BindFn>;
    if (warmTimezone) {
      const warm = `dayjs.utc().tz(${JSON.stringify(warmTimezone)}).format("YYYY-MM-DD HH:mm:ss");undefined`;
      await (await compileFixed(isolate, "sdk-warm.js", warm)).run(context);
    }
    return { isolate, context, bind, memoryMb };
  } catch (err) {
    if (!isolate.isDisposed) isolate.dispose();
    throw err;
  }
}

/** Binds a prepared isolate to its one run: host calls go to this run's context from now on. */
export function bindRun(prepared: PreparedIsolate, ctx: RunContext): void {
  // Sync: the call takes microseconds, and each async call is a thread hop.
  prepared.bind.applySync(undefined, [
    new ivm.Reference(dispatcher(ctx, true)),
    new ivm.Reference(dispatcher(ctx, false)),
    JSON.stringify({
      task_id: ctx.taskId,
      tenant_id: ctx.tenantId,
      trace_id: ctx.traceId,
      timezone: ctx.timezone,
    }),
  ]);
  prepared.bind.release();
}
