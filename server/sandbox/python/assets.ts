import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ivm from "isolated-vm";

// Pyodide's files, read once per process from its npm package (nothing is downloaded) and
// handed to isolates: the wasm compiled once here and shared, the stdlib zip as one copy.

export const PYODIDE_VERSION = "314.0.7";

export type PyodideAssets = {
  version: string;
  dir: string;
  /** The wasm module, compiled once on the host; isolates share its machine code. */
  wasm: ivm.ExternalCopy<WebAssembly.Module>;
  stdlib: ivm.ExternalCopy<ArrayBuffer>;
  lockFile: string;
  /** pyodide.asm.mjs rewritten as a classic script that defines `_createPyodideModule`. */
  asmSource: string;
  /** The loader (pyodide.js), with the wasm instantiation made synchronous. */
  loaderSource: string;
};

function pyodideDir(): string {
  // The repository's node_modules first (the server runs from the repository root, bundled or not).
  const local = path.join(process.cwd(), "node_modules", "pyodide");
  if (existsSync(path.join(local, "package.json"))) return local;
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(require.resolve("pyodide/package.json"));
}

function replaceOnce(source: string, from: string, to: string, what: string): string {
  const at = source.indexOf(from);
  if (at < 0 || source.indexOf(from, at + from.length) >= 0)
    throw new Error(`pyodide ${PYODIDE_VERSION}: cannot patch ${what}; is the package version pinned?`);
  return source.slice(0, at) + to + source.slice(at + from.length);
}

/** Replaces the source from `start` up to (not including) `end` with `replacement`. */
function replaceFunction(source: string, start: string, end: string, replacement: string): string {
  const at = source.indexOf(start);
  const stop = at < 0 ? -1 : source.indexOf(end, at);
  if (at < 0 || stop < 0 || source.indexOf(start, at + 1) >= 0)
    throw new Error(`pyodide ${PYODIDE_VERSION}: cannot patch ${start}; is the package version pinned?`);
  return source.slice(0, at) + replacement + source.slice(stop);
}

let assets: PyodideAssets | undefined;

export function pyodideAssets(): PyodideAssets {
  if (assets) return assets;
  const dir = pyodideDir();
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  if (pkg.version !== PYODIDE_VERSION)
    throw new Error(
      `pyodide ${pkg.version} installed, ${PYODIDE_VERSION} expected (its patches are tied to it)`,
    );

  let asm = readFileSync(path.join(dir, "pyodide.asm.mjs"), "utf8");
  asm = asm.split("import.meta.url").join('"file:///pyodide/pyodide.asm.mjs"');
  asm = replaceOnce(
    asm,
    "export default _createPyodideModule;",
    "globalThis._createPyodideModule = _createPyodideModule;",
    "the module export",
  );
  // Emscripten grows the heap only up to getHeapMax(): the run's cap, set once per isolate.
  asm = replaceOnce(
    asm,
    "var getHeapMax=()=>4294901760;",
    "var getHeapMax=()=>__pyHeapMax();",
    "the heap maximum",
  );

  // Local time in the task's timezone, not the host's: localtime and mktime use the shell's offset.
  asm = replaceFunction(
    asm,
    "function __localtime_js(time,tmPtr){",
    "__localtime_js.sig=",
    "function __localtime_js(time,tmPtr){time=bigintToI53Checked(time);tmPtr>>>=0;var off=__pyTzOffset(time*1e3);" +
      "var d=new Date(time*1e3+off*6e4);__pyFillTm(HEAP32,tmPtr,d);HEAP32[tmPtr+36>>>2>>>0]=off*60}",
  );
  asm = replaceFunction(
    asm,
    "var __mktime_js=function(tmPtr){",
    "__mktime_js.sig=",
    "var __mktime_js=function(tmPtr){tmPtr>>>=0;var u=Date.UTC(HEAP32[tmPtr+20>>>2>>>0]+1900,HEAP32[tmPtr+16>>>2>>>0]," +
      "HEAP32[tmPtr+12>>>2>>>0],HEAP32[tmPtr+8>>>2>>>0],HEAP32[tmPtr+4>>>2>>>0],HEAP32[tmPtr>>>2>>>0],0);" +
      "if(isNaN(u))return BigInt(-1);var off=__pyTzOffset(u);off=__pyTzOffset(u-off*6e4);var t=u-off*6e4;" +
      "__pyFillTm(HEAP32,tmPtr,new Date(t+off*6e4));HEAP32[tmPtr+36>>>2>>>0]=off*60;return BigInt(Math.floor(t/1e3))};",
  );
  // A restore writes only the snapshot's non-zero pages, read in place from the shared image
  // (snapshot-image.ts), instead of the whole memory from a private copy of the file.
  asm = replaceOnce(
    asm,
    "return Module.HEAP8.set(t),l}",
    "return __pyFillHeap(Module.HEAP8),l}",
    "the snapshot restore",
  );
  // The shell's random source would call d8's os.system: use crypto.getRandomValues (the host's).
  asm = replaceOnce(
    asm,
    "if(ENVIRONMENT_IS_SHELL){return view=>{if(!os.system)",
    "if(false){return view=>{if(!os.system)",
    "the random source",
  );

  let loader = readFileSync(path.join(dir, "pyodide.js"), "utf8");
  // Async WebAssembly.instantiate never settles inside an isolate: instantiate synchronously
  // from the module the host compiled.
  loader = replaceOnce(
    loader,
    "n?l=await WebAssembly.instantiateStreaming(n,a):l=await WebAssembly.instantiate(await t,a);",
    "l={instance:new WebAssembly.Instance(__pyWasmModule,a),module:__pyWasmModule};",
    "the wasm instantiation",
  );

  // The memory is sized from the whole snapshot, not from the header handed to restoreSnapshot.
  loader = replaceOnce(
    loader,
    "t.INITIAL_MEMORY=o.length,o",
    "t.INITIAL_MEMORY=__pySnapshotSize(),o",
    "the restored memory size",
  );

  const wasmBytes = readFileSync(path.join(dir, "pyodide.asm.wasm"));
  const stdlib = readFileSync(path.join(dir, "python_stdlib.zip"));
  assets = {
    version: PYODIDE_VERSION,
    dir,
    wasm: new ivm.ExternalCopy(new WebAssembly.Module(wasmBytes)),
    stdlib: new ivm.ExternalCopy(
      stdlib.buffer.slice(stdlib.byteOffset, stdlib.byteOffset + stdlib.byteLength) as ArrayBuffer,
    ),
    lockFile: readFileSync(path.join(dir, "pyodide-lock.json"), "utf8"),
    asmSource: asm,
    loaderSource: loader,
  };
  return assets;
}
