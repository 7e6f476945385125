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

/** How runs reach Inngest. server/ never imports inngest/: the Inngest side registers this. */
export type RunSender = (runs: DispatchedRun[]) => Promise<void>;

// On globalThis: Next bundles instrumentation and each route separately, each with its own copy
// of this module, and the sender registered at boot must reach all of them.
const registry = globalThis as unknown as { __runSender?: RunSender };

/** Called by inngest/events.ts when it loads (instrumentation.ts loads it in inngest mode). */
export function registerRunSender(send: RunSender): void {
  registry.__runSender = send;
}

/**
 * Hands a claimed run to whoever executes runs: Inngest in inngest mode (one event, deduped by
 * task and fire time), else this process's runner (embedded, and manual runs when SCHEDULER=off).
 */
export async function dispatchRun(run: DispatchedRun): Promise<void> {
  if (env.SCHEDULER === "inngest") {
    const send = registry.__runSender;
    if (!send)
      throw new Error("SCHEDULER=inngest but no Inngest run sender is registered (inngest/events.ts)");
    await send([run]);
    return;
  }
  localRunner().enqueue(run.logId, {
    tenantId: run.tenantId,
    priority: run.interactive ? INTERACTIVE : BACKGROUND,
  });
}
