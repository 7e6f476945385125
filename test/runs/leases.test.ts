import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { HEARTBEAT_INTERVAL_MS } from "@/server/runs/heartbeat";
import { LocalRunner } from "@/server/runs/local-runner";
import { runnerId } from "@/server/runs/runner-identity";
import { sweepInterrupted } from "@/server/runs/sweep-interrupted";
import { resetDb } from "../helpers/db";
import { logsOf, makeTask, makeTenant } from "./run-helpers";

/** A claimed fire, as claimDueFires leaves it for this process's runner. */
async function claimedRow(taskId: number, scheduledFor: Date) {
  const now = new Date();
  return db.taskLog.create({
    data: {
      taskId,
      tenantId: "acme",
      status: "running",
      trigger: "schedule",
      scheduledFor,
      runnerId: runnerId(),
      heartbeatAt: now,
    },
  });
}

describe("run leases", () => {
  beforeEach(resetDb);

  it(
    "a run waiting in the runner's queue behind a busy slot is kept alive, not swept as interrupted",
    { timeout: 40_000 },
    async () => {
      const scope = await makeTenant();
      const slow = await makeTask(scope, {
        task_name: "slow",
        script_content: "time.sleep(9); result = 'slow done'",
      });
      const quick = await makeTask(scope, { task_name: "quick", script_content: "result = 'quick done'" });
      const runner = new LocalRunner({ concurrency: 1 });
      const busy = await claimedRow(slow.id, new Date());
      const waiting = await claimedRow(quick.id, new Date());
      runner.enqueue(busy.id);
      runner.enqueue(waiting.id);
      expect(runner.load).toEqual({ active: 1, queued: 1 });

      // After a heartbeat, with a stale window a little longer than the heartbeat interval: a
      // process that is alive keeps every run it holds, queued or running, out of the sweep.
      const staleAfterMs = HEARTBEAT_INTERVAL_MS + 1_000;
      await sleep(HEARTBEAT_INTERVAL_MS + 2_500);
      expect(runner.load).toEqual({ active: 1, queued: 1 });
      expect(await sweepInterrupted({ staleAfterMs })).toBe(0);

      await runner.idle();
      expect((await logsOf(slow.id)).map((l) => l.status)).toEqual(["success"]);
      expect((await logsOf(quick.id)).map((l) => l.status)).toEqual(["success"]);
    },
  );
});
