import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { RUN_REQUESTED } from "@/inngest/events";
import { schedulerTick } from "@/inngest/functions/scheduler-tick";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { logsOf, makeTask, makeTenant } from "../runs/run-helpers";

// The tick's events go out through step.sendEvent, mocked by its step id: nothing reaches Inngest.
const sendEventMock = { id: "run-requested", handler: () => ({ ids: [] }) };

async function taskDueAt(
  scope: Awaited<ReturnType<typeof makeTenant>>,
  name: string,
  nextRunAt: Date,
  cron = "* * * * *",
) {
  const task = await makeTask(scope, {
    task_name: name,
    schedule_type: "cron",
    cron_expression: cron,
    script_content: "result = 1",
  });
  await db.scheduledTask.update({ where: { id: task.id }, data: { nextRunAt } });
  return task;
}

describe("scheduler-tick (Inngest)", () => {
  let send: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    await resetDb();
    send = vi
      .spyOn(inngest, "send")
      .mockRejectedValue(new Error("inngest.send must not be called in this test"));
  });
  afterEach(() => send.mockRestore());

  it(
    "claims every fire due now or within the next minute, and sends one event per fire with a task+fire-time id",
    { timeout: 40_000 },
    async () => {
      const scope = await makeTenant();
      // Keep clear of a minute boundary between here and the tick (it would add a fire).
      if (Date.now() % 60_000 > 50_000) await sleep(61_000 - (Date.now() % 60_000));
      const now = Date.now();
      const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000);
      const due = await taskDueAt(scope, "due", minute(now)); // fired at the start of this minute; fires again at the next
      const soon = await taskDueAt(scope, "soon", minute(now + 60_000)); // the next minute boundary: within the lookahead
      const later = await taskDueAt(scope, "later", minute(now + 180_000)); // beyond the lookahead

      const t = new InngestTestEngine({ function: schedulerTick });
      const { result, ctx } = await t.execute({ steps: [sendEventMock] });

      expect(result).toEqual({ interrupted: 0, dispatched: 3 });
      expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
      const [stepId, events] = ctx.step.sendEvent.mock.calls[0] as [
        string,
        Array<{ id: string; name: string; data: Record<string, unknown>; ts?: number }>,
      ];
      expect(stepId).toBe("run-requested");
      expect(events).toHaveLength(3);

      const logs = [...(await logsOf(due.id)), ...(await logsOf(soon.id))];
      expect(logs.map((l) => [l.taskId, l.scheduledFor])).toEqual([
        [due.id, minute(now)],
        [due.id, minute(now + 60_000)],
        [soon.id, minute(now + 60_000)],
      ]);
      for (const log of logs) {
        const fire = log.scheduledFor!.getTime();
        expect(events).toContainEqual({
          id: `fire-${log.taskId}-${fire}`,
          name: RUN_REQUESTED,
          data: {
            logId: String(log.id),
            taskId: log.taskId,
            traceId: log.traceId,
            scheduledFor: log.scheduledFor!.toISOString(),
          },
          // A fire still ahead is delivered at its exact time.
          ...(fire > now ? { ts: fire } : {}),
        });
      }
      expect(new Set(events.map((e) => e.id)).size).toBe(3);
      expect(await logsOf(later.id)).toEqual([]);
      expect(send).not.toHaveBeenCalled();
    },
  );

  it("a second tick (a retry, or a second instance) sends nothing for fires already claimed", async () => {
    const scope = await makeTenant();
    // Yearly: the fire after this one is far beyond the tick's one-minute lookahead.
    const task = await taskDueAt(scope, "due", new Date(Date.now() - 5_000), "0 0 1 1 *");
    const first = await new InngestTestEngine({ function: schedulerTick }).execute({
      steps: [sendEventMock],
    });
    expect(first.result).toMatchObject({ dispatched: 1 });

    const second = await new InngestTestEngine({ function: schedulerTick }).execute({
      steps: [sendEventMock],
    });
    expect(second.result).toMatchObject({ dispatched: 0 });
    expect(second.ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(await logsOf(task.id)).toHaveLength(1);
  });

  it("marks runs whose lease went stale as interrupted before claiming", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: "result = 1" });
    const old = new Date(Date.now() - 10 * 60_000);
    const row = await db.taskLog.create({
      data: {
        taskId: task.id,
        tenantId: "acme",
        status: "running",
        trigger: "schedule",
        scheduledFor: old,
        startedAt: old,
        heartbeatAt: old,
        runnerId: "some-serverless-host-1-0123abcd",
      },
    });
    const { result } = await new InngestTestEngine({ function: schedulerTick }).execute({
      steps: [sendEventMock],
    });
    expect(result).toEqual({ interrupted: 1, dispatched: 0 });
    const swept = await db.taskLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(swept.status).toBe("failed");
    expect(swept.error).toContain("interrupted");
  });

  it("leaves a run with a fresh lease alone even if the process that started it is gone", async () => {
    // Under Inngest each step runs in whichever process serves it (serverless hosts may even share
    // a hostname): the pid in runner_id says nothing about the run, only its lease does.
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
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
        heartbeatAt: now,
        runnerId: `${hostname().slice(0, 40)}-${gone}-0123abcd`,
      },
    });
    const { result } = await new InngestTestEngine({ function: schedulerTick }).execute({
      steps: [sendEventMock],
    });
    expect(result).toEqual({ interrupted: 0, dispatched: 0 });
    expect((await db.taskLog.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("running");
  });
});
