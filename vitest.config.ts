import path from "node:path";
import { defineConfig } from "vitest/config";

// Forks, not threads: isolated-vm needs --no-node-snapshot, which worker threads reject.
// Each fork works in its own database (test/helpers/setup-env.ts), created and migrated once by
// test/helpers/global-setup.ts.
export const TEST_WORKERS = 2;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // The JSON report lets .ci/run print one plain "N passed, N failed" line for both halves.
    reporters: ["default", ["json", { outputFile: "test-results/unit.json" }]],
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "test/**/*.e2e.test.ts", "node_modules/**"],
    pool: "forks",
    maxWorkers: TEST_WORKERS,
    execArgv: ["--no-node-snapshot"],
    globalSetup: ["test/helpers/global-setup.ts"],
    setupFiles: ["test/helpers/setup-env.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
