/**
 * The one limiter of the platform: a keyed counting semaphore. Keys are tenants (runs, CPU
 * slots) or users (test-script calls); each key has its own limit under a shared capacity, and
 * waiters are served by priority, then round-robin across keys, FIFO within a key. So one
 * tenant's burst cannot starve another tenant's fire, and interactive work (manual runs, test
 * runs) is served before a scheduled burst.
 *
 * Leases are released with `release()` (idempotent); callers release in `finally`.
 */

/** 0 = interactive (manual run, test-script), 1 = background (scheduled fires, retries). */
export type Priority = 0 | 1;
export const INTERACTIVE: Priority = 0;
export const BACKGROUND: Priority = 1;

export type Lease = {
  readonly key: string;
  /** True while held; false after release(). */
  readonly held: boolean;
  release(): void;
};

export type LimiterOptions = {
  name: string;
  /** Leases held at once across all keys, for a waiter of this priority. */
  capacity: (priority: Priority) => number;
  /** Leases one key may hold at once. */
  perKey: (key: string) => number;
  /** Extra admission condition checked before each grant (e.g. a memory budget). */
  canAdmit?: () => boolean;
  /**
   * Starvation escape: a waiter of a key that holds nothing, waiting at least this long, is
   * granted beyond `capacity` (up to `hardCapacity`). Bounds how long busy keys can hold back
   * an idle key's work when leases are held a long time (CPU-bound scripts).
   */
  starvationMs?: number;
  hardCapacity?: number;
};

type Waiter = {
  key: string;
  priority: Priority;
  since: number;
  resolve: (lease: Lease) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
};

export class LimiterAbortedError extends Error {
  constructor(name: string) {
    super(`gave up waiting for ${name}`);
    this.name = "LimiterAbortedError";
  }
}

export class FairLimiter {
  private readonly held = new Map<string, number>();
  private total = 0;
  /** Per priority: key → FIFO of waiters; Map order is the round-robin order. */
  private readonly queues: [Map<string, Waiter[]>, Map<string, Waiter[]>] = [new Map(), new Map()];
  private waiterCount = 0;
  private escapeTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly opts: LimiterOptions) {}

  get inUse(): number {
    return this.total;
  }

  get waiting(): number {
    return this.waiterCount;
  }

  inUseBy(key: string): number {
    return this.held.get(key) ?? 0;
  }

  /** Leases held per key (only keys holding some). */
  heldByKey(): Map<string, number> {
    return new Map(this.held);
  }

  waitingBy(key: string): number {
    return (this.queues[0].get(key)?.length ?? 0) + (this.queues[1].get(key)?.length ?? 0);
  }

  /** Called after every grant and release (metrics, dispatchers watching for room). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A lease now, or null when the key or the capacity is full (no waiting: callers answer 429). */
  tryAcquire(key: string, priority: Priority = INTERACTIVE): Lease | null {
    if (this.waiterCount > 0) this.drain();
    if (!this.fits(key, priority)) return null;
    return this.grant(key);
  }

  /** Waits for a lease. Rejects with LimiterAbortedError if `signal` aborts first. */
  acquire(key: string, opts: { priority?: Priority; signal?: AbortSignal } = {}): Promise<Lease> {
    const priority = opts.priority ?? BACKGROUND;
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(new LimiterAbortedError(this.opts.name));
    // After a drain no waiter fits (waiters of a full key, or all of them when the capacity is
    // full), so a newcomer that fits overtakes nobody it should queue behind.
    if (this.waiterCount > 0) this.drain();
    if (this.fits(key, priority)) return Promise.resolve(this.grant(key));
    return new Promise<Lease>((resolve, reject) => {
      const onAbort = () => {
        if (this.removeWaiter(waiter)) reject(new LimiterAbortedError(this.opts.name));
      };
      const waiter: Waiter = {
        key,
        priority,
        since: performance.now(),
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const queue = this.queues[priority];
      let list = queue.get(key);
      if (!list) queue.set(key, (list = []));
      list.push(waiter);
      this.waiterCount++;
      this.armEscape();
    });
  }

  /** Re-checks the waiters (the memory budget or a quota changed). */
  poke(): void {
    this.drain();
  }

  private fits(key: string, priority: Priority): boolean {
    if (this.total >= this.opts.capacity(priority)) return false;
    if ((this.held.get(key) ?? 0) >= this.opts.perKey(key)) return false;
    return this.opts.canAdmit ? this.opts.canAdmit() : true;
  }

  private grant(key: string): Lease {
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
    this.total++;
    let released = false;
    const lease: Lease = {
      key,
      get held() {
        return !released;
      },
      release: () => {
        if (released) return;
        released = true;
        const n = (this.held.get(key) ?? 1) - 1;
        if (n <= 0) this.held.delete(key);
        else this.held.set(key, n);
        this.total--;
        this.drain();
        this.notify();
      },
    };
    this.notify();
    return lease;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  private removeWaiter(w: Waiter): boolean {
    const queue = this.queues[w.priority];
    const list = queue.get(w.key);
    const i = list ? list.indexOf(w) : -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) queue.delete(w.key);
    this.waiterCount--;
    w.cleanup();
    return true;
  }

  /** Grants to waiters while something fits: by priority, round-robin over keys, FIFO per key. */
  private drain(): void {
    for (let p = 0 as Priority; p <= 1; p = (p + 1) as Priority) {
      const queue = this.queues[p];
      let progressed = true;
      while (progressed && queue.size > 0) {
        progressed = false;
        if (this.total >= this.opts.capacity(p)) break;
        for (const [key, list] of queue) {
          if (!this.fits(key, p)) continue;
          const w = list.shift()!;
          queue.delete(key);
          // Served: the key goes to the back of the rotation.
          if (list.length > 0) queue.set(key, list);
          this.waiterCount--;
          w.cleanup();
          w.resolve(this.grant(key));
          progressed = true;
          break;
        }
      }
      // Interactive waiters left are held by their key's limit (or capacity, which background
      // waiters cannot get either): background waiters of other keys may go on.
    }
  }

  private armEscape(): void {
    const ms = this.opts.starvationMs;
    if (ms === undefined || this.escapeTimer) return;
    // Checked a few times per starvation period, so a waiter escapes at most ms/4 after its due time.
    this.escapeTimer = setTimeout(
      () => {
        this.escapeTimer = undefined;
        this.escape();
        if (this.waiterCount > 0) this.armEscape();
      },
      Math.max(10, ms / 4),
    );
    this.escapeTimer.unref();
  }

  /** Grants one lease to each starving key that holds none, within the hard capacity. */
  private escape(): void {
    const ms = this.opts.starvationMs!;
    const hard = this.opts.hardCapacity ?? Infinity;
    const now = performance.now();
    for (const queue of this.queues) {
      for (const [key, list] of [...queue]) {
        if (this.total >= hard) return;
        if ((this.held.get(key) ?? 0) > 0) continue;
        if (now - list[0]!.since < ms) continue;
        const w = list.shift()!;
        if (list.length === 0) queue.delete(key);
        this.waiterCount--;
        w.cleanup();
        w.resolve(this.grant(key));
      }
    }
  }
}
