import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as logs from "@/app/api/scheduled-tasks/[id]/logs/route";
import * as cancel from "@/app/api/scheduled-tasks/[id]/logs/[log_id]/cancel/route";
import * as run from "@/app/api/scheduled-tasks/[id]/run/route";
import { db } from "@/server/db";
import { localRunner } from "@/server/runs/local-runner";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";
import { startChildDispatcher, type ChildDispatcher } from "./child-dispatcher";
import { makeTask } from "./run-helpers";

// Cancel and live output end to end over REST: the run executes in another process (a second
// instance's embedded dispatcher) or in this one; REST reads its output while it grows and
// cancels it; the isolate stops within about a second and the run ends `cancelled`.

const STREAM = `for (let i = 1; i <= 200; i++) { log('line ' + i); time.sleep(0.2) }\nresult = 'never'`;

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe("cancel and live output over REST", { timeout: 90_000 }, () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;
  let b: Awaited<ReturnType<typeof tenantWithToken>>;
  let child: ChildDispatcher | undefined;

  beforeAll(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
    b = await tenantWithToken("tenant-b");
  });
  afterAll(async () => {
    await child?.kill();
    await localRunner().idle();
  });

  const logsByTrace = (taskId: number, traceId: string) =>
    callRoute(logs.GET, { token: a.token, params: { id: taskId }, query: { trace_id: traceId } });

  it("streams a run's output on another instance and cancels it there within a second", async () => {
    child = await startChildDispatcher();
    const task = await makeTask(a.scope, {
      task_name: "长任务",
      script_content: STREAM,
      timeout_seconds: 120,
    });
    // Due now: the other process's dispatcher claims and runs it.
    await db.scheduledTask.update({ where: { id: task.id }, data: { nextRunAt: new Date() } });
    const log = await waitFor("the run to start", () =>
      db.taskLog.findFirst({ where: { taskId: task.id, startedAt: { not: null } } }),
    );
    await db.scheduledTask.update({ where: { id: task.id }, data: { isEnabled: false } });
    const traceId = log.traceId!;

    // Live output: GET …/logs?trace_id= shows the lines while the run is still running, growing.
    const first = await waitFor("live output", async () => {
      const res = await logsByTrace(task.id, traceId);
      const row = res.body.items[0];
      return row?.status === "running" && /line 3/.test(row.output ?? "") ? row : null;
    });
    const later = await waitFor("more output", async () => {
      const res = await logsByTrace(task.id, traceId);
      const row = res.body.items[0];
      return row.output.length > first.output.length ? row : null;
    });
    expect(later.status).toBe("running");

    // Another tenant cannot see or cancel it.
    const foreign = await callRoute(cancel.POST, {
      token: b.token,
      method: "POST",
      params: { id: task.id, log_id: String(log.id) },
    });
    expect(foreign.status).toBe(404);

    const asked = Date.now();
    const res = await callRoute(cancel.POST, {
      token: a.token,
      method: "POST",
      params: { id: task.id, log_id: String(log.id) },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", error: "已取消 (cancelled)" });
    expect(res.body.output).toMatch(/line 3/);
    const row = await db.taskLog.findUniqueOrThrow({ where: { id: log.id } });
    expect(row.finishedAt!.getTime() - asked).toBeLessThan(2_000);
    // The isolate stopped: no line is logged after the cancel.
    const lines = (row.output ?? "").split("\n").length;
    await sleep(1_500);
    expect(
      ((await db.taskLog.findUniqueOrThrow({ where: { id: log.id } })).output ?? "").split("\n").length,
    ).toBe(lines);
    const t = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(t.lastRunStatus).toBe("cancelled");

    // Cancelling a finished run answers 409.
    const again = await callRoute(cancel.POST, {
      token: a.token,
      method: "POST",
      params: { id: task.id, log_id: String(log.id) },
    });
    expect(again.status).toBe(409);
    await child.stop();
    child = undefined;
  });

  it("stops a CPU-bound script started with 立即运行 within a second", async () => {
    const task = await makeTask(a.scope, {
      task_name: "死循环",
      script_content: "log('start')\nwhile (true) {}",
      timeout_seconds: 60,
    });
    const started = await callRoute(run.POST, {
      token: a.token,
      method: "POST",
      params: { id: task.id },
      body: {},
    });
    expect(started.status).toBe(202);
    const log = await waitFor("the run to start", () =>
      db.taskLog.findFirst({ where: { taskId: task.id, startedAt: { not: null } } }),
    );
    await waitFor("live output", async () =>
      /start/.test((await db.taskLog.findUniqueOrThrow({ where: { id: log.id } })).output ?? ""),
    );
    const asked = Date.now();
    const res = await callRoute(cancel.POST, {
      token: a.token,
      method: "POST",
      params: { id: task.id, log_id: String(log.id) },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expect(Date.now() - asked).toBeLessThan(2_000);
    await localRunner().idle();
    const row = await db.taskLog.findUniqueOrThrow({ where: { id: log.id } });
    expect(row.status).toBe("cancelled");
    expect(row.output).toMatch(/start/);
  });

  it("answers 400 for a malformed log id and 404 for a run of another task", async () => {
    const task = await makeTask(a.scope, { task_name: "x", script_content: "result = 'x'" });
    const bad = await callRoute(cancel.POST, {
      token: a.token,
      method: "POST",
      params: { id: task.id, log_id: "abc" },
    });
    expect(bad.status).toBe(400);
    const missing = await callRoute(cancel.POST, {
      token: a.token,
      method: "POST",
      params: { id: task.id, log_id: "999999" },
    });
    expect(missing.status).toBe(404);
  });
});
