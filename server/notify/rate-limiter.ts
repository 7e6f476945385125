// Per-robot sliding-window limiter: at most `max` messages per `windowMs` for one webhook. Callers
// wait in FIFO order instead of being refused. A slot's time is when its request *finished*, so the
// robot (which counts arrivals) never sees more than `max` in any window of its own clock.

import { createHash } from "node:crypto";
import { db } from "../db";

export type RateLimiterOptions = { max?: number; windowMs?: number; marginMs?: number };

/** Waits for room to send one message to a robot; the returned function marks the send done. */
export interface RobotLimiter {
  acquire(key: string): Promise<() => void>;
}

type Slot = { doneAt: number }; // Infinity while the request is in flight
type RobotState = { slots: Slot[]; tail: Promise<void>; wake: (() => void)[] };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class RobotRateLimiter implements RobotLimiter {
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

/**
 * The same sliding window kept in the database, so every instance on one database counts the
 * same sends: a send is a row (reserved, then done), and an instance counts and reserves under a
 * row lock of the robot (platform_robot_send_locks … FOR UPDATE). Times are the database's clock.
 * Within one instance callers still queue FIFO per robot before asking the database.
 */
export class DbRobotRateLimiter implements RobotLimiter {
  readonly max: number;
  readonly windowMs: number;
  readonly marginMs: number;
  /** A reserved send never marked done (its instance died) stops counting after this. */
  readonly staleMs = 120_000;
  private tails = new Map<string, Promise<void>>();
  private known = new Set<string>();

  constructor(opts: RateLimiterOptions = {}) {
    this.max = opts.max ?? 20;
    this.windowMs = opts.windowMs ?? 60_000;
    this.marginMs = opts.marginMs ?? 0;
  }

  async acquire(key: string): Promise<() => void> {
    const robot = createHash("sha256").update(key).digest("hex");
    const previous = this.tails.get(robot) ?? Promise.resolve();
    let passTurn!: () => void;
    const mine = new Promise<void>((r) => (passTurn = r));
    this.tails.set(robot, mine);
    await previous;
    let id: bigint;
    try {
      // The robot's lock row exists before any transaction locks it (an INSERT inside the
      // transaction would deadlock two instances' first sends).
      for (;;) {
        if (!this.known.has(robot)) {
          await db.$executeRaw`INSERT IGNORE INTO platform_robot_send_locks (robot_key) VALUES (${robot})`;
          this.known.add(robot);
        }
        const got = await this.tryReserve(robot).catch((err: unknown) => {
          if (isDeadlock(err)) return { waitMs: 20 + Math.random() * 50 };
          throw err;
        });
        if ("id" in got) {
          id = got.id;
          break;
        }
        if ("noLockRow" in got && got.noLockRow) this.known.delete(robot);
        await sleep(Math.max(20, got.waitMs));
      }
    } finally {
      passTurn();
      if (this.tails.get(robot) === mine) this.tails.delete(robot);
    }
    return () => {
      void db.$executeRaw`UPDATE platform_robot_sends SET done_at = NOW(3) WHERE id = ${id}`.catch(
        () => undefined, // stays "in flight" until stale: counted a little longer, never less
      );
    };
  }

  private tryReserve(robot: string): Promise<{ id: bigint } | { waitMs: number; noLockRow?: boolean }> {
    const spanUs = (this.windowMs + this.marginMs) * 1000;
    const staleUs = this.staleMs * 1000;
    return db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<unknown[]>`
        SELECT robot_key FROM platform_robot_send_locks WHERE robot_key = ${robot} FOR UPDATE`;
      if (locked.length === 0) return { waitMs: 0, noLockRow: true };
      await tx.$executeRaw`DELETE FROM platform_robot_sends
        WHERE robot_key = ${robot} AND reserved_at < NOW(3) - INTERVAL ${staleUs + spanUs} MICROSECOND`;
      const [row] = await tx.$queryRaw<{ n: bigint | number; oldest: Date | null; now: Date }[]>`
        SELECT COUNT(*) AS n, MIN(done_at) AS oldest, NOW(3) AS now FROM platform_robot_sends
        WHERE robot_key = ${robot} AND (
          (done_at IS NULL AND reserved_at > NOW(3) - INTERVAL ${staleUs} MICROSECOND)
          OR done_at > NOW(3) - INTERVAL ${spanUs} MICROSECOND)`;
      if (Number(row!.n) < this.max) {
        await tx.$executeRaw`INSERT INTO platform_robot_sends (robot_key, reserved_at) VALUES (${robot}, NOW(3))`;
        const [inserted] = await tx.$queryRaw<{ id: bigint }[]>`SELECT LAST_INSERT_ID() AS id`;
        return { id: BigInt(inserted!.id) };
      }
      // Full: wait until the oldest finished send leaves the window (or poll while all are in flight).
      const waitMs = row!.oldest
        ? row!.oldest.getTime() + this.windowMs + this.marginMs - row!.now.getTime()
        : 200;
      return { waitMs };
    });
  }
}

function isDeadlock(err: unknown): boolean {
  return /\b1213\b|Deadlock|\b1205\b|Lock wait timeout/i.test(
    err instanceof Error ? err.message : String(err),
  );
}

/** Shared by every send of every instance, so concurrent runs to one robot are limited together. */
// One per process, on globalThis: Next bundles routes and the scheduler separately.
const g = globalThis as unknown as { __robotLimiter?: RobotLimiter };
export const defaultRobotLimiter = (g.__robotLimiter ??= new DbRobotRateLimiter({ marginMs: 1_000 }));
