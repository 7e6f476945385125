import { env } from "../env";
import { BACKGROUND, INTERACTIVE } from "../limits";
import { localRunner } from "./local-runner";

export type DispatchedRun = {
  logId: bigint;
  taskId: number;
  scheduledFor: Date | null;
  traceId: string;
  /** For the in-process runner: the tenant's quota and turn; manual runs go before scheduled ones. */
  tenantId?: string | null;
  interactive?: boolean;
};

/**
 * Hands a claimed run to whoever executes runs: Inngest in inngest mode (one event, deduped by
 * task and fire time), else this process's runner (embedded, and manual runs when SCHEDULER=off).
 */
export async function dispatchRun(run: DispatchedRun): Promise<void> {
  if (env.SCHEDULER === "inngest") {
    const { sendRunRequested } = await import("@/inngest/events");
    await sendRunRequested([
      { logId: run.logId, taskId: run.taskId, scheduledFor: run.scheduledFor, traceId: run.traceId },
    ]);
    return;
  }
  localRunner().enqueue(run.logId, {
    tenantId: run.tenantId,
    priority: run.interactive ? INTERACTIVE : BACKGROUND,
  });
}
