import { limiters, tenantKey, type Lease, type Priority } from "./index";

/**
 * A script's claim on a CPU slot (limiters().cpu): held while the isolate executes JavaScript
 * (or Python), given back while it waits in a host call (HTTP, AI, SQL, robot, sleep), taken
 * again before the script resumes. 200 isolates blocked in a host call hold no thread; what
 * needs bounding is the ones executing.
 */
export class CpuHold {
  private lease: Lease | null = null;
  private closed = false;
  private readonly key: string;

  constructor(
    tenantId: string | null,
    private readonly priority: Priority,
    private readonly signal: AbortSignal,
  ) {
    this.key = tenantKey(tenantId);
  }

  /** Waits for a slot (rejects when the run's signal aborts: timeout, cancel). */
  async acquire(): Promise<void> {
    if (this.closed || this.lease?.held) return;
    const lease = await limiters().cpu.acquire(this.key, { priority: this.priority, signal: this.signal });
    if (this.closed) lease.release();
    else this.lease = lease;
  }

  release(): void {
    this.lease?.release();
    this.lease = null;
  }

  /** The run is over: give the slot back; a host call still finishing takes none. */
  close(): void {
    this.closed = true;
    this.release();
  }

  /**
   * The one host-call wrapper (every async SDK binding, both languages): the slot is free while
   * `work` waits, and held again before the result goes back into the isolate. If the run ends
   * meanwhile (timeout, cancel), the result is returned without a slot; the isolate is gone.
   */
  async hostCall<T>(work: () => Promise<T>): Promise<T> {
    this.release();
    try {
      return await work();
    } finally {
      await this.acquire().catch(() => undefined);
    }
  }
}
