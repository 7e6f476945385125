import { runFlow } from "@/server/runs/run-flow";
import type { Steps } from "@/server/runs/step";
import { inngest } from "../client";
import { RUN_REQUESTED, type RunRequestedData } from "../events";

/** One run per event, through the same flow as the embedded dispatcher; Inngest's step is the step interface. */
export const runScheduledTask = inngest.createFunction(
  { id: "run-scheduled-task", triggers: [{ event: RUN_REQUESTED }], retries: 3 },
  async ({ event, step }) => {
    const steps: Steps = {
      run: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as Promise<T>,
      sleep: (id, seconds) => step.sleep(id, `${seconds}s`),
    };
    return runFlow(steps, (event.data as RunRequestedData).logId);
  },
);
