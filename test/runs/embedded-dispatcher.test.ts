import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { startEmbeddedDispatcher, type EmbeddedDispatcher } from "@/server/runs/embedded-dispatcher";
import { LocalRunner } from "@/server/runs/local-runner";
import { resetDb } from "../helpers/db";
import { waitFor } from "./poll";
import { logsOf, makeTask, makeTenant } from "./run-helpers";

const SLOW = "time.sleep(1); result = 'done'";

describe("the embedded dispatcher", { timeout: 60_000 }, () => {
  let dispatcher: EmbeddedDispatcher | undefined;

  beforeEach(resetDb);
  afterEach(async () => {
    await dispatcher?.stop(5_000);
    dispatcher = undefined;
  });

  async function dueTasks(n: number) {
    const scope = await makeTenant();
    const ids: number[] = [];
    // Yearly: one due fire each, nothing more during the test.
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await makeTask(scope, {
            task_name: `t${i}`,
            schedule_type: "cron",
            cron_expression: "0 0 1 1 *",
            script_content: SLOW,
          })
        ).id,
      );
    await db.scheduledTask.updateMany({
      where: { id: { in: ids } },
      data: { nextRunAt: new Date(Date.now() - 500) },
    });
    return ids;
  }

  async function watchConcurrency(ids: number[]) {
    let most = 0;
    await waitFor(
      "all runs to finish",
      async () => {
        const running = await db.taskLog.count({
          where: { taskId: { in: ids }, status: "running", startedAt: { not: null } },
        });
        most = Math.max(most, running);
        const done = await db.taskLog.count({ where: { taskId: { in: ids }, status: { not: "running" } } });
        return done === ids.length;
      },
      40_000,
      50,
    );
    return most;
  }

  it("runs at most `concurrency` runs at once; the others wait their turn and all run", async () => {
    const ids = await dueTasks(5);
    dispatcher = await startEmbeddedDispatcher({ tickMs: 100, runner: new LocalRunner({ concurrency: 2 }) });
    const most = await watchConcurrency(ids);
    expect(most).toBe(2);
    for (const id of ids) expect((await logsOf(id)).map((l) => l.status)).toEqual(["success"]);
  });

  it("with no queue allowance it claims only what free slots can start: the rest stay due in the database", async () => {
    const ids = await dueTasks(4);
    dispatcher = await startEmbeddedDispatcher({
      tickMs: 100,
      runner: new LocalRunner({ concurrency: 1 }),
      queueAllowance: 0,
    });
    await waitFor("a first run", async () => (await db.taskLog.count()) > 0);
    // One claimed, three still unclaimed (no row yet) while the slot is busy.
    expect(await db.taskLog.count()).toBe(1);
    expect(await db.scheduledTask.count({ where: { id: { in: ids }, nextRunAt: { lte: new Date() } } })).toBe(
      3,
    );
    expect(await watchConcurrency(ids)).toBe(1);
    for (const id of ids) expect((await logsOf(id)).map((l) => l.status)).toEqual(["success"]);
  });

  it("stop() waits for the runs in progress to finish", async () => {
    const [id] = await dueTasks(1);
    dispatcher = await startEmbeddedDispatcher({ tickMs: 100, runner: new LocalRunner({ concurrency: 1 }) });
    await waitFor("the run to start", () =>
      db.taskLog.findFirst({ where: { taskId: id, startedAt: { not: null } } }),
    );
    await dispatcher.stop(10_000);
    dispatcher = undefined;
    expect((await logsOf(id!)).map((l) => l.status)).toEqual(["success"]);
  });
});
