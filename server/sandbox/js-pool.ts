import { env } from "../env";
import { cpuSlotCount, limiters, rssMb } from "../limits";
import { logger } from "../logger";
import { prepareIsolate, type PreparedIsolate } from "./js-isolate";
import { DEFAULT_LIMITS } from "./run-context";

// JavaScript isolates with the SDK installed ahead of runs, in idle time: building one is most of
// what a run costs over a bare isolate (the prelude, and ICU's first use by dayjs). Each serves
// ONE run (bound to it at take time, disposed after it) and is never shared across runs or
// tenants: before the take it holds nothing of any run. Shaped like the Python pool
// (python/pool.ts): a few kept ready (JS_POOL_SIZE), more ahead of a burst the dispatcher sees
// coming (prewarmJs(n), up to JS_POOL_MAX).

/** The zone whose formatters are warmed (the default of runs without one). */
const WARM_TIMEZONE = "Asia/Shanghai";

const ready: PreparedIsolate[] = [];
let preparing = false;
let wanted = 0;
let draining = false;
let pumpTimer: NodeJS.Timeout | undefined;
const served = { warm: 0, cold: 0 };

function goal(): number {
  if (draining) return 0;
  const max = Math.max(env.JS_POOL_SIZE, env.JS_POOL_MAX);
  return Math.min(max, Math.max(env.JS_POOL_SIZE, wanted));
}

/**
 * Idle time: a CPU slot is free and no script waits for one (preparing an isolate executes
 * JavaScript outside the slots, so it must not take a core a run is waiting for), and the process
 * is under its memory budget (pooled isolates are part of the RSS the run admission checks).
 */
function idle(): boolean {
  const cpu = limiters().cpu;
  return cpu.waiting === 0 && cpu.inUse < cpuSlotCount() && rssMb() < env.RUNS_MEMORY_BUDGET_MB;
}

function later(ms: number): void {
  if (pumpTimer) return;
  pumpTimer = setTimeout(() => {
    pumpTimer = undefined;
    pump();
  }, ms);
  pumpTimer.unref();
}

/** Prepares one isolate at a time while the pool is below its goal and the process is idle. */
function pump(): void {
  if (preparing) return;
  if (ready.length >= goal()) {
    wanted = 0;
    return;
  }
  if (!idle()) return later(20);
  preparing = true;
  prepareIsolate(DEFAULT_LIMITS.memoryMb, WARM_TIMEZONE).then(
    (p) => {
      preparing = false;
      if (draining) p.isolate.dispose();
      else ready.push(p);
      setImmediate(pump);
    },
    (err: unknown) => {
      preparing = false;
      logger.error({ err }, "preparing a JavaScript isolate failed");
      later(1000);
    },
  );
}

/**
 * A prepared isolate for one run, or undefined when none is ready (or the run wants another
 * memory limit than the pool's): the caller then prepares one itself. The pool refills after.
 */
export function takeWarmIsolate(memoryMb: number): PreparedIsolate | undefined {
  let p: PreparedIsolate | undefined;
  if (memoryMb === DEFAULT_LIMITS.memoryMb) {
    p = ready.shift();
    while (p && p.isolate.isDisposed) p = ready.shift();
  }
  if (p) served.warm += 1;
  else served.cold += 1;
  // Refill once the run has started (it holds the CPU slot it took; pump waits for a free one).
  setImmediate(pump);
  return p;
}

/**
 * Asks the pool to hold `n` prepared isolates (bounded by JS_POOL_MAX) ahead of a burst of
 * JavaScript runs the dispatcher sees coming. Returns at once; they are prepared in idle time.
 */
export function prewarmJs(n: number): void {
  if (!(n > 0)) return;
  draining = false;
  wanted = Math.max(wanted, Math.floor(n));
  pump();
}

/** Isolates ready and runs served from the pool or not, for metrics and benches. */
export function jsPoolStats(): { ready: number; preparing: boolean; servedWarm: number; servedCold: number } {
  return { ready: ready.length, preparing, servedWarm: served.warm, servedCold: served.cold };
}

/** Stops refilling and disposes every pooled isolate (shutdown; benches measuring the cold path). */
export function drainJsPool(): void {
  draining = true;
  wanted = 0;
  for (const p of ready.splice(0)) if (!p.isolate.isDisposed) p.isolate.dispose();
}
