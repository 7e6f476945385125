import { claimDueFires } from "@/server/runs/claim";
import { sweepInterrupted } from "@/server/runs/sweep-interrupted";
import { inngest } from "../client";
import { runRequestedEvent } from "../events";

/** Every minute: mark dead runs, claim the fires due within the next minute, send one event each. */
export const schedulerTick = inngest.createFunction(
  { id: "scheduler-tick", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const interrupted = await step.run("sweep-interrupted", () => sweepInterrupted({ localPids: false }));
    const claimed = await step.run("claim-due-fires", async () => {
      const { claimed } = await claimDueFires({ lookaheadMs: 60_000, limit: 2_000 });
      return claimed.map((c) => ({
        logId: String(c.logId),
        taskId: c.taskId,
        traceId: c.traceId,
        scheduledFor: c.scheduledFor.toISOString(),
      }));
    });
    if (claimed.length > 0) await step.sendEvent("run-requested", claimed.map(runRequestedEvent));
    return { interrupted, dispatched: claimed.length };
  },
);
