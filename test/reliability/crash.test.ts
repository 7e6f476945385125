import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { waitFor } from "../runs/poll";
import { makeTask, makeTenant } from "../runs/run-helpers";
import { killDispatcherProcesses, startDispatcherProcess, type DispatcherProcess } from "./child";
import { FULL, sized } from "./mode";

// Crash: a dispatcher process is SIGKILLed while many runs are in progress. After a restart no
// run is left "running" (each becomes failed, "interrupted") and the next fires run.

const IN_FLIGHT = sized(10, 50);

// Each task's first run sleeps far longer than the test waits; later runs finish at once.
const SLOW_FIRST_RUN = `
const n = get_var('n', 0) + 1
set_var('n', n)
if (n === 1) time.sleep(60)
result = 'run ' + n
`;

describe(`a dispatcher killed with ${IN_FLIGHT} runs in flight`, { timeout: sized(90_000, 240_000) }, () => {
  let first: DispatcherProcess | undefined;
  let second: DispatcherProcess | undefined;

  beforeAll(resetDb);
  afterAll(async () => {
    await killDispatcherProcesses();
  });

  it("leaves none running after the restart, marks them interrupted, and runs the next fires", async () => {
    const scope = await makeTenant();
    const ids: number[] = [];
    for (let i = 0; i < IN_FLIGHT; i++) {
      const task = await makeTask(scope, {
        task_name: `crash-${i}`,
        schedule_type: "cron",
        cron_expression: "*/5 * * * * *",
        timezone: "UTC",
        timeout_seconds: 120,
        script_content: SLOW_FIRST_RUN,
      });
      ids.push(task.id);
    }
    const env = { CHILD_CONCURRENCY: String(IN_FLIGHT + 2) };
    first = await startDispatcherProcess(env);

    // Every task's first run is inside its sleep.
    await waitFor(
      `${IN_FLIGHT} runs in progress`,
      async () => (await db.scriptVar.count({ where: { taskId: { in: ids }, varKey: "n" } })) === IN_FLIGHT,
      sized(30_000, 90_000),
      100,
    );
    const inFlight = await db.taskLog.findMany({
      where: { taskId: { in: ids }, status: "running", startedAt: { not: null } },
    });
    expect(inFlight).toHaveLength(IN_FLIGHT);
    expect(inFlight.every((l) => l.runnerId === first!.runnerId)).toBe(true);

    await first.kill();
    expect(first.exit()).toMatchObject({ signal: "SIGKILL" });
    first = undefined;
    const killedAt = Date.now();

    // The restarted process sweeps before it reports ready: the dead pid gives them away at once.
    second = await startDispatcherProcess(env);
    const swept = await db.taskLog.findMany({ where: { id: { in: inFlight.map((l) => l.id) } } });
    expect(swept.map((l) => l.status)).toEqual(inFlight.map(() => "failed"));
    expect(
      swept.every((l) => /interrupted/.test(l.error ?? "") && l.finishedAt !== null && l.durationMs !== null),
    ).toBe(true);

    // The next fire of every task runs in the new process.
    await waitFor(
      "every task's next run",
      async () =>
        (await db.taskLog.count({ where: { taskId: { in: ids }, status: "success" } })) >= IN_FLIGHT,
      sized(30_000, 90_000),
      250,
    );
    await second.stop();
    expect(second.exit()).toMatchObject({ code: 0 });
    second = undefined;

    const logs = await db.taskLog.findMany({ where: { taskId: { in: ids } }, orderBy: { id: "asc" } });
    expect(logs.filter((l) => l.status === "running")).toEqual([]);
    for (const id of ids) {
      const mine = logs.filter((l) => l.taskId === id);
      const fires = mine.map((l) => l.scheduledFor!.getTime());
      expect(new Set(fires).size).toBe(fires.length);
      const ok = mine.filter((l) => l.status === "success");
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(ok[0]!.result).toMatchObject({ content: "run 2" });
      expect(ok[0]!.scheduledFor!.getTime()).toBeGreaterThan(killedAt - 5_000);
      // Exactly one run of each task was interrupted.
      expect(mine.filter((l) => l.status === "failed")).toHaveLength(1);
    }
    const tasks = await db.scheduledTask.findMany({
      where: { id: { in: ids } },
      select: { lastRunStatus: true },
    });
    expect(tasks.every((t) => t.lastRunStatus !== "running")).toBe(true);
    if (FULL || process.env.RELIABILITY_VERBOSE) {
      console.log(
        `crash: ${IN_FLIGHT} runs interrupted and swept at restart; next runs done ${Date.now() - killedAt} ms after the kill`,
      );
    }
  });
});
