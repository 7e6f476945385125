import { spawnSync } from "node:child_process";

// Builds the app once, fresh, before the end-to-end tests, so they never test a stale build
// (npm start only builds when no build exists). E2E_REUSE_BUILD=1 skips it while iterating.
export default function setup(): void {
  if (process.env.E2E_REUSE_BUILD === "1") return;
  const res = spawnSync("npm", ["run", "build"], {
    stdio: "inherit",
    env: { ...process.env, APP_SECRET: process.env.APP_SECRET ?? "e2e-app-secret-0123456789-0123456789-xyz" },
  });
  if (res.status !== 0) throw new Error("next build failed");
}
