import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { overlapSkipMessage } from "@/server/runs/claim";
import { finishRun } from "@/server/runs/finish-run";
import { startRun } from "@/server/runs/run-flow";
import { resetDb } from "../helpers/db";
import { makeTask, makeTenant } from "./run-helpers";

// Starts and finishes of runs that happen at the same moment are written together (one batch of
// statements); each run must still get exactly its own outcome.

describe("runs started and finished together", () => {
  let scope: Awaited<ReturnType<typeof makeTenant>>;
  beforeEach(async () => {
    await resetDb();
    scope = await makeTenant();
  });

  const claimed = (taskId: number) =>
    db.taskLog.create({ data: { taskId, tenantId: "acme", status: "running", trigger: "schedule" } });

  it("start each claimed row exactly once, even when it is handed over twice in the same moment", async () => {
    const tasks = await Promise.all(
      ["a", "b", "c"].map((name) =>
        makeTask(scope, { task_name: name, script_content: "result = 1", input_params: { who: name } }),
      ),
    );
    const rows = await Promise.all(tasks.map((t) => claimed(t.id)));
    const gone = await claimed(tasks[0]!.id);
    await db.taskLog.update({ where: { id: gone.id }, data: { status: "failed" } });

    // Each row twice, plus a row that is no longer running: all in one batch.
    const started = await Promise.all([...rows, ...rows, gone].map((r) => startRun(r.id)));

    for (const [i, row] of rows.entries()) {
      const once = started.filter((s) => s?.logId === String(row.id));
      expect(once, `row of task ${tasks[i]!.task_name}`).toHaveLength(1);
      expect(once[0]).toMatchObject({ taskId: tasks[i]!.id, params: { who: tasks[i]!.task_name } });
      const after = await db.taskLog.findUniqueOrThrow({ where: { id: row.id } });
      expect(after.startedAt).not.toBeNull();
      expect(after.runnerId).not.toBeNull();
    }
    expect(started.filter((s) => s === null)).toHaveLength(rows.length + 1);
    for (const t of tasks)
      expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: t.id } })).lastRunStatus).toBe(
        "running",
      );
  });

  it("start one of two fires of a task that skips overlaps, when both come in the same moment", async () => {
    const task = await makeTask(scope, { task_name: "skip", script_content: "result = 1" });
    const fire = (iso: string) =>
      db.taskLog.create({
        data: {
          taskId: task.id,
          tenantId: "acme",
          status: "running",
          trigger: "schedule",
          scheduledFor: new Date(iso),
        },
      });
    const first = await fire("2026-03-02T12:00:00Z");
    const second = await fire("2026-03-02T12:00:01Z");

    const started = await Promise.all([first, second].map((r) => startRun(r.id)));

    expect(started.map((s) => s?.logId ?? null)).toEqual([String(first.id), null]);
    const after = await db.taskLog.findUniqueOrThrow({ where: { id: second.id } });
    expect(after).toMatchObject({ status: "skipped", error: overlapSkipMessage(first.id) });
  });

  it("finish each run with its own outcome, and leave a run swept meanwhile as the sweep wrote it", async () => {
    const tasks = await Promise.all(
      ["ok", "bad", "swept"].map((name) =>
        makeTask(scope, { task_name: name, script_content: "result = 1" }),
      ),
    );
    const rows = await Promise.all(tasks.map((t) => claimed(t.id)));
    const runs = await Promise.all(rows.map((r) => startRun(r.id)));
    await db.taskLog.update({
      where: { id: rows[2]!.id },
      data: { status: "failed", error: "interrupted", finishedAt: new Date() },
    });

    const end = (i: number, status: "success" | "failed", output: string, error: string | null) =>
      finishRun({
        logId: rows[i]!.id,
        status,
        output,
        error,
        result: status === "success" ? { msg_type: "text", content: `结果 ${i}` } : null,
        deliveries: null,
        attempts: 1,
        taskId: tasks[i]!.id,
        startedAt: new Date(runs[i]!.startedAt),
      });
    const done = await Promise.all([
      end(0, "success", "第一条输出", null),
      end(1, "failed", "第二条输出", "脚本出错"),
      end(2, "success", "太晚了", null),
    ]);

    expect(done).toEqual([true, true, false]);
    const [ok, bad, swept] = await Promise.all(
      rows.map((r) => db.taskLog.findUniqueOrThrow({ where: { id: r.id } })),
    );
    expect(ok).toMatchObject({ status: "success", output: "第一条输出", error: null });
    expect(ok!.result).toEqual({ msg_type: "text", content: "结果 0" });
    expect(bad).toMatchObject({ status: "failed", output: "第二条输出", error: "脚本出错", result: null });
    expect(swept).toMatchObject({ status: "failed", error: "interrupted", output: null });
    const [t0, t1, t2] = await Promise.all(
      tasks.map((t) => db.scheduledTask.findUniqueOrThrow({ where: { id: t.id } })),
    );
    expect(t0).toMatchObject({ lastRunStatus: "success", lastRunMessage: "执行成功" });
    expect(t1).toMatchObject({ lastRunStatus: "failed", lastRunMessage: "脚本出错" });
    expect(t2!.lastRunStatus).toBe("running");
  });
});
