import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/server/env";
import { startEmbeddedDispatcher, type EmbeddedDispatcher } from "@/server/runs/embedded-dispatcher";
import { LocalRunner } from "@/server/runs/local-runner";
import { drainJsPool, jsPoolStats } from "@/server/sandbox/js-pool";
import type { Scope } from "@/server/auth/scope";
import { resetDb } from "../helpers/db";
import { waitFor } from "./poll";
import { logsOf, makeTenant, tasksDueIn } from "./run-helpers";

// The dispatcher sees a burst of JavaScript fires coming (next_run_at within the look-ahead
// window) and has isolates with the SDK installed prepared before it; the runs take them, one
// isolate per run.

const JS = "globalThis.seen = (globalThis.seen || 0) + 1; result = { content: 'ok ' + task_id + ' ' + seen }";
const dueIn = (scope: Scope, n: number, ms: number, language = "javascript") =>
  tasksDueIn(
    scope,
    n,
    ms,
    language === "javascript" ? { script_language: language, script_content: JS } : {},
  );

function setPoolEnv(size: number, max: number) {
  process.env.JS_POOL_SIZE = String(size);
  process.env.JS_POOL_MAX = String(max);
  process.env.PYTHON_POOL_SIZE = "0";
  process.env.PYTHON_POOL_MAX = "0";
  resetEnvCache();
}

describe("prewarming JavaScript isolates ahead of the fires the dispatcher sees", { timeout: 60_000 }, () => {
  let dispatcher: EmbeddedDispatcher | undefined;

  beforeEach(async () => {
    await resetDb();
    drainJsPool({ reopen: true });
  });
  afterEach(async () => {
    await dispatcher?.stop(10_000);
    dispatcher = undefined;
    drainJsPool({ reopen: true });
  });
  afterAll(() => {
    for (const k of ["JS_POOL_SIZE", "JS_POOL_MAX", "PYTHON_POOL_SIZE", "PYTHON_POOL_MAX"])
      delete process.env[k];
    resetEnvCache();
  });

  it("has one isolate ready per JavaScript task due in the window before the fire, and each run takes its own", async () => {
    setPoolEnv(0, 8);
    const scope = await makeTenant();
    const fireAt = Date.now() + 6_000;
    const js = await dueIn(scope, 5, 6_000);
    await dueIn(scope, 1, 6_000, "python");
    await dueIn(scope, 3, 600_000); // beyond the window
    const before = jsPoolStats().servedWarm;

    dispatcher = await startEmbeddedDispatcher({
      runner: new LocalRunner({ concurrency: 4 }),
      prewarmAhead: { windowMs: 60_000, everyMs: 200 },
    });
    await waitFor("5 isolates prepared", async () => jsPoolStats().ready === 5, 5_000, 20);
    expect(Date.now()).toBeLessThan(fireAt);
    // No more than the JavaScript tasks in the window (not the Python one, not the later ones).
    await sleep(500);
    expect(jsPoolStats().ready).toBe(5);

    const logs = await waitFor(
      "the JavaScript runs to finish",
      async () => {
        const all = await Promise.all(js.map((id) => logsOf(id)));
        return all.every((l) => l.length === 1 && l[0]!.status !== "running") && all;
      },
      30_000,
    );
    expect(jsPoolStats().servedWarm - before).toBe(5);
    // Each run saw a fresh global scope: nothing of the run before it in "its" isolate.
    for (const [i, l] of logs.entries()) {
      expect(l[0]!.status).toBe("success");
      expect(JSON.stringify(l[0]!.result)).toContain(`ok ${js[i]} 1`);
    }
  });

  it("holds no more than JS_POOL_MAX however many fires are due", async () => {
    setPoolEnv(0, 2);
    const scope = await makeTenant();
    await dueIn(scope, 5, 30_000);
    dispatcher = await startEmbeddedDispatcher({
      runner: new LocalRunner({ concurrency: 2 }),
      prewarmAhead: { windowMs: 60_000, everyMs: 200 },
    });
    await waitFor("2 isolates prepared", async () => jsPoolStats().ready === 2, 5_000, 20);
    await sleep(1_000);
    expect(jsPoolStats().ready).toBe(2);
  });
});
