// Per-robot sliding-window limiter: at most `max` messages per `windowMs` for one webhook. Callers
// wait in FIFO order instead of being refused. A slot's time is when its request *finished*, so the
// robot (which counts arrivals) never sees more than `max` in any window of its own clock.

export type RateLimiterOptions = { max?: number; windowMs?: number; marginMs?: number };

type Slot = { doneAt: number }; // Infinity while the request is in flight
type RobotState = { slots: Slot[]; tail: Promise<void>; wake: (() => void)[] };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class RobotRateLimiter {
  readonly max: number;
  readonly windowMs: number;
  readonly marginMs: number;
  private robots = new Map<string, RobotState>();

  constructor(opts: RateLimiterOptions = {}) {
    this.max = opts.max ?? 20;
    this.windowMs = opts.windowMs ?? 60_000;
    this.marginMs = opts.marginMs ?? 0;
  }

  /** Waits for a free slot on this robot; call the returned function when the request is done. */
  async acquire(key: string): Promise<() => void> {
    const state = this.state(key);
    const previous = state.tail;
    let passTurn!: () => void;
    state.tail = new Promise<void>((r) => (passTurn = r));
    await previous;
    const slot: Slot = { doneAt: Infinity };
    try {
      await this.waitForRoom(state);
      state.slots.push(slot);
    } finally {
      passTurn();
    }
    return () => {
      slot.doneAt = Date.now();
      for (const wake of state.wake.splice(0)) wake();
    };
  }

  private state(key: string): RobotState {
    let state = this.robots.get(key);
    if (!state) {
      state = { slots: [], tail: Promise.resolve(), wake: [] };
      this.robots.set(key, state);
    }
    return state;
  }

  private async waitForRoom(state: RobotState): Promise<void> {
    for (;;) {
      const now = Date.now();
      const span = this.windowMs + this.marginMs;
      state.slots = state.slots.filter((s) => s.doneAt === Infinity || s.doneAt + span > now);
      if (state.slots.length < this.max) return;
      const oldest = Math.min(...state.slots.map((s) => s.doneAt));
      if (oldest === Infinity) await new Promise<void>((r) => state.wake.push(r));
      else await sleep(oldest + span - now);
    }
  }
}

/** Shared by every send in this process, so concurrent runs to one robot are limited together. */
// One per process, on globalThis: Next bundles routes and the scheduler separately, and a
// per-bundle limiter would let them together exceed a robot's 20 messages a minute.
const g = globalThis as unknown as { __robotLimiter?: RobotRateLimiter };
export const defaultRobotLimiter = (g.__robotLimiter ??= new RobotRateLimiter({ marginMs: 1_000 }));
