import { describe, expect, it } from "vitest";
import { BACKGROUND, FairLimiter, INTERACTIVE, LimiterAbortedError, type Lease } from "@/server/limits";

const tick = () => new Promise((r) => setImmediate(r));

function limiter(
  capacity: number,
  perKey = 100,
  extra: Partial<ConstructorParameters<typeof FairLimiter>[0]> = {},
) {
  return new FairLimiter({ name: "test", capacity: () => capacity, perKey: () => perKey, ...extra });
}

describe("FairLimiter (the one per-tenant limiter)", () => {
  it("grants up to the capacity, then queues; a release hands the lease on", async () => {
    const l = limiter(2);
    const a = await l.acquire("a");
    await l.acquire("a");
    let third: Lease | undefined;
    void l.acquire("a").then((x) => (third = x));
    await tick();
    expect(third).toBeUndefined();
    expect([l.inUse, l.waiting]).toEqual([2, 1]);
    a.release();
    a.release(); // idempotent
    await tick();
    expect(third?.held).toBe(true);
    expect([l.inUse, l.waiting]).toEqual([2, 0]);
  });

  it("serves waiting keys round-robin, so one key's burst does not starve another's", async () => {
    const l = limiter(1);
    const first = await l.acquire("A");
    const order: string[] = [];
    const waits: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) waits.push(l.acquire("A").then((x) => (order.push("A"), x.release())));
    waits.push(l.acquire("B").then((x) => (order.push("B"), x.release())));
    first.release();
    await Promise.all(waits);
    // B queued after five of A's, but is served second: one from each key in turn.
    expect(order.slice(0, 2)).toEqual(["A", "B"]);
  });

  it("keeps each key under its own limit while other keys still get in", async () => {
    const l = new FairLimiter({ name: "t", capacity: () => 10, perKey: (k) => (k === "small" ? 1 : 5) });
    await l.acquire("small");
    let second = false;
    void l.acquire("small").then(() => (second = true));
    const other = await l.acquire("big");
    await tick();
    expect(second).toBe(false);
    expect(other.held).toBe(true);
    expect(l.tryAcquire("small")).toBeNull();
    expect(l.tryAcquire("big")).not.toBeNull();
  });

  it("serves interactive waiters before background ones, and gives them a reserve", async () => {
    const l = new FairLimiter({ name: "t", capacity: (p) => (p === INTERACTIVE ? 2 : 1), perKey: () => 10 });
    const bg = await l.acquire("sched", { priority: BACKGROUND });
    let bgWaiter = false;
    void l.acquire("sched", { priority: BACKGROUND }).then(() => (bgWaiter = true));
    // The scheduled burst fills the capacity; a manual run still gets in through the reserve.
    const manual = await l.acquire("other", { priority: INTERACTIVE });
    expect(manual.held).toBe(true);
    expect(bgWaiter).toBe(false);
    let manual2 = false;
    void l.acquire("other", { priority: INTERACTIVE }).then(() => (manual2 = true));
    bg.release();
    await tick();
    expect(manual2).toBe(true);
    expect(bgWaiter).toBe(false);
  });

  it("stops waiting when the signal aborts, without leaking a lease", async () => {
    const l = limiter(1);
    const held = await l.acquire("a");
    const ac = new AbortController();
    const p = l.acquire("b", { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(LimiterAbortedError);
    expect(l.waiting).toBe(0);
    held.release();
    expect(l.inUse).toBe(0);
  });

  it("lets a key holding nothing past busy keys after the starvation wait", async () => {
    const l = limiter(1, 1, { starvationMs: 30, hardCapacity: 2 });
    await l.acquire("busy");
    const t0 = performance.now();
    const lease = await l.acquire("idle");
    const waited = performance.now() - t0;
    expect(lease.held).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(500);
    expect(l.inUse).toBe(2);
    // The hard capacity holds: a third key waits.
    let third = false;
    void l.acquire("third").then(() => (third = true));
    await new Promise((r) => setTimeout(r, 80));
    expect(third).toBe(false);
  });

  it("admits nothing while the extra condition (memory budget) says no, until poked", async () => {
    let ok = false;
    const l = limiter(5, 5, { canAdmit: () => ok });
    let got = false;
    void l.acquire("a").then(() => (got = true));
    await tick();
    expect(got).toBe(false);
    ok = true;
    l.poke();
    await tick();
    expect(got).toBe(true);
  });
});
