import { setMaxListeners } from "node:events";
import { db } from "../db";
import { env } from "../env";
import { BACKGROUND, FairLimiter, limiters, rssMb, tenantKey, type Lease, type Priority } from "../limits";
import { tenantRunQuota } from "../limits/tenant-quotas";
import { logger } from "../logger";
import { registerRunnerLoad } from "../metrics";
import { holdLease, releaseLease, withHeartbeat } from "./heartbeat";
import { finishRun } from "./finish-run";
import { runFlow, type FlowOptions } from "./run-flow";
import { inProcessSteps } from "./step";

export type LocalRunnerOptions = {
  /**
   * Runs in flight at once in this runner. Unset: the process-wide run limiter
   * (RUNS_MAX_IN_FLIGHT, the memory budget and per-tenant quotas, shared with manual runs).
   */
  concurrency?: number;
  flow?: FlowOptions;
};

export type EnqueueOptions = {
  /** The run's tenant: its quota and its turn in the round-robin (null = a global task). */
  tenantId?: string | null;
  /** Manual runs are interactive: served before a scheduled burst, with a reserve above the ceiling. */
  priority?: Priority;
};

/**
 * Runs claimed log rows in this process. A run starts when the run limiter grants it a slot:
 * runs in flight are bounded by a ceiling and a memory budget, each tenant by its quota, and
 * waiting runs are served interactive first, then round-robin across tenants. Each run's lease
 * is kept fresh while it is here (waiting or running), so a crash is noticed by the sweep.
 */
export class LocalRunner {
  private readonly waitingIds = new Set<string>();
  private readonly active = new Set<Promise<void>>();
  private running = 0;
  /** Cuts sleeps short at shutdown (retry waits, delivery waits). */
  private readonly abort = new AbortController();
  /** Withdraws the runs still waiting for a slot at shutdown. */
  private readonly withdraw = new AbortController();
  private readonly freedListeners = new Set<() => void>();
  private readonly limiter: FairLimiter;
  private memoryTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly opts: LocalRunnerOptions = {}) {
    // Every waiting run listens on `withdraw` (hundreds in a burst): not a leak.
    setMaxListeners(0, this.withdraw.signal);
    const n = opts.concurrency;
    this.limiter =
      n === undefined
        ? limiters().runs
        : new FairLimiter({
            name: "a run slot",
            capacity: () => n,
            perKey: (key) => tenantRunQuota(key),
            canAdmit: () => rssMb() < env.RUNS_MEMORY_BUDGET_MB,
          });
  }

  /** Runs this runner may have in flight (what the dispatcher sizes its claims by). */
  get concurrency(): number {
    return this.opts.concurrency ?? env.RUNS_MAX_IN_FLIGHT;
  }

  /** Slots free now (what a tick may claim without queueing). */
  get free(): number {
    return Math.max(0, this.concurrency - this.running - this.waitingIds.size);
  }

  get load(): { active: number; queued: number } {
    return { active: this.running, queued: this.waitingIds.size };
  }

  enqueue(logId: bigint | string, opts: EnqueueOptions = {}): void {
    if (this.stopping) return; // the row stays running; the sweep of the next start marks it
    const id = String(logId);
    if (this.waitingIds.has(id)) return;
    this.waitingIds.add(id);
    // A claimed run waiting for a slot is alive too: without a heartbeat the sweep (of any
    // instance) would take it for a crashed run once the wait exceeds the stale window.
    holdLease(BigInt(id));
    const key = tenantKey(opts.tenantId);
    const priority = opts.priority ?? BACKGROUND;
    const start = async (lease: Lease) => {
      try {
        await withHeartbeat(BigInt(id), () =>
          runFlow(inProcessSteps(this.abort.signal), id, {
            heartbeat: true,
            aroundStart: async (work) => {
              const slot = await limiters().starts.acquire(key, { priority });
              try {
                return await work();
              } finally {
                slot.release();
              }
            },
            ...this.opts.flow,
          }),
        );
      } catch (err) {
        logger.error({ err, log_id: id }, "run flow crashed");
        void failCrashedRun(id, err);
      } finally {
        this.running--;
        lease.release();
      }
    };
    const granted = (lease: Lease) => {
      this.waitingIds.delete(id);
      this.running++;
      return start(lease);
    };
    // A free slot is taken at once (load counts it as active right away), else the run waits.
    const now = this.limiter.tryAcquire(key, priority);
    const job = (
      now
        ? granted(now)
        : this.limiter.acquire(key, { priority, signal: this.withdraw.signal }).then(granted, () => {
            // Withdrawn at shutdown: stop() records it as skipped.
            this.waitingIds.delete(id);
          })
    ).finally(() => {
      this.active.delete(job);
      for (const listener of this.freedListeners) listener();
    });
    this.active.add(job);
    this.watchMemory();
  }

  /** While the memory budget holds runs back, look again every 200 ms (runs ending free memory too). */
  private watchMemory(): void {
    if (this.memoryTimer || this.waitingIds.size === 0) return;
    this.memoryTimer = setInterval(() => {
      if (this.waitingIds.size === 0) {
        clearInterval(this.memoryTimer);
        this.memoryTimer = undefined;
        return;
      }
      this.limiter.poke();
    }, 200);
    this.memoryTimer.unref();
  }

  /** Calls `listener` each time a run ends (a slot may be free); returns the unsubscribe. */
  onRunEnded(listener: () => void): () => void {
    this.freedListeners.add(listener);
    return () => this.freedListeners.delete(listener);
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.race(this.active);
  }

  /** Graceful stop: no new runs; running ones get up to `graceMs` to finish, sleeps are cut short. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    const notStarted = [...this.waitingIds];
    this.withdraw.abort();
    for (const logId of notStarted) releaseLease(BigInt(logId));
    await skipNotStarted(notStarted);
    const deadline = new Promise((r) => setTimeout(r, graceMs).unref());
    this.abort.abort();
    await Promise.race([Promise.allSettled([...this.active]), deadline]);
    clearInterval(this.memoryTimer);
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
  if (!globalRunner.__localRunner) {
    const runner = new LocalRunner(opts);
    globalRunner.__localRunner = runner;
    registerRunnerLoad(() => runner.load);
  }
  return globalRunner.__localRunner;
}

export function resetLocalRunner(): void {
  globalRunner.__localRunner = undefined;
}
