import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end tests: the real start command, a real server over HTTP, and (console tests)
// headless Chromium. One file at a time; they share one built app.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // The JSON report lets .ci/run print one plain "N passed, N failed" line for both halves.
    reporters: ["default", ["json", { outputFile: "test-results/e2e.json" }]],
    include: ["test/e2e/**/*.test.ts", "test/security/**/*.e2e.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    execArgv: ["--no-node-snapshot"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 420_000,
  },
});
