import { db } from "../db";
import { logger } from "../logger";
import { holdLease, releaseLease, withHeartbeat } from "./heartbeat";
import { finishRun } from "./finish-run";
import { runFlow, type FlowOptions } from "./run-flow";
import { inProcessSteps } from "./step";

export type LocalRunnerOptions = { concurrency?: number; flow?: FlowOptions };

/**
 * Runs claimed log rows in this process with bounded concurrency; the rest wait in order.
 * Each run's lease is kept fresh while it is here, so a crash is noticed by the sweep.
 */
export class LocalRunner {
  private readonly queue: string[] = [];
  private readonly active = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly freedListeners = new Set<() => void>();
  private stopping = false;

  constructor(private readonly opts: LocalRunnerOptions = {}) {}

  get concurrency(): number {
    return this.opts.concurrency ?? 4;
  }

  /** Slots free now (what a tick may claim without queueing). */
  get free(): number {
    return Math.max(0, this.concurrency - this.active.size - this.queue.length);
  }

  get load(): { active: number; queued: number } {
    return { active: this.active.size, queued: this.queue.length };
  }

  enqueue(logId: bigint | string): void {
    if (this.stopping) return; // the row stays running; the sweep of the next start marks it
    this.queue.push(String(logId));
    // A claimed run waiting for a slot is alive too: without a heartbeat the sweep (of any
    // instance) would take it for a crashed run once the wait exceeds the stale window.
    holdLease(BigInt(logId));
    this.pump();
  }

  private pump(): void {
    while (this.active.size < this.concurrency && this.queue.length > 0) {
      const logId = this.queue.shift()!;
      const job = withHeartbeat(BigInt(logId), () =>
        runFlow(inProcessSteps(this.abort.signal), logId, this.opts.flow),
      )
        .then(() => undefined)
        .catch((err: unknown) => {
          logger.error({ err, log_id: logId }, "run flow crashed");
          void failCrashedRun(logId, err);
        })
        .finally(() => {
          this.active.delete(job);
          this.pump();
          for (const listener of this.freedListeners) listener();
        });
      this.active.add(job);
    }
  }

  /** Calls `listener` each time a run ends (a slot may be free); returns the unsubscribe. */
  onRunEnded(listener: () => void): () => void {
    this.freedListeners.add(listener);
    return () => this.freedListeners.delete(listener);
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.active.size > 0 || this.queue.length > 0) await Promise.race(this.active);
  }

  /** Graceful stop: no new runs; running ones get up to `graceMs` to finish, sleeps are cut short. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    const notStarted = this.queue.splice(0);
    for (const logId of notStarted) releaseLease(BigInt(logId));
    await skipNotStarted(notStarted);
    const deadline = new Promise((r) => setTimeout(r, graceMs).unref());
    this.abort.abort();
    await Promise.race([Promise.allSettled([...this.active]), deadline]);
  }
}

/**
 * A flow that threw (the database went away mid-run) leaves its row running under a lease that
 * may last as long as the task's timeout, blocking its next fires. Finish it as failed as soon as
 * the database answers again (a few tries), so the task's next fire is not skipped for overlap.
 */
export async function failCrashedRun(
  logId: string,
  err: unknown,
  tries = 12,
  delayMs = 5_000,
): Promise<void> {
  const message = `运行出错，已中止 (run aborted by a platform error): ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
  for (let i = 0; i < tries; i++) {
    try {
      await finishRun({
        logId: BigInt(logId),
        status: "failed",
        output: "",
        error: message,
        result: null,
        deliveries: null,
        attempts: 1,
      });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, delayMs).unref());
    }
  }
}

/** Runs claimed but never started when the server stops are recorded as skipped, not lost. */
async function skipNotStarted(logIds: string[]): Promise<void> {
  if (logIds.length === 0) return;
  const now = new Date();
  await db.taskLog
    .updateMany({
      where: { id: { in: logIds.map((id) => BigInt(id)) }, status: "running", startedAt: null },
      data: {
        status: "skipped",
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
        error: "服务关闭时尚未开始，本次已跳过 (server stopped before the run started)",
      },
    })
    .catch((err: unknown) => logger.warn({ err }, "could not record queued runs as skipped"));
}

const globalRunner = globalThis as unknown as { __localRunner?: LocalRunner };

/** The process-wide runner used by the embedded dispatcher and by manual runs. */
export function localRunner(opts?: LocalRunnerOptions): LocalRunner {
  globalRunner.__localRunner ??= new LocalRunner(opts);
  return globalRunner.__localRunner;
}

export function resetLocalRunner(): void {
  globalRunner.__localRunner = undefined;
}
