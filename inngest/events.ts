import { registerRunSender } from "@/server/runs/dispatch";
import { inngest } from "./client";

export const RUN_REQUESTED = "scheduled-task/run.requested";

export type RunRequestedData = {
  logId: string;
  taskId: number;
  traceId: string;
  scheduledFor: string | null;
};

type Dispatchable = {
  logId: bigint | string;
  taskId: number;
  traceId: string;
  scheduledFor: Date | string | null;
};

/**
 * One event per fire. The id is built from task id + fire time, so a tick retried by Inngest
 * (or two ticks racing) cannot start the same fire twice; manual runs use their log id.
 * A fire in the future (the tick looks a minute ahead) is delivered at its exact time via `ts`.
 */
export function runRequestedEvent(run: Dispatchable) {
  const scheduledFor = run.scheduledFor === null ? null : new Date(run.scheduledFor);
  return {
    id: scheduledFor ? `fire-${run.taskId}-${scheduledFor.getTime()}` : `manual-${String(run.logId)}`,
    name: RUN_REQUESTED,
    data: {
      logId: String(run.logId),
      taskId: run.taskId,
      traceId: run.traceId,
      scheduledFor: scheduledFor?.toISOString() ?? null,
    } satisfies RunRequestedData,
    ...(scheduledFor && scheduledFor.getTime() > Date.now() ? { ts: scheduledFor.getTime() } : {}),
  };
}

export async function sendRunRequested(runs: Dispatchable[]): Promise<void> {
  if (runs.length > 0) await inngest.send(runs.map(runRequestedEvent));
}

// server/runs/dispatch.ts sends runs through this in inngest mode (server/ does not import inngest/).
registerRunSender(sendRunRequested);
