import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../env";
import { cpuSlotCount, rssMb } from "../../limits";
import { logger } from "../../logger";
import { pyodideAssets } from "./assets";
import { bootInterpreter, makeSnapshot, type PyInterpreter } from "./interpreter";
import { pythonSdkSource } from "./sdk-python";
import { SHELL_SOURCE } from "./shell";
import { snapshotImage, type SnapshotImage } from "./snapshot-image";

// Interpreters restored from one memory snapshot, each used for ONE run and then disposed. The
// pool keeps a few restored ahead of time (refilled one at a time in idle time) and the
// dispatcher's look-ahead asks for more ahead of a burst it sees coming: prewarmPython(n).
// Interpreters restored for a burst that never came are disposed after POOL_LINGER_MS.

const CACHE_DIR = path.join(process.cwd(), ".cache", "pyodide");

let snapshotPromise: Promise<SnapshotImage> | undefined;

/** What the snapshot depends on: a cached file is used only when this matches its name. */
function snapshotKey(): string {
  const a = pyodideAssets();
  const h = createHash("sha256");
  for (const part of [
    a.version,
    a.asmSource,
    a.loaderSource,
    SHELL_SOURCE,
    pythonSdkSource(),
    process.version,
  ])
    h.update(part).update("\0");
  return `snapshot-${a.version}-${h.digest("hex").slice(0, 16)}.bin`;
}

async function loadOrMakeSnapshot(): Promise<SnapshotImage> {
  const file = path.join(CACHE_DIR, snapshotKey());
  try {
    const buf = readFileSync(file);
    if (buf.byteLength > 1024 * 1024) {
      // Validate by restoring once: a corrupt file is rebuilt.
      try {
        const image = snapshotImage(buf);
        const probe = await bootInterpreter(image);
        probe.isolate.dispose();
        return image;
      } catch (err) {
        logger.warn({ err, file }, "cached Pyodide snapshot is unusable; rebuilding it");
        rmSync(file, { force: true });
      }
    }
  } catch {
    // No cached snapshot: make one.
  }
  const started = performance.now();
  const bytes = await makeSnapshot();
  logger.info(
    { ms: Math.round(performance.now() - started), mb: Math.round(bytes.byteLength / 1e6) },
    "Pyodide memory snapshot made",
  );
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, new Uint8Array(bytes));
    renameSync(tmp, file);
  } catch (err) {
    logger.warn({ err }, "could not cache the Pyodide snapshot on disk");
  }
  return snapshotImage(new Uint8Array(bytes));
}

/** The memory snapshot every interpreter is restored from (made once per process, or read from disk). */
export function pythonSnapshot(): Promise<SnapshotImage> {
  snapshotPromise ??= loadOrMakeSnapshot().catch((err: unknown) => {
    snapshotPromise = undefined;
    throw err;
  });
  return snapshotPromise;
}

const ready: PyInterpreter[] = [];
let booting = 0;
let wanted = 0;
let draining = false;
/** When a burst last asked for more than the idle pool (prewarmPython above PYTHON_POOL_SIZE). */
let demandAt = 0;
let lingerTimer: NodeJS.Timeout | undefined;

/** Interpreters beyond PYTHON_POOL_SIZE are kept this long after the last request for them. */
const POOL_LINGER_MS = 30_000;
/**
 * An upper bound of the RSS one restored interpreter adds (bench/python.ts: 25-36 MB pooled, up to
 * ~65 MB restored for a run): restores ahead of a burst stop before they would push the process
 * past RUNS_MEMORY_BUDGET_MB, where runs stop being admitted.
 */
const INTERPRETER_RSS_MB = 64;
/** Runs waiting for an interpreter to be restored for them (served before the pool's refill). */
const forRuns: { resolve: (i: PyInterpreter) => void; reject: (e: unknown) => void }[] = [];

function idleTarget(): number {
  return env.PYTHON_POOL_SIZE;
}

/** More pooled than can run at once (PYTHON_MAX_LIVE) would only wait for the next ones. */
function maxPooled(): number {
  return Math.min(Math.max(env.PYTHON_POOL_SIZE, env.PYTHON_POOL_MAX), env.PYTHON_MAX_LIVE);
}

/** Room in the memory budget for one more interpreter restored ahead of time. */
function memoryAllowsOneMore(): boolean {
  return rssMb() + INTERPRETER_RSS_MB <= env.RUNS_MEMORY_BUDGET_MB;
}

/** Restores at once: one per core (a restore is ~0.5 s of CPU); more would only slow each down. */
function restoreSlots(): number {
  return cpuSlotCount();
}

/**
 * Restores one interpreter. Ahead of time (`compact`) its boot garbage is collected first: it then
 * holds about half the RSS while it waits in the pool, for ~150 ms more CPU; a run waiting for its
 * interpreter does not pay that.
 */
function startRestore(
  compact: boolean,
  onDone: (i: PyInterpreter) => void,
  onError: (e: unknown) => void,
): void {
  booting += 1;
  pythonSnapshot()
    .then((image) => {
      image.verify();
      return bootInterpreter(image, { compact });
    })
    .then(
      (interp) => {
        booting -= 1;
        onDone(interp);
        setImmediate(pump);
      },
      (err: unknown) => {
        booting -= 1;
        onError(err);
        setImmediate(pump);
      },
    );
}

/**
 * Starts restores while there is room: first for runs waiting on one, then to refill the pool
 * (one at a time in idle time; with every slot when a burst was announced by prewarmPython).
 */
function pump(): void {
  while (forRuns.length > 0 && booting < restoreSlots()) {
    const run = forRuns.shift()!;
    startRestore(false, run.resolve, run.reject);
  }
  const goal = draining ? 0 : Math.min(maxPooled(), Math.max(idleTarget(), wanted));
  const slots = wanted > ready.length ? restoreSlots() : 1;
  while (
    forRuns.length === 0 &&
    booting < slots &&
    ready.length + booting < goal &&
    (ready.length + booting < idleTarget() || memoryAllowsOneMore())
  ) {
    startRestore(
      true,
      (interp) => ready.push(interp),
      (err) => logger.error({ err }, "restoring a Python interpreter failed"),
    );
  }
  if (ready.length >= goal) wanted = 0;
}

/**
 * Asks the pool to hold `n` restored interpreters (bounded by PYTHON_POOL_MAX) ahead of a burst
 * of Python runs the dispatcher sees coming. Returns at once; restores run in the background.
 */
export function prewarmPython(n: number): void {
  if (!(n > 0)) return;
  wanted = Math.max(wanted, Math.min(Math.floor(n), maxPooled()));
  if (n > idleTarget()) {
    demandAt = Date.now();
    lingerTimer ??= setInterval(shrinkAfterBurst, POOL_LINGER_MS / 3).unref();
  }
  pump();
}

/** Disposes the interpreters beyond PYTHON_POOL_SIZE once nobody has asked for them for a while. */
function shrinkAfterBurst(): void {
  if (Date.now() - demandAt < POOL_LINGER_MS) return;
  wanted = 0;
  while (ready.length > idleTarget()) {
    const extra = ready.pop()!;
    if (!extra.isolate.isDisposed) extra.isolate.dispose();
  }
  clearInterval(lingerTimer);
  lingerTimer = undefined;
}

/** Runs served by a pooled interpreter (warm) or one restored for them (after they asked). */
const served = { warm: 0, restored: 0 };

/** Interpreters ready and being restored, runs live and waiting, how runs were served. */
export function pythonPoolStats(): {
  ready: number;
  booting: number;
  live: number;
  waiting: number;
  served: { warm: number; restored: number };
} {
  return { ready: ready.length, booting, live, waiting: waiters.length, served: { ...served } };
}

/** A restored interpreter for one run: from the pool when one is ready, else restored for it. */
export async function takeInterpreter(): Promise<PyInterpreter & { warm: boolean }> {
  let interp = ready.shift();
  while (interp && interp.isolate.isDisposed) interp = ready.shift();
  // Refill a little later, so the restore does not compete with the run just started.
  setTimeout(pump, 100).unref();
  if (interp) {
    served.warm += 1;
    return { ...interp, warm: true };
  }
  const restored = await new Promise<PyInterpreter>((resolve, reject) => {
    forRuns.push({ resolve, reject });
    pump();
  });
  served.restored += 1;
  return { ...restored, warm: false };
}

// Each live run holds ~76 MB of RSS (~127 MB at the default memory cap): Python runs executing
// at once are bounded by PYTHON_MAX_LIVE (memory, not CPU, is what they cost); the rest wait
// here, in order.
let live = 0;
const waiters: (() => void)[] = [];

/** Waits for room for one more live Python run; resolves to its release. Rejects on abort. */
export function acquirePythonRun(signal?: AbortSignal): Promise<() => void> {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    live -= 1;
    const next = waiters.shift();
    if (next) next();
  };
  if (live < env.PYTHON_MAX_LIVE && waiters.length === 0) {
    live += 1;
    return Promise.resolve(release);
  }
  return new Promise((resolve, reject) => {
    const wake = () => {
      signal?.removeEventListener("abort", onAbort);
      live += 1;
      resolve(release);
    };
    const onAbort = () => {
      const i = waiters.indexOf(wake);
      if (i >= 0) waiters.splice(i, 1);
      reject(new Error("aborted while waiting for a Python slot"));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    waiters.push(wake);
    // Runs are waiting: have interpreters restored for them.
    prewarmPython(Math.min(waiters.length, maxPooled()));
  });
}

/**
 * Stops refilling, waits for restores under way and disposes every pooled interpreter (shutdown).
 * With `reopen` the pool starts empty again and refills as usual (benches and tests).
 */
export async function drainPythonPool(opts: { reopen?: boolean } = {}): Promise<void> {
  wanted = 0;
  draining = true;
  clearInterval(lingerTimer);
  lingerTimer = undefined;
  while (booting > 0) await new Promise((r) => setTimeout(r, 20));
  for (const i of ready.splice(0)) if (!i.isolate.isDisposed) i.isolate.dispose();
  draining = !opts.reopen;
}
