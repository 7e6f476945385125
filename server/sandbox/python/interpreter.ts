import { randomBytes } from "node:crypto";
import ivm from "isolated-vm";
import { logger } from "../../logger";
import { pyodideAssets } from "./assets";
import { pythonSdkSource } from "./sdk-python";
import { SHELL_SOURCE } from "./shell";
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
  G.__pyBoot = async function (prep) {
    delete G.__pyBoot;
    const loadPyodide = G.loadPyodide;
    const create = G._createPyodideModule;
    const snap = G.__py_snapshot;
    drop("loadPyodide");
    drop("_createPyodideModule");
    delete G.__py_snapshot;
    const py = await loadPyodide({
      indexURL: "/pyodide/",
      lockFileContents: JSON.parse(G.read("/pyodide/pyodide-lock.json")),
      createPyodideModule: create,
      _makeSnapshot: !snap,
      _loadSnapshot: snap ? new Uint8Array(snap) : undefined,
      stdout: (s) => console.log(s),
      stderr: (s) => console.error(s),
    });
    delete G.__pyWasmModule;
    if (!snap) {
      py.runPython(prep);
      G.__pySnapshot = function () {
        delete G.__pySnapshot;
        const s = py.makeMemorySnapshot();
        return s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength);
      };
      return;
    }
    const sdk = py.pyimport("_platform_sdk");
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
      const host = function (name, payload) {
        return sync.has(name)
          ? SYNC.applySync(undefined, [name, payload])
          : ASYNC.applySyncPromise(undefined, [name, payload]);
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

/** Boots Pyodide in a new isolate: cold (to make the snapshot) or restored from `snapshot`. */
export async function bootInterpreter(snapshot?: ivm.ExternalCopy<ArrayBuffer>): Promise<PyInterpreter> {
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
    if (snapshot) g.setSync("__py_snapshot", snapshot.copyInto());
    await (await compileFixed(isolate, "py-shell.js", SHELL_SOURCE)).run(context);
    await (await compileFixed(isolate, "pyodide.asm.js", assets.asmSource)).run(context);
    await (await compileFixed(isolate, "pyodide.js", assets.loaderSource)).run(context);
    await (await compileFixed(isolate, "py-driver.js", DRIVER)).run(context);
    const boot = await g.get("__pyBoot", { reference: true });
    // An await that never settles is not covered by isolated-vm's timeout: the timer above is.
    await boot.apply(undefined, [snapshot ? "" : snapshotPrep()], { result: { promise: true } });
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
