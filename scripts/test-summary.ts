// Prints one plain closing line for CI from vitest's JSON reports: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

type Report = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ["test-results/unit.json", "test-results/e2e.json"]) {
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8")) as Report;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
