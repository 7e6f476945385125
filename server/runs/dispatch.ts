import { env } from "../env";
import { localRunner } from "./local-runner";

export type DispatchedRun = { logId: bigint; taskId: number; scheduledFor: Date | null; traceId: string };

/**
 * Hands a claimed run to whoever executes runs: Inngest in inngest mode (one event, deduped by
 * task and fire time), else this process's runner (embedded, and manual runs when SCHEDULER=off).
 */
export async function dispatchRun(run: DispatchedRun): Promise<void> {
  if (env.SCHEDULER === "inngest") {
    const { sendRunRequested } = await import("@/inngest/events");
    await sendRunRequested([run]);
    return;
  }
  localRunner().enqueue(run.logId);
}
