import type ivm from "isolated-vm";

// V8's code cache for the fixed scripts every isolate runs (dayjs and the prelude, Pyodide's
// glue and the Python shell): compiled once per process, then read from the cache in each isolate.

type Compiled = { source: string; cachedData?: ivm.ExternalCopy<ArrayBuffer> };
// The typings omit the code-cache fields isolated-vm sets on the compiled script.
type CachedScript = ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer>; cachedDataRejected?: boolean };
const compiled = new Map<string, Compiled>();

/** Compiles a fixed script in `isolate`, reusing V8's code cache across isolates (by filename). */
export async function compileFixed(
  isolate: ivm.Isolate,
  filename: string,
  source: string,
): Promise<ivm.Script> {
  const hit = compiled.get(filename);
  if (hit?.cachedData && hit.source === source) {
    const script: CachedScript = await isolate.compileScript(source, {
      filename,
      cachedData: hit.cachedData,
    });
    if (!script.cachedDataRejected) return script;
  }
  const script: CachedScript = await isolate.compileScript(source, { filename, produceCachedData: true });
  compiled.set(filename, { source, cachedData: script.cachedData });
  return script;
}
