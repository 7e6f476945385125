import { performance } from "node:perf_hooks";
import { env } from "../env";
import { limiters, rssMb } from "../limits";
import { logger } from "../logger";
import { prepareIsolate, type PreparedIsolate } from "./js-isolate";
import { DEFAULT_LIMITS } from "./run-context";

// JavaScript isolates with the SDK installed ahead of runs, in idle time: building one is most of
// what a run costs over a bare isolate (the prelude, and ICU's first use by dayjs). Each serves
// ONE run (bound to it at take time, disposed after it) and is never shared across runs or
// tenants: before the take it holds nothing of any run. Shaped like the Python pool
// (python/pool.ts): a few kept ready (JS_POOL_SIZE), more ahead of a burst the dispatcher sees
// coming (prewarmJs(n), up to JS_POOL_MAX; the look-ahead in server/runs/prewarm-ahead.ts asks
// through server/sandbox/prewarm.ts). Isolates prepared for a burst that never came are disposed
// after POOL_LINGER_MS.

/** The zone whose formatters are warmed (the default of runs without one). */
const WARM_TIMEZONE = "Asia/Shanghai";

const ready: PreparedIsolate[] = [];
let preparing = false;
let wanted = 0;
let draining = false;
let pumpTimer: NodeJS.Timeout | undefined;
const served = { warm: 0, cold: 0 };
/** When a burst last asked for more than the idle pool (prewarmJs above JS_POOL_SIZE). */
let demandAt = 0;
let lingerTimer: NodeJS.Timeout | undefined;
/** Isolates beyond JS_POOL_SIZE are kept this long after the last request for them. */
const POOL_LINGER_MS = 30_000;

function goal(): number {
  if (draining) return 0;
  const max = Math.max(env.JS_POOL_SIZE, env.JS_POOL_MAX);
  return Math.min(max, Math.max(env.JS_POOL_SIZE, wanted));
}

let eluMark = performance.eventLoopUtilization();
/** The main thread was busy less than half the time since the last look (database work counts). */
function mainThreadIdle(): boolean {
  const now = performance.eventLoopUtilization();
  const since = performance.eventLoopUtilization(now, eluMark);
  eluMark = now;
  return since.utilization < 0.5;
}

/**
 * Idle time: no script is executing or waiting for a CPU slot (preparing an isolate executes
 * JavaScript outside the slots and shares isolated-vm's threads with the runs), the main thread is
 * not busy (a burst's statements hold no CPU slot), and the process is under its memory budget
 * (pooled isolates are part of the RSS the run admission checks). A prepared isolate costs more
 * CPU than one built inside a run (its warm-up repeats part of the run's first dayjs() call), and
 * preparing beside running runs slowed them (bench/sandbox.ts, "back to back"), so the pool fills
 * only while the CPU would otherwise idle; in a busy stretch runs build their own isolates.
 */
function idle(): boolean {
  const cpu = limiters().cpu;
  return cpu.waiting === 0 && cpu.inUse === 0 && mainThreadIdle() && rssMb() < env.RUNS_MEMORY_BUDGET_MB;
}

function later(ms: number): void {
  pumpTimer ??= setTimeout(() => {
    pumpTimer = undefined;
    pump();
  }, ms);
  // Keeps the process alive only for someone awaiting prewarmJs (benches, tests).
  if (readyWaiters.length === 0) pumpTimer.unref();
  else pumpTimer.ref();
}

/** Prepares one isolate at a time while the pool is below its goal and the process is idle. */
function pump(): void {
  if (preparing) return;
  if (ready.length >= goal()) {
    wanted = 0;
    notify(true);
    return;
  }
  if (!idle()) return later(20);
  preparing = true;
  prepareIsolate(DEFAULT_LIMITS.memoryMb, WARM_TIMEZONE).then(
    (p) => {
      preparing = false;
      if (draining) p.isolate.dispose();
      else ready.push(p);
      notify();
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

const readyWaiters: { n: number; resolve: () => void }[] = [];
/** Resolves the prewarm promises whose count the pool holds (all of them once its goal is met). */
function notify(goalMet = false): void {
  for (let i = readyWaiters.length - 1; i >= 0; i--) {
    const w = readyWaiters[i]!;
    if (goalMet || draining || ready.length >= w.n) {
      readyWaiters.splice(i, 1);
      w.resolve();
    }
  }
}

/**
 * Asks the pool to hold `n` prepared isolates (bounded by JS_POOL_MAX) ahead of a burst of
 * JavaScript runs the dispatcher sees coming. Returns at once; they are prepared in idle time.
 */
export function prewarmJs(n: number): void {
  if (!(n > 0)) return;
  const target = Math.min(Math.floor(n), Math.max(env.JS_POOL_SIZE, env.JS_POOL_MAX));
  wanted = Math.max(wanted, target);
  if (target > env.JS_POOL_SIZE) {
    demandAt = Date.now();
    lingerTimer ??= setInterval(shrinkAfterBurst, POOL_LINGER_MS / 3).unref();
  }
  pump();
}

/** prewarmJs(n), resolved once the pool holds them (or its goal, or it is drained): benches, tests. */
export function jsPoolReady(n: number): Promise<void> {
  const done = new Promise<void>((resolve) => readyWaiters.push({ n, resolve }));
  prewarmJs(n);
  notify();
  return done;
}

/** Disposes the isolates beyond JS_POOL_SIZE once nobody has asked for them for a while. */
function shrinkAfterBurst(): void {
  if (Date.now() - demandAt < POOL_LINGER_MS) return;
  wanted = 0;
  while (ready.length > env.JS_POOL_SIZE) {
    const extra = ready.pop()!;
    if (!extra.isolate.isDisposed) extra.isolate.dispose();
  }
  clearInterval(lingerTimer);
  lingerTimer = undefined;
}

/** Isolates ready and runs served from the pool or not, for metrics and benches. */
export function jsPoolStats(): { ready: number; preparing: boolean; servedWarm: number; servedCold: number } {
  return { ready: ready.length, preparing, servedWarm: served.warm, servedCold: served.cold };
}

/**
 * Stops refilling and disposes every pooled isolate (shutdown). With `reopen` the pool starts
 * empty again and refills as usual (benches measuring the cold path, tests).
 */
export function drainJsPool(opts: { reopen?: boolean } = {}): void {
  draining = true;
  wanted = 0;
  clearInterval(lingerTimer);
  lingerTimer = undefined;
  for (const p of ready.splice(0)) if (!p.isolate.isDisposed) p.isolate.dispose();
  notify();
  draining = !opts.reopen;
}
