import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { claimDueFires, overlapSkipMessage } from "@/server/runs/claim";
import { resetDb } from "../helpers/db";
import { logsOf, makeTask, makeTenant } from "./run-helpers";

// Without a lookahead a tick's due tasks are claimed in one transaction; these are the cases
// where tasks of one batch must still be treated one by one.

const EVERY_MINUTE = {
  schedule_type: "cron",
  cron_expression: "* * * * *",
  timezone: "UTC",
  script_content: "result = 1",
};
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}.000Z`);

describe("claiming a batch of due tasks", () => {
  let scope: Awaited<ReturnType<typeof makeTenant>>;
  beforeEach(async () => {
    await resetDb();
    scope = await makeTenant();
  });

  async function dueTask(fields: Record<string, unknown> = {}) {
    const task = await makeTask(scope, { ...EVERY_MINUTE, ...fields });
    await db.scheduledTask.update({ where: { id: task.id }, data: { nextRunAt: at("12:00:00") } });
    return task;
  }

  const running = (taskId: number) =>
    db.taskLog.create({
      data: { taskId, tenantId: "acme", status: "running", trigger: "manual", startedAt: at("11:59:50") },
    });

  it("skips only the fire whose task is still running under policy skip; policy allow and the others run", async () => {
    const skip = await dueTask({ task_name: "skip" });
    const allow = await dueTask({ task_name: "allow", overlap_policy: "allow" });
    const free = await dueTask({ task_name: "free" });
    const busy = await running(skip.id);
    await running(allow.id);

    const { claimed, skipped, lost } = await claimDueFires({ now: at("12:00:05") });

    expect(claimed.map((c) => c.taskId).sort()).toEqual([allow.id, free.id].sort());
    expect(skipped).toBe(1);
    expect(lost).toBe(0);
    for (const c of claimed) {
      const row = await db.taskLog.findUniqueOrThrow({ where: { id: c.logId } });
      expect(row).toMatchObject({
        taskId: c.taskId,
        status: "running",
        trigger: "schedule",
        traceId: c.traceId,
      });
      expect(row.scheduledFor).toEqual(at("12:00:00"));
    }
    const skipLogs = (await logsOf(skip.id)).filter((l) => l.trigger === "schedule");
    expect(skipLogs.map((l) => [l.status, l.error])).toEqual([["skipped", overlapSkipMessage(busy.id)]]);
    for (const t of [skip, allow, free])
      expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: t.id } })).nextRunAt).toEqual(
        at("12:01:00"),
      );
  });

  it("a task whose run row cannot be written does not hold back the others of its batch", async () => {
    const others = [await dueTask({ task_name: "a" }), await dueTask({ task_name: "b" })];
    const broken = await dueTask({ task_name: "broken" });
    // A row for the same fire already exists (unique task + fire time): its insert must fail.
    await db.taskLog.create({
      data: {
        taskId: broken.id,
        tenantId: "acme",
        status: "success",
        trigger: "schedule",
        scheduledFor: at("12:00:00"),
      },
    });

    const { claimed } = await claimDueFires({ now: at("12:00:05") });

    expect(claimed.map((c) => c.taskId).sort()).toEqual(others.map((t) => t.id).sort());
    for (const t of others) expect((await logsOf(t.id)).map((l) => l.status)).toEqual(["running"]);
    // Its claim was rolled back whole: still due, no second row for the fire.
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: broken.id } })).nextRunAt).toEqual(
      at("12:00:00"),
    );
    expect(await logsOf(broken.id)).toHaveLength(1);
  });

  it("two concurrent claimers share the due tasks (FOR UPDATE SKIP LOCKED): every fire once, none lost to a race", async () => {
    const tasks = [];
    for (let i = 0; i < 30; i++) tasks.push(await dueTask({ task_name: `t${i}` }));
    const [a, b] = await Promise.all([
      claimDueFires({ now: at("12:00:01"), limit: 20, runnerId: "a" }),
      claimDueFires({ now: at("12:00:01"), limit: 20, runnerId: "b" }),
    ]);
    const ids = [...a.claimed, ...b.claimed].map((c) => c.taskId).sort((x, y) => x - y);
    expect(ids).toEqual(tasks.map((t) => t.id).sort((x, y) => x - y));
    expect(a.lost + b.lost).toBe(0);
    expect(await db.taskLog.count({ where: { trigger: "schedule" } })).toBe(30);
    const next = await db.scheduledTask.findMany({ select: { nextRunAt: true } });
    expect(next.every((t) => t.nextRunAt!.getTime() === at("12:01:00").getTime())).toBe(true);
  });
});
