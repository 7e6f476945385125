import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { startEmbeddedDispatcher, type EmbeddedDispatcher } from "@/server/runs/embedded-dispatcher";
import { LocalRunner } from "@/server/runs/local-runner";
import { dueSoonByLanguage } from "@/server/runs/prewarm-ahead";
import { drainPythonPool, pythonPoolStats, pythonSnapshot } from "@/server/sandbox/python/pool";
import { resetDb } from "../helpers/db";
import { waitFor } from "./poll";
import { logsOf, makeTenant, tasksDueIn } from "./run-helpers";

// The dispatcher sees a burst of Python fires coming (next_run_at within the look-ahead window)
// and has interpreters restored before it, so the runs start from the warm pool.

const JS = "result = { content: 'ok' }";

function setPoolEnv(size: number, max: number) {
  process.env.PYTHON_POOL_SIZE = String(size);
  process.env.PYTHON_POOL_MAX = String(max);
  resetEnvCache();
}

describe("prewarming ahead of the fires the dispatcher sees", { timeout: 120_000 }, () => {
  let dispatcher: EmbeddedDispatcher | undefined;

  // The memory snapshot is made once per process (a cold boot of several seconds on a fresh clone):
  // made here, so the timings below measure restores only.
  beforeAll(() => pythonSnapshot(), 120_000);

  beforeEach(async () => {
    await resetDb();
    await drainPythonPool({ reopen: true });
  });
  afterEach(async () => {
    await dispatcher?.stop(10_000);
    dispatcher = undefined;
    await drainPythonPool({ reopen: true });
  });
  afterAll(() => {
    delete process.env.PYTHON_POOL_SIZE;
    delete process.env.PYTHON_POOL_MAX;
    resetEnvCache();
  });

  it("counts enabled script tasks due within the window, by language", async () => {
    const scope = await makeTenant();
    await tasksDueIn(scope, 3, 20_000);
    await tasksDueIn(scope, 2, 20_000, { script_language: "javascript", script_content: JS });
    await tasksDueIn(scope, 2, 600_000); // beyond the window
    const disabled = await tasksDueIn(scope, 1, 20_000);
    await db.scheduledTask.updateMany({ where: { id: { in: disabled } }, data: { isEnabled: false } });
    await tasksDueIn(scope, 1, 20_000, {
      execution_type: "webhook",
      webhook_url: "https://example.com/hook",
    });

    const due = await dueSoonByLanguage(60_000);
    expect(Object.fromEntries(due)).toEqual({ python: 3, javascript: 2 });
  });

  it("has one interpreter ready per Python task due in the window before the fire, and the runs start warm", async () => {
    setPoolEnv(0, 8);
    const scope = await makeTenant();
    const fireAt = Date.now() + 25_000;
    const python = await tasksDueIn(scope, 3, 25_000);
    await tasksDueIn(scope, 2, 25_000, { script_language: "javascript", script_content: JS });
    await tasksDueIn(scope, 2, 600_000);
    const before = pythonPoolStats().served;

    dispatcher = await startEmbeddedDispatcher({
      runner: new LocalRunner({ concurrency: 4 }),
      prewarmAhead: { windowMs: 60_000, everyMs: 200 },
    });
    await waitFor("3 interpreters restored", async () => pythonPoolStats().ready === 3, 25_000, 50);
    expect(Date.now()).toBeLessThan(fireAt);
    // No more than the Python tasks in the window (not the JavaScript ones, not the later ones).
    await sleep(1_000);
    expect(pythonPoolStats().ready + pythonPoolStats().booting).toBe(3);

    await waitFor(
      "the Python runs to finish",
      async () => {
        const logs = await Promise.all(python.map((id) => logsOf(id)));
        return logs.every((l) => l.length === 1 && l[0]!.status !== "running") && logs;
      },
      60_000,
    );
    for (const id of python) expect((await logsOf(id)).map((l) => l.status)).toEqual(["success"]);
    const after = pythonPoolStats().served;
    expect(after.warm - before.warm).toBe(3);
    expect(after.restored - before.restored).toBe(0);
  });

  it("holds no more than PYTHON_POOL_MAX however many fires are due", async () => {
    setPoolEnv(0, 2);
    const scope = await makeTenant();
    const fireAt = Date.now() + 30_000;
    await tasksDueIn(scope, 5, 30_000);

    dispatcher = await startEmbeddedDispatcher({
      runner: new LocalRunner({ concurrency: 2 }),
      prewarmAhead: { windowMs: 60_000, everyMs: 200 },
    });
    await waitFor("2 interpreters restored", async () => pythonPoolStats().ready === 2, 25_000, 50);
    expect(Date.now()).toBeLessThan(fireAt);
    await sleep(1_000);
    expect(pythonPoolStats().ready + pythonPoolStats().booting).toBe(2);
  });
});
