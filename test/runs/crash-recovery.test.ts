import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { startEmbeddedDispatcher, type EmbeddedDispatcher } from "@/server/runs/embedded-dispatcher";
import { LocalRunner } from "@/server/runs/local-runner";
import { STALE_AFTER_MS, sweepInterrupted } from "@/server/runs/sweep-interrupted";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { resetDb } from "../helpers/db";
import { startChildDispatcher, type ChildDispatcher } from "./child-dispatcher";
import { waitFor } from "./poll";
import { allowLoopback, logsOf, makeTask, makeTenant } from "./run-helpers";

// The first run sleeps far longer than the test waits; later runs finish at once.
const SLOW_FIRST_RUN = `
const n = get_var('n', 0) + 1
set_var('n', n)
if (n === 1) time.sleep(30)
result = 'run ' + n
`;

describe("a dispatcher process killed in the middle of a run", { timeout: 90_000 }, () => {
  let dingtalk: FakeDingtalk;
  let child: ChildDispatcher | undefined;
  let dispatcher: EmbeddedDispatcher | undefined;

  beforeAll(async () => {
    allowLoopback();
    dingtalk = await startFakeDingtalk();
  });
  beforeEach(async () => {
    await resetDb();
    dingtalk.reset();
  });
  afterAll(async () => {
    await child?.kill();
    await dispatcher?.stop(1_000);
    await dingtalk.close();
  });

  it("leaves no run 'running': the restarted dispatcher marks it interrupted at once, alerts, and the next fire runs on time", async () => {
    const scope = await makeTenant();
    child = await startChildDispatcher();
    const task = await makeTask(scope, {
      schedule_type: "cron",
      cron_expression: "*/5 * * * * *",
      script_content: SLOW_FIRST_RUN,
      timeout_seconds: 120,
      alert_on_failure: true,
      alert_webhook: dingtalk.webhookUrl(),
    });

    // The child claimed the first fire and its script is inside time.sleep(30).
    await waitFor(
      "the first run to be sleeping",
      () => db.scriptVar.findFirst({ where: { taskId: task.id, varKey: "n" } }),
      20_000,
    );
    const [crashed] = await logsOf(task.id);
    expect(crashed).toMatchObject({ status: "running", runnerId: child.runnerId });
    expect(crashed!.startedAt).not.toBeNull();

    await child.kill();
    // Killing the process changes nothing in the database by itself.
    expect((await db.taskLog.findUniqueOrThrow({ where: { id: crashed!.id } })).status).toBe("running");

    // Restart (in this process). The dead pid is noticed at start, long before any stale lease.
    dispatcher = await startEmbeddedDispatcher({ tickMs: 200, runner: new LocalRunner({ concurrency: 2 }) });
    const swept = await db.taskLog.findUniqueOrThrow({ where: { id: crashed!.id } });
    expect(swept.status).toBe("failed");
    expect(swept.error).toContain("interrupted");
    expect(swept.finishedAt).not.toBeNull();
    const afterSweep = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(afterSweep.lastRunStatus).toBe("failed");
    // One failure alert for the interrupted run, naming the reason.
    expect(dingtalk.accepted()).toHaveLength(1);
    expect(JSON.stringify(dingtalk.accepted()[0]!.body)).toContain("interrupted");

    // The next fire, due after the crash, runs on time in the restarted dispatcher.
    const nextDue = afterSweep.nextRunAt!.getTime();
    const next = await waitFor(
      "the next fire to finish",
      async () => (await logsOf(task.id)).find((l) => l.id !== crashed!.id && l.status !== "running"),
      15_000,
    );
    expect(next).toMatchObject({ status: "success", trigger: "schedule" });
    expect(next.result).toMatchObject({ content: "run 2" });
    expect(next.scheduledFor!.getTime()).toBe(nextDue);
    // started_at has whole seconds: at most ~2 s after the fire time.
    expect(next.startedAt!.getTime() - nextDue).toBeLessThanOrEqual(2_500);
    await dispatcher.stop(5_000);
    dispatcher = undefined;

    const logs = await logsOf(task.id);
    expect(logs.filter((l) => l.status === "running")).toEqual([]);
    expect(logs.map((l) => l.status).slice(0, 2)).toEqual(["failed", "success"]);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).lastRunStatus).toBe(
      "success",
    );
    // The recovery notice follows the failure alert.
    expect(dingtalk.accepted()).toHaveLength(2);
    expect(JSON.stringify(dingtalk.accepted()[1]!.body)).toContain("已恢复");
  });

  it("takes a run of another machine for dead only when its lease is stale", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: "result = 1" });
    const now = new Date();
    const row = await db.taskLog.create({
      data: {
        taskId: task.id,
        tenantId: "acme",
        status: "running",
        trigger: "schedule",
        scheduledFor: now,
        startedAt: now,
        runnerId: "another-host-4242-0123abcd",
        heartbeatAt: now,
      },
    });
    expect(await sweepInterrupted({ now: new Date(now.getTime() + STALE_AFTER_MS - 1_000) })).toBe(0);
    expect((await db.taskLog.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("running");
    expect(await sweepInterrupted({ now: new Date(now.getTime() + STALE_AFTER_MS + 1_000) })).toBe(1);
    const swept = await db.taskLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(swept.status).toBe("failed");
    expect(swept.error).toContain("interrupted");
  });
});
