import { readFileSync } from "node:fs";
import path from "node:path";
import type { RunScriptInput } from "@/server/sandbox/run-script";
import { runPythonScript } from "@/server/sandbox/python/run-python";

/** Runs a Python script as a global task unless told otherwise, with a short default time limit. */
export function runPy(script: string, opts: Partial<RunScriptInput> = {}) {
  return runPythonScript({ script, taskId: null, tenantId: null, timeoutSeconds: 10, ...opts });
}

/** The seed document's Python examples, kept verbatim under test/fixtures/seed-python/. */
export function seedPython(name: string): string {
  return readFileSync(path.join(import.meta.dirname, "../fixtures/seed-python", `${name}.py`), "utf8");
}

export const content = (r: { result: unknown }) => (r.result as { content: string } | null)?.content;
