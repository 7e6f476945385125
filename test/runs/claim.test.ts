import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { finishRun } from "@/server/runs/finish-run";
import { startRun } from "@/server/runs/run-flow";
import { claimDueFires } from "@/server/runs/claim";
import { resetDb } from "../helpers/db";
import { logsOf, makeTask, makeTenant } from "./run-helpers";

// Every minute, in UTC so the instants below read plainly.
const EVERY_MINUTE = {
  schedule_type: "cron",
  cron_expression: "* * * * *",
  timezone: "UTC",
  script_content: "result = 1",
};
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}.000Z`);

async function dueTask(
  scope: Awaited<ReturnType<typeof makeTenant>>,
  nextRunAt: Date,
  fields: Record<string, unknown> = {},
) {
  const task = await makeTask(scope, { ...EVERY_MINUTE, ...fields });
  await db.scheduledTask.update({ where: { id: task.id }, data: { nextRunAt } });
  return task;
}

const nextRunOf = async (id: number) =>
  (await db.scheduledTask.findUniqueOrThrow({ where: { id } })).nextRunAt;

describe("claiming due fires", () => {
  let scope: Awaited<ReturnType<typeof makeTenant>>;
  beforeEach(async () => {
    await resetDb();
    scope = await makeTenant();
  });

  describe("after downtime", () => {
    it("coalesces the fires within the misfire grace into one run and skips older ones with a row", async () => {
      // Down since before 11:58: fires 11:58, 11:59 and 12:00 were missed; grace 90 s.
      const task = await dueTask(scope, at("11:58:00"), { misfire_grace_seconds: 90 });
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:10") });

      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({ taskId: task.id, scheduledFor: at("12:00:00") });
      expect(skipped).toBe(1);
      const logs = await logsOf(task.id);
      expect(logs.map((l) => [l.status, l.scheduledFor!.toISOString()])).toEqual([
        ["running", at("12:00:00").toISOString()], // the one run; 11:59 (70 s late) folded into it
        ["skipped", at("11:58:00").toISOString()], // 130 s late: beyond the grace
      ]);
      expect(logs[0]!.id).toBe(claimed[0]!.logId);
      expect(logs[1]!.error).toContain("超过补偿宽限 90 秒");
      expect(logs[1]).toMatchObject({ trigger: "schedule", durationMs: 0 });
      expect(logs[1]!.finishedAt).not.toBeNull();
      expect(await nextRunOf(task.id)).toEqual(at("12:01:00"));
    });

    it("with the default grace (300 s) three missed fires become one run and no skipped row", async () => {
      const task = await dueTask(scope, at("11:58:00"));
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:10") });
      expect(claimed.map((c) => c.scheduledFor)).toEqual([at("12:00:00")]);
      expect(skipped).toBe(0);
      expect((await logsOf(task.id)).map((l) => l.status)).toEqual(["running"]);
      expect(await nextRunOf(task.id)).toEqual(at("12:01:00"));
    });

    it("runs nothing when even the latest missed fire is beyond the grace: one skipped row per fire", async () => {
      const task = await dueTask(scope, at("11:58:00"), { misfire_grace_seconds: 30 });
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:45") });
      expect(claimed).toEqual([]);
      expect(skipped).toBe(3);
      const logs = await logsOf(task.id);
      expect(logs.map((l) => l.status)).toEqual(["skipped", "skipped", "skipped"]);
      expect(logs.map((l) => l.scheduledFor!.toISOString()).sort()).toEqual(
        ["11:58:00", "11:59:00", "12:00:00"].map((t) => at(t).toISOString()),
      );
      expect(await nextRunOf(task.id)).toEqual(at("12:01:00"));
    });

    it("writes at most 20 skipped rows for a long outage; the earliest row counts the rest", async () => {
      const task = await dueTask(scope, at("10:00:00"), { misfire_grace_seconds: 60 });
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:30") });
      expect(claimed.map((c) => c.scheduledFor)).toEqual([at("12:00:00")]);
      expect(skipped).toBe(20);
      const rows = (await logsOf(task.id))
        .filter((l) => l.status === "skipped")
        .sort((a, b) => a.scheduledFor!.getTime() - b.scheduledFor!.getTime());
      expect(rows).toHaveLength(20);
      // 10:00 … 11:59 is 120 missed fires beyond the grace: the last 20 get a row each.
      expect(rows[0]!.scheduledFor).toEqual(at("11:40:00"));
      expect(rows[19]!.scheduledFor).toEqual(at("11:59:00"));
      expect(rows[0]!.error).toContain("另有 100 次");
      expect(await nextRunOf(task.id)).toEqual(at("12:01:00"));
    });

    it("after an outage longer than the backlog walk (a per-second cron down 2 h), the latest fire in the grace still runs", async () => {
      const now = new Date(at("12:00:00").getTime() + 400);
      const task = await dueTask(scope, at("10:00:00"), {
        cron_expression: "* * * * * *",
        misfire_grace_seconds: 60,
      });
      const { claimed, skipped } = await claimDueFires({ now });
      expect(claimed.map((c) => c.scheduledFor)).toEqual([at("12:00:00")]);
      expect(skipped).toBe(20);
      const rows = (await logsOf(task.id)).filter((l) => l.status === "skipped");
      // 7,140 fires were missed beyond the grace; the count is not exact past the walk, so "at least".
      expect(rows.some((r) => /另有至少 \d+ 次/.test(r.error!))).toBe(true);
      expect(rows.every((r) => r.scheduledFor! < at("11:59:00"))).toBe(true);
      expect(await nextRunOf(task.id)).toEqual(at("12:00:01"));
    });

    it("does not claim a task that is not due yet, nor a disabled one", async () => {
      const later = await dueTask(scope, at("12:01:00"));
      const disabled = await dueTask(scope, at("11:59:00"));
      await db.scheduledTask.update({ where: { id: disabled.id }, data: { isEnabled: false } });
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:10") });
      expect(claimed).toEqual([]);
      expect(skipped).toBe(0);
      expect(await nextRunOf(later.id)).toEqual(at("12:01:00"));
      expect(await logsOf(disabled.id)).toEqual([]);
    });
  });

  describe("overlap", () => {
    async function withRunningRun(fields: Record<string, unknown>) {
      const task = await dueTask(scope, at("12:00:00"), fields);
      const previous = await db.taskLog.create({
        data: {
          taskId: task.id,
          tenantId: "acme",
          status: "running",
          trigger: "schedule",
          scheduledFor: at("11:59:00"),
          startedAt: at("11:59:00"),
          heartbeatAt: at("12:00:00"),
        },
      });
      return { task, previous };
    }

    it("policy skip: a fire while the previous run is still going becomes a skipped row", async () => {
      const { task, previous } = await withRunningRun({ overlap_policy: "skip" });
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:01") });
      expect(claimed).toEqual([]);
      expect(skipped).toBe(1);
      const row = (await logsOf(task.id)).find((l) => l.id !== previous.id)!;
      expect(row).toMatchObject({ status: "skipped", scheduledFor: at("12:00:00") });
      expect(row.error).toContain(`#${previous.id}`);
      expect(row.error).toContain("previous run still running");
      // The fire is consumed: the following one is next, the running run untouched.
      expect(await nextRunOf(task.id)).toEqual(at("12:01:00"));
      expect((await db.taskLog.findUniqueOrThrow({ where: { id: previous.id } })).status).toBe("running");
    });

    it("policy allow: the fire runs beside the previous run", async () => {
      const { task } = await withRunningRun({ overlap_policy: "allow" });
      const { claimed, skipped } = await claimDueFires({ now: at("12:00:01") });
      expect(skipped).toBe(0);
      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({ taskId: task.id, scheduledFor: at("12:00:00") });
      expect((await logsOf(task.id)).map((l) => l.status)).toEqual(["running", "running"]);
    });
  });

  describe("with a lookahead (the Inngest tick, once a minute)", () => {
    it("claims every fire due within the lookahead, not just the first: a 6-field cron every 10 s", async () => {
      const task = await dueTask(scope, at("12:00:00"), { cron_expression: "*/10 * * * * *" });
      const { claimed, skipped } = await claimDueFires({
        now: new Date(at("12:00:00").getTime() + 100),
        lookaheadMs: 60_000,
      });
      const fires = ["12:00:00", "12:00:10", "12:00:20", "12:00:30", "12:00:40", "12:00:50", "12:01:00"].map(
        at,
      );
      expect(skipped).toBe(0);
      expect(claimed.map((c) => c.scheduledFor)).toEqual(fires);
      expect((await logsOf(task.id)).map((l) => l.status)).toEqual(fires.map(() => "running"));
      expect(await nextRunOf(task.id)).toEqual(at("12:01:10"));
      // The next tick, a minute later, goes on from there: nothing twice, nothing left out.
      const next = await claimDueFires({
        now: new Date(at("12:01:00").getTime() + 100),
        lookaheadMs: 60_000,
      });
      expect(next.claimed.map((c) => c.scheduledFor)).toEqual(
        ["12:01:10", "12:01:20", "12:01:30", "12:01:40", "12:01:50", "12:02:00"].map(at),
      );
    });

    it("overlap policy skip is decided when a fire starts: skipped while the previous run is going, run once it finished", async () => {
      const task = await dueTask(scope, at("12:00:00"), {
        cron_expression: "*/10 * * * * *",
        overlap_policy: "skip",
      });
      const { claimed } = await claimDueFires({
        now: new Date(at("12:00:00").getTime() + 100),
        lookaheadMs: 60_000,
      });
      const [first, second, third] = claimed.map((c) => c.logId);

      expect(await startRun(first!)).not.toBeNull();
      // The 12:00:10 fire starts while the 12:00:00 run is still going.
      expect(await startRun(second!)).toBeNull();
      const skippedRow = await db.taskLog.findUniqueOrThrow({ where: { id: second! } });
      expect(skippedRow).toMatchObject({ status: "skipped", scheduledFor: at("12:00:10") });
      expect(skippedRow.error).toContain(`#${first}`);
      expect(skippedRow.finishedAt).not.toBeNull();

      await finishRun({
        logId: first!,
        status: "success",
        output: "",
        error: null,
        result: null,
        deliveries: null,
        attempts: 1,
      });
      expect(await startRun(third!)).toMatchObject({
        taskId: task.id,
        scheduledFor: at("12:00:20").toISOString(),
      });
    });

    it("policy allow starts fires beside a running one", async () => {
      await dueTask(scope, at("12:00:00"), { cron_expression: "*/10 * * * * *", overlap_policy: "allow" });
      const { claimed } = await claimDueFires({
        now: new Date(at("12:00:00").getTime() + 100),
        lookaheadMs: 60_000,
      });
      expect(await startRun(claimed[0]!.logId)).not.toBeNull();
      expect(await startRun(claimed[1]!.logId)).not.toBeNull();
    });
  });

  describe("races", () => {
    it("ten concurrent claims of the same due tasks claim each fire exactly once", async () => {
      const onTime = [];
      for (let i = 0; i < 6; i++) onTime.push(await dueTask(scope, at("12:00:00"), { task_name: `t${i}` }));
      // Two with a backlog: skipped rows must not be written twice either.
      const behind = [
        await dueTask(scope, at("11:50:00"), { misfire_grace_seconds: 90 }),
        await dueTask(scope, at("11:55:00"), { misfire_grace_seconds: 90 }),
      ];
      const tasks = [...onTime, ...behind];

      const results = await Promise.all(
        Array.from({ length: 10 }, () => claimDueFires({ now: at("12:00:20") })),
      );

      const claimed = results.flatMap((r) => r.claimed);
      expect(claimed.map((c) => c.taskId).sort((a, b) => a - b)).toEqual(
        tasks.map((t) => t.id).sort((a, b) => a - b),
      );
      expect(claimed.every((c) => c.scheduledFor.getTime() === at("12:00:00").getTime())).toBe(true);
      // 11:50…11:58 and 11:55…11:58 are beyond the 90 s grace: 9 + 4 skipped rows, written once.
      expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(13);
      for (const t of tasks) {
        const logs = await logsOf(t.id);
        expect(logs.filter((l) => l.status === "running")).toHaveLength(1);
        const fires = logs.map((l) => l.scheduledFor!.getTime());
        expect(new Set(fires).size).toBe(fires.length);
        expect(await nextRunOf(t.id)).toEqual(at("12:01:00"));
      }
      expect((await logsOf(behind[0]!.id)).filter((l) => l.status === "skipped")).toHaveLength(9);
      expect((await logsOf(behind[1]!.id)).filter((l) => l.status === "skipped")).toHaveLength(4);
    });

    it("a later tick finds a claimed fire gone: nothing is claimed or written twice", async () => {
      const task = await dueTask(scope, at("12:00:00"));
      const first = await claimDueFires({ now: at("12:00:01") });
      expect(first.claimed).toHaveLength(1);
      const second = await claimDueFires({ now: at("12:00:02") });
      expect(second).toEqual({ claimed: [], skipped: 0, lost: 0 });
      expect(await logsOf(task.id)).toHaveLength(1);
    });
  });
});
