import { randomBytes } from "node:crypto";
import ivm from "isolated-vm";
import { logger } from "../../logger";
import { pyodideAssets } from "./assets";
import { pythonSdkSource } from "./sdk-python";
import { SHELL_SOURCE } from "./shell";
import type { SnapshotImage } from "./snapshot-image";
import { compileFixed } from "../code-cache";

// One Pyodide interpreter in its own isolate. Cold boots only make the memory snapshot; every
// run's interpreter is restored from it, used once, and disposed.

/** Host-side memory of the isolate around Pyodide's JavaScript (its JS heap is ~15 MB). */
export const PY_ISOLATE_MEMORY_MB = 96;

export type PyInterpreter = { isolate: ivm.Isolate; context: ivm.Context; bootMs: number };

const BOOT_TIMEOUT_MS = 60_000;

// Python run while the snapshot is made: the seed's modules and the SDK are imported, so every
// restored interpreter starts with them.
function snapshotPrep(): string {
  return [
    "import sys, types, builtins, json, re, math, random, hashlib, base64, time, datetime, traceback, linecache",
    "_m = types.ModuleType('_platform_sdk')",
    `exec(compile(${JSON.stringify(pythonSdkSource())}, '<sdk>', 'exec'), _m.__dict__)`,
    "sys.modules['_platform_sdk'] = _m",
    "del _m",
  ].join("\n");
}

// The isolate-side driver: boots Pyodide (cold, or restored from the snapshot) and defines the
// one-shot `__pyRun`. Host handles are taken into the closure and removed from the global object.
const DRIVER = String.raw`(function () {
  "use strict";
  const G = globalThis;
  // Top-level vars of the loaded scripts cannot be deleted: overwrite them.
  const drop = (name) => { try { delete G[name]; } catch (e) { G[name] = undefined; } };
  // Restores the snapshot image (snapshot-image.ts) into Pyodide's fresh memory: the non-zero
  // page runs from the shared pages; the gaps stay untouched (not resident) unless something
  // wrote there before the restore, which is then zeroed.
  const fillHeap = function (heap, runs, pages) {
    const words = new Int32Array(heap.buffer);
    const zeroGap = function (from, to) {
      for (let page = from; page < to; page += 4096) {
        const end = Math.min(page + 4096, to);
        for (let i = page >> 2; i < end >> 2; i++) {
          if (words[i] !== 0) { heap.fill(0, page, end); break; }
        }
      }
    };
    const src = new Uint8Array(pages);
    let at = 0;
    let gap = 0;
    for (let i = 0; i < runs.length; i += 2) {
      zeroGap(gap, runs[i]);
      heap.set(src.subarray(at, at + runs[i + 1]), runs[i]);
      at += runs[i + 1];
      gap = runs[i] + runs[i + 1];
    }
    zeroGap(gap, heap.length);
  };
  G.__pyBoot = async function (prep, compact) {
    delete G.__pyBoot;
    const loadPyodide = G.loadPyodide;
    const create = G._createPyodideModule;
    const restoring = G.__py_snap_head !== undefined;
    let head = G.__py_snap_head;
    let runs = G.__py_snap_runs;
    let pages = G.__py_snap_pages;
    const size = G.__py_snap_size;
    drop("loadPyodide");
    drop("_createPyodideModule");
    for (const k of ["__py_snap_head", "__py_snap_runs", "__py_snap_pages", "__py_snap_size"]) delete G[k];
    // Called once by the patched loader and restoreSnapshot (assets.ts) during the boot.
    G.__pySnapshotSize = function () { return size; };
    G.__pyFillHeap = function (heap) { fillHeap(heap, new Uint32Array(runs), pages); };
    const py = await loadPyodide({
      indexURL: "/pyodide/",
      lockFileContents: JSON.parse(G.read("/pyodide/pyodide-lock.json")),
      createPyodideModule: create,
      _makeSnapshot: !restoring,
      _loadSnapshot: restoring ? new Uint8Array(head) : undefined,
      stdout: (s) => console.log(s),
      stderr: (s) => console.error(s),
    });
    delete G.__pyWasmModule;
    delete G.__pySnapshotSize;
    delete G.__pyFillHeap;
    // Nothing may keep the shared pages reachable once booted (a script could write into them).
    head = runs = pages = undefined;
    py._api.config._loadSnapshot = undefined;
    if (!restoring) {
      py.runPython(prep);
      G.__pySnapshot = function () {
        delete G.__pySnapshot;
        const s = py.makeMemorySnapshot();
        return s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength);
      };
      return;
    }
    // Let go of the boot's garbage now rather than when the run allocates (~30 MB of RSS per
    // interpreter, ~150 ms of CPU): an isolate allocating past its memoryLimit makes isolated-vm
    // collect all garbage first (LowMemoryNotification), then the allocation fails.
    if (compact) {
      try { new ArrayBuffer(2 ** 31); } catch (e) {}
    }
    const sdk = py.pyimport("_platform_sdk");
    // Pyodide's memory is outside the isolate's heap counters: each host call reports how much it
    // grew during the run (server/sandbox/heap-watch.ts). Getters taken before any script runs.
    const memory = py._module.wasmMemory || py._module.memory;
    const bufferOf = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, "buffer").get;
    const lengthOf = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
    const apply = Reflect.apply;
    const wasmBytes = () => apply(lengthOf, apply(bufferOf, memory, []), []);
    const setHeapMax = G.__pySetHeapMax;
    const setTimezone = G.__pySetTimezone;
    const hideWasm = G.__pyHideWasm;
    delete G.__pySetHeapMax;
    delete G.__pySetTimezone;
    delete G.__pyHideWasm;
    G.__pyRun = function (script, configJson) {
      delete G.__pyRun;
      const SYNC = G.__sdk_sync;
      const ASYNC = G.__sdk_async;
      delete G.__sdk_sync;
      delete G.__sdk_async;
      const config = JSON.parse(configJson);
      setHeapMax(config.heap_max);
      setTimezone(config.timezone);
      hideWasm();
      const sync = new Set(config.sync_names);
      const wasmAtStart = wasmBytes();
      const host = function (name, payload) {
        return sync.has(name)
          ? SYNC.applySync(undefined, [name, payload])
          : ASYNC.applySyncPromise(undefined, [name, payload, wasmBytes() - wasmAtStart]);
      };
      return sdk._run(host, script, configJson);
    };
  };
})();
`;

function hostRandom(n: unknown): ivm.Copy<ArrayBuffer> {
  const size = Math.min(Math.max(0, Number(n) || 0), 65536);
  const b = randomBytes(size);
  return new ivm.ExternalCopy(b.buffer.slice(b.byteOffset, b.byteOffset + size) as ArrayBuffer).copyInto({
    release: true,
  });
}

function hostSleep(ms: unknown): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(0, Number(ms) || 0), 120_000)));
}

function hostLog(level: unknown, message: unknown): void {
  logger.debug({ level, message: String(message).slice(0, 2000) }, "pyodide console");
}

/**
 * Boots Pyodide in a new isolate: cold (to make the snapshot) or restored from `snapshot`. With
 * `compact` (restores ahead of time), the boot's garbage is collected before it is handed out.
 */
export async function bootInterpreter(
  snapshot?: SnapshotImage,
  opts: { compact?: boolean } = {},
): Promise<PyInterpreter> {
  const started = performance.now();
  const assets = pyodideAssets();
  const isolate = new ivm.Isolate({ memoryLimit: PY_ISOLATE_MEMORY_MB });
  const timer = setTimeout(() => {
    if (!isolate.isDisposed) isolate.dispose();
  }, BOOT_TIMEOUT_MS);
  try {
    const context = await isolate.createContext();
    const g = context.global;
    g.setSync("__host_random", new ivm.Reference(hostRandom));
    g.setSync("__host_sleep", new ivm.Reference(hostSleep));
    g.setSync("__host_log", new ivm.Reference(hostLog));
    g.setSync("__py_stdlib", assets.stdlib.copyInto());
    g.setSync("__py_lock", assets.lockFile);
    g.setSync("__pyWasmModule", assets.wasm.copyInto());
    if (snapshot) {
      g.setSync("__py_snap_head", snapshot.head.copyInto());
      g.setSync("__py_snap_runs", snapshot.runs.copyInto());
      g.setSync("__py_snap_pages", snapshot.pages.copyInto());
      g.setSync("__py_snap_size", snapshot.byteLength);
    }
    await (await compileFixed(isolate, "py-shell.js", SHELL_SOURCE)).run(context);
    await (await compileFixed(isolate, "pyodide.asm.js", assets.asmSource)).run(context);
    await (await compileFixed(isolate, "pyodide.js", assets.loaderSource)).run(context);
    await (await compileFixed(isolate, "py-driver.js", DRIVER)).run(context);
    const boot = await g.get("__pyBoot", { reference: true });
    // An await that never settles is not covered by isolated-vm's timeout: the timer above is.
    await boot.apply(undefined, [snapshot ? "" : snapshotPrep(), !!opts.compact], {
      result: { promise: true },
    });
    return { isolate, context, bootMs: performance.now() - started };
  } catch (err) {
    if (!isolate.isDisposed) isolate.dispose();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Boots cold and makes the memory snapshot (a few seconds; done once per process or cached). */
export async function makeSnapshot(): Promise<ArrayBuffer> {
  const interp = await bootInterpreter();
  try {
    const make = await interp.context.global.get("__pySnapshot", { reference: true });
    return (await make.apply(undefined, [], { result: { copy: true } })) as ArrayBuffer;
  } finally {
    interp.isolate.dispose();
  }
}
