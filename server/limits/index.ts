import { availableParallelism } from "node:os";
import { env } from "../env";
import { FairLimiter, INTERACTIVE, type Priority } from "./fair-limiter";
import { ParkedHeap } from "./parked-heap";
import { tenantRunQuota } from "./tenant-quotas";

export { FairLimiter, INTERACTIVE, BACKGROUND, LimiterAbortedError } from "./fair-limiter";
export type { Lease, Priority } from "./fair-limiter";
export { isRefusal, type ParkRefusal, type Parking } from "./parked-heap";

/** The limiter key of a tenant's work ("" = global tasks, which count as one tenant). */
export function tenantKey(tenantId: string | null | undefined): string {
  return tenantId ?? "";
}

export function cpuSlotCount(): number {
  return env.CPU_SLOTS ?? Math.max(1, availableParallelism());
}

/** CPU slots one tenant may hold: all but one by default, so another tenant always has a core. */
export function cpuSlotsPerTenant(): number {
  return env.CPU_SLOTS_PER_TENANT ?? Math.max(1, cpuSlotCount() - 1);
}

let rssCache = { at: 0, mb: 0 };
/** Process RSS in MB, sampled at most every 100 ms (admission checks it per run). */
export function rssMb(): number {
  const now = Date.now();
  if (now - rssCache.at > 100) rssCache = { at: now, mb: process.memoryUsage.rss() / 1048576 };
  return rssCache.mb;
}

const MB = 1024 * 1024;

/** Heap all parked runs may hold: RUNS_PARKED_HEAP_MB, by default 40% of the RSS budget. */
export function parkedHeapTotalMb(): number {
  return env.RUNS_PARKED_HEAP_MB ?? Math.floor(env.RUNS_MEMORY_BUDGET_MB * 0.4);
}

function create() {
  return {
    /**
     * Runs in flight in this process (claimed runs the runner has started): bounded by a ceiling
     * and a memory budget, per tenant by its quota. Waiting costs memory, not CPU, so the ceiling
     * is high; interactive runs (manual) have a small reserve above it.
     */
    runs: new FairLimiter({
      name: "a run slot",
      capacity: (p: Priority) =>
        env.RUNS_MAX_IN_FLIGHT + (p === INTERACTIVE ? env.RUNS_INTERACTIVE_RESERVE : 0),
      perKey: (key) => tenantRunQuota(key),
      canAdmit: () => rssMb() < env.RUNS_MEMORY_BUDGET_MB,
    }),
    /**
     * JavaScript (or Python) executing in isolates: one slot per core. A script gives its slot
     * back while it waits in a host call (HTTP, AI, SQL, robot, sleep) and takes one again before
     * it resumes. A tenant holding no slot gets one after CPU_SLOT_MAX_WAIT_MS even when every
     * slot is busy with another tenant's long computation.
     */
    cpu: new FairLimiter({
      name: "a CPU slot",
      capacity: () => cpuSlotCount(),
      perKey: () => cpuSlotsPerTenant(),
      starvationMs: env.CPU_SLOT_MAX_WAIT_MS,
      hardCapacity: cpuSlotCount() * 2 + 2,
    }),
    /**
     * Runs starting at once (startRun's reads and writes): a few per tenant, round-robin, so one
     * tenant's burst of starts does not fill the database pool's queue ahead of another's fire.
     */
    starts: new FairLimiter({
      name: "a start slot",
      capacity: () => 8,
      perKey: () => 2,
    }),
    /**
     * Heap of runs parked in host calls (they hold no CPU slot but keep their isolate): per
     * tenant, and for parks of 16 MB or more also in total and against the RSS budget. A refused
     * park ends the run (server/sandbox/heap-watch.ts).
     */
    parkedHeap: new ParkedHeap({
      perKeyBytes: () => env.RUNS_TENANT_PARKED_HEAP_MB * MB,
      totalBytes: () => parkedHeapTotalMb() * MB,
      overPressure: () => rssMb() > env.RUNS_MEMORY_BUDGET_MB,
      smallBytes: 16 * MB,
    }),
    /** test-script calls running at once per user (or token): the rest answer 429. */
    testScript: new FairLimiter({
      name: "a test-script slot",
      capacity: () => Number.POSITIVE_INFINITY,
      perKey: () => env.TEST_SCRIPT_PER_USER,
    }),
  };
}

export type Limiters = ReturnType<typeof create>;

// One set per process, on globalThis: Next bundles routes and instrumentation separately.
const g = globalThis as unknown as { __limiters?: Limiters };

export function limiters(): Limiters {
  g.__limiters ??= create();
  return g.__limiters;
}

/** Tests that change the limits' environment start from fresh limiters. */
export function resetLimiters(): void {
  g.__limiters = undefined;
}
