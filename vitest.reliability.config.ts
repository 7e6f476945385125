import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:reliability`: the reliability and hostile-input tests at full size (1,000 tasks,
// long outages, more property runs). The same files run short in the unit run (vitest.config.ts).
// Spread, not mergeConfig: mergeConfig would append to `include` and run the whole unit suite.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/reliability/**/*.test.ts", "test/hostile/**/*.test.ts"],
    env: { RELIABILITY_FULL: "1" },
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
