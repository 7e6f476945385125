import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { RUN_REQUESTED, runRequestedEvent } from "@/inngest/events";
import { runScheduledTask } from "@/inngest/functions/run-scheduled-task";
import { db } from "@/server/db";
import { STALE_AFTER_MS, sweepInterrupted } from "@/server/runs/sweep-interrupted";
import { claimDueFires } from "@/server/runs/claim";
import { waitFor } from "../runs/poll";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { resetDb } from "../helpers/db";
import { allowLoopback, logsOf, makeTask, makeTenant } from "../runs/run-helpers";

// Fails until its n-th attempt (the attempt count lives in a script variable, i.e. the database).
const failUntil = (n: number) => `
const attempt = get_var('attempt', 0) + 1
set_var('attempt', attempt)
if (attempt < ${n}) throw new Error('boom on attempt ' + attempt)
result = '第 ' + attempt + ' 次成功'
`;

/** Claims the task's due fire the way the tick does and returns the event the tick would send. */
async function claimEvent(taskId: number) {
  await db.scheduledTask.update({ where: { id: taskId }, data: { nextRunAt: new Date(Date.now() - 1_000) } });
  const { claimed } = await claimDueFires();
  expect(claimed.map((c) => c.taskId)).toEqual([taskId]);
  const { id, name, data } = runRequestedEvent(claimed[0]!);
  return { id, name, data };
}

/** step.sleep mocked by step id: the engine would otherwise wait on it forever. */
const sleeps = (...ids: string[]) => ids.map((id) => ({ id, handler: () => undefined }));

describe("run-scheduled-task (Inngest)", () => {
  let dingtalk: FakeDingtalk;
  let send: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    allowLoopback();
    dingtalk = await startFakeDingtalk();
  });
  afterAll(() => dingtalk.close());
  beforeEach(async () => {
    await resetDb();
    dingtalk.reset();
    send = vi
      .spyOn(inngest, "send")
      .mockRejectedValue(new Error("inngest.send must not be called in this test"));
  });
  afterEach(() => send.mockRestore());

  it("sleeps retry_interval between a failed attempt and the next, then finishes the run as a success", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: failUntil(2),
      retry_count: 3,
      retry_interval: 45,
      alert_on_failure: true,
      alert_webhook: dingtalk.webhookUrl(),
    });
    const event = await claimEvent(task.id);
    expect(event.name).toBe(RUN_REQUESTED);

    const { result, ctx } = await new InngestTestEngine({ function: runScheduledTask }).execute({
      events: [event],
      steps: sleeps("retry-wait-1", "retry-wait-2", "retry-wait-3"),
    });

    expect(result).toMatchObject({ status: "success", attempts: 2 });
    // One failure, one sleep of retry_interval, by its step id.
    expect(ctx.step.sleep.mock.calls).toEqual([["retry-wait-1", "45s"]]);
    const stepIds = ctx.step.run.mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(expect.arrayContaining(["start", "attempt-1", "attempt-2", "finish", "alert"]));
    expect(stepIds).not.toContain("attempt-3");

    const [log] = await logsOf(task.id);
    expect(log).toMatchObject({ status: "success", retryCount: 1, trigger: "schedule" });
    expect(log!.result).toMatchObject({ content: "第 2 次成功" });
    expect(log!.output).toContain("boom on attempt 1");
    // A success after no alert sends nothing.
    expect(dingtalk.accepted()).toHaveLength(0);
    expect(send).not.toHaveBeenCalled();
  });

  it("after the last failed attempt, fails the run and alerts exactly once", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: failUntil(10),
      retry_count: 2,
      retry_interval: 30,
      alert_on_failure: true,
      alert_webhook: dingtalk.webhookUrl(),
    });
    const event = await claimEvent(task.id);

    const { result, ctx } = await new InngestTestEngine({ function: runScheduledTask }).execute({
      events: [event],
      steps: sleeps("retry-wait-1", "retry-wait-2"),
    });

    expect(result).toMatchObject({ status: "failed", attempts: 3 });
    expect(ctx.step.sleep.mock.calls).toEqual([
      ["retry-wait-1", "30s"],
      ["retry-wait-2", "30s"],
    ]);
    // Three attempts ran the script three times, no more (memoized steps are not re-run).
    expect(
      (await db.scriptVar.findFirstOrThrow({ where: { taskId: task.id, varKey: "attempt" } })).varValue,
    ).toBe(3);
    const [log] = await logsOf(task.id);
    expect(log).toMatchObject({ status: "failed", retryCount: 2 });
    expect(log!.error).toContain("boom on attempt 3");

    const alerts = dingtalk.accepted();
    expect(alerts).toHaveLength(1);
    const text = JSON.stringify(alerts[0]!.body);
    expect(text).toContain("尝试次数：3");
    expect(text).toContain(log!.traceId!);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).alertOpen).toBe(true);
    expect(send).not.toHaveBeenCalled();
  });

  it("ignores a second delivery of the same event: the run is not executed twice", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: failUntil(1) });
    const event = await claimEvent(task.id);
    const engine = new InngestTestEngine({ function: runScheduledTask });
    expect((await engine.execute({ events: [event] })).result).toMatchObject({
      status: "success",
      attempts: 1,
    });
    expect(
      (await new InngestTestEngine({ function: runScheduledTask }).execute({ events: [event] })).result,
    ).toMatchObject({ status: "ignored" });
    expect(
      (await db.scriptVar.findFirstOrThrow({ where: { taskId: task.id, varKey: "attempt" } })).varValue,
    ).toBe(1);
    expect((await logsOf(task.id)).map((l) => l.status)).toEqual(["success"]);
  });

  it("a long attempt is not taken for dead by the tick's sweep: no process heartbeats under Inngest", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: "set_var('started', true); time.sleep(2); result = 'done'",
      timeout_seconds: 600,
    });
    const event = await claimEvent(task.id);
    const execution = new InngestTestEngine({ function: runScheduledTask }).execute({ events: [event] });

    await waitFor("the attempt to be running", () =>
      db.scriptVar.findFirst({ where: { taskId: task.id, varKey: "started" } }),
    );
    // The minute tick's sweep, as it would run several minutes into this (allowed) 10-minute attempt.
    expect(await sweepInterrupted({ now: new Date(Date.now() + 5 * STALE_AFTER_MS) })).toBe(0);

    expect((await execution).result).toMatchObject({ status: "success" });
    expect((await logsOf(task.id)).map((l) => l.status)).toEqual(["success"]);
  });
});
