import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { RUN_REQUESTED } from "@/inngest/events";
import { pruneLogs } from "@/inngest/functions/prune-logs";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { localRunner } from "@/server/runs/local-runner";
import { runTaskNow } from "@/server/runs/manual-run";
import { resetDb } from "../helpers/db";
import { logsOf, makeTask, makeTenant } from "../runs/run-helpers";

describe("Inngest: prune-run-logs and manual runs", () => {
  let send: ReturnType<typeof vi.spyOn>;
  const savedScheduler = process.env.SCHEDULER;

  beforeEach(async () => {
    await resetDb();
    send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["stubbed"] } as never);
  });
  afterEach(() => {
    send.mockRestore();
    if (savedScheduler === undefined) delete process.env.SCHEDULER;
    else process.env.SCHEDULER = savedScheduler;
    resetEnvCache();
  });

  it("the daily prune function deletes logs older than the retention in one step", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: "result = 1" });
    const old = new Date(Date.now() - 40 * 86400_000);
    await db.taskLog.create({
      data: { taskId: task.id, tenantId: "acme", status: "success", createdAt: old, output: "old" },
    });
    await db.taskLog.create({
      data: { taskId: task.id, tenantId: "acme", status: "running", createdAt: old, output: "old-running" },
    });
    await db.taskLog.create({ data: { taskId: task.id, tenantId: "acme", status: "failed", output: "new" } });

    const { result, ctx } = await new InngestTestEngine({ function: pruneLogs }).execute();
    expect(result).toEqual({ deleted: 1 });
    expect(ctx.step.run).toHaveBeenCalledWith("delete-old-logs", expect.any(Function));
    expect((await logsOf(task.id)).map((l) => l.output)).toEqual(["old-running", "new"]);
  });

  it("in inngest mode a manual run is one event (id manual-<log id>), not run in this process", async () => {
    process.env.SCHEDULER = "inngest";
    resetEnvCache();
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: "result = 1" });
    const { log_id, trace_id } = await runTaskNow({ scope, id: task.id });

    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toEqual([
      {
        id: `manual-${log_id}`,
        name: RUN_REQUESTED,
        data: { logId: String(log_id), taskId: task.id, traceId: trace_id, scheduledFor: null },
      },
    ]);
    expect(localRunner().load).toEqual({ active: 0, queued: 0 });
    expect(await logsOf(task.id)).toMatchObject([{ status: "running", trigger: "manual", startedAt: null }]);
  });
});
