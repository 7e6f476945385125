import { pruneOldLogs } from "@/server/runs/retention";
import { inngest } from "../client";

/** Daily at 03:00 Beijing time: run logs older than LOG_RETENTION_DAYS, in batches. */
export const pruneLogs = inngest.createFunction(
  { id: "prune-run-logs", triggers: [{ cron: "TZ=Asia/Shanghai 0 3 * * *" }] },
  async ({ step }) => ({ deleted: await step.run("delete-old-logs", () => pruneOldLogs()) }),
);
