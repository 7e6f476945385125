import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ivm from "isolated-vm";
import { env } from "../../env";
import { logger } from "../../logger";
import { pyodideAssets } from "./assets";
import { bootInterpreter, makeSnapshot, type PyInterpreter } from "./interpreter";
import { pythonSdkSource } from "./sdk-python";
import { SHELL_SOURCE } from "./shell";

// Interpreters restored from one memory snapshot, each used for ONE run and then disposed. The
// pool keeps a few restored ahead of time (refilled one at a time in idle time) and the
// dispatcher can ask for more ahead of a burst it sees coming: prewarmPython(n).

const CACHE_DIR = path.join(process.cwd(), ".cache", "pyodide");

let snapshotPromise: Promise<ivm.ExternalCopy<ArrayBuffer>> | undefined;

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

async function loadOrMakeSnapshot(): Promise<ivm.ExternalCopy<ArrayBuffer>> {
  const file = path.join(CACHE_DIR, snapshotKey());
  try {
    const buf = readFileSync(file);
    if (buf.byteLength > 1024 * 1024) {
      const copy = new ivm.ExternalCopy(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      // Validate by restoring once: a corrupt file is rebuilt.
      try {
        const probe = await bootInterpreter(copy);
        probe.isolate.dispose();
        return copy;
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
  return new ivm.ExternalCopy(bytes);
}

/** The memory snapshot every interpreter is restored from (made once per process, or read from disk). */
export function pythonSnapshot(): Promise<ivm.ExternalCopy<ArrayBuffer>> {
  snapshotPromise ??= loadOrMakeSnapshot().catch((err: unknown) => {
    snapshotPromise = undefined;
    throw err;
  });
  return snapshotPromise;
}

const ready: PyInterpreter[] = [];
let booting = 0;
let wanted = 0;

function idleTarget(): number {
  return env.PYTHON_POOL_SIZE;
}

function maxPooled(): number {
  return Math.max(env.PYTHON_POOL_SIZE, env.PYTHON_POOL_MAX);
}

/** Restores interpreters one after another until the pool holds what is wanted. */
function refill(): void {
  if (booting > 0) return;
  const goal = Math.min(maxPooled(), Math.max(idleTarget(), wanted));
  if (ready.length >= goal) {
    wanted = 0;
    return;
  }
  booting += 1;
  pythonSnapshot()
    .then((snap) => bootInterpreter(snap))
    .then(
      (interp) => {
        booting -= 1;
        ready.push(interp);
        setImmediate(refill);
      },
      (err: unknown) => {
        booting -= 1;
        logger.error({ err }, "restoring a Python interpreter failed");
      },
    );
}

/**
 * Asks the pool to hold `n` restored interpreters (bounded by PYTHON_POOL_MAX) ahead of a burst
 * of Python runs. Returns at once; interpreters are restored one at a time in the background.
 */
export function prewarmPython(n: number): void {
  if (!(n > 0)) return;
  wanted = Math.max(wanted, Math.min(Math.floor(n), maxPooled()));
  refill();
}

/** Interpreters ready and being restored, for metrics and benches. */
export function pythonPoolStats(): { ready: number; booting: number } {
  return { ready: ready.length, booting };
}

/** A restored interpreter for one run: from the pool when one is ready, else restored now. */
export async function takeInterpreter(): Promise<PyInterpreter & { warm: boolean }> {
  const interp = ready.shift();
  // Refill a little later, so the restore does not compete with the run just started.
  setTimeout(refill, 100).unref();
  if (interp && !interp.isolate.isDisposed) return { ...interp, warm: true };
  return { ...(await bootInterpreter(await pythonSnapshot())), warm: false };
}

/** Disposes every pooled interpreter (tests, shutdown). */
export function drainPythonPool(): void {
  wanted = 0;
  for (const i of ready.splice(0)) if (!i.isolate.isDisposed) i.isolate.dispose();
}
