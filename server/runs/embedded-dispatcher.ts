import { refreshTenantQuotas } from "../limits/tenant-quotas";
import { logger } from "../logger";
import { claimDueFires } from "./claim";
import { LocalRunner, localRunner } from "./local-runner";
import { startPrewarmAhead, type PrewarmAheadOptions } from "./prewarm-ahead";
import { pruneOldLogs } from "./retention";
import { runnerId } from "./runner-identity";
import { sweepInterrupted } from "./sweep-interrupted";

export type EmbeddedOptions = {
  tickMs?: number;
  sweepEveryMs?: number;
  staleAfterMs?: number;
  runner?: LocalRunner;
  /** How many claimed runs may wait beyond the free slots (keeps a burst of fires on time). */
  queueAllowance?: number;
  /** The look-ahead that prewarms sandboxes for fires due soon (false: none). */
  prewarmAhead?: PrewarmAheadOptions | false;
};

export type EmbeddedDispatcher = {
  stop(graceMs?: number): Promise<void>;
  tickNow(): Promise<void>;
  runner: LocalRunner;
};

const RETENTION_EVERY_MS = 24 * 3600_000;

/** One fire of each tenant in turn (claim order within a tenant). */
export function interleaveByTenant<T extends { tenantId: string | null }>(fires: T[]): T[] {
  const byTenant = new Map<string, T[]>();
  for (const f of fires) {
    const key = f.tenantId ?? "";
    const list = byTenant.get(key);
    if (list) list.push(f);
    else byTenant.set(key, [f]);
  }
  const out: T[] = [];
  const lists = [...byTenant.values()];
  for (let i = 0; out.length < fires.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}
const DEFAULT_ALLOWANCE = 32;

/**
 * The scheduler inside one Node process: ticks every second, claims due fires (safe with any
 * number of instances on one database) and runs them with bounded concurrency. On start it
 * marks runs left "running" by a crashed process as failed.
 */
let guarded = false;

/**
 * The scheduler promises the process survives a database outage. A stray rejection from a
 * driver during the outage (a pool connection failing with nobody awaiting it) would end a
 * plain Node process; log it with the scheduler's context instead, as Next's own server does.
 */
function guardAgainstStrayRejections(): void {
  if (guarded) return;
  guarded = true;
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection (kept running)"),
  );
}

export async function startEmbeddedDispatcher(opts: EmbeddedOptions = {}): Promise<EmbeddedDispatcher> {
  guardAgainstStrayRejections();
  const runner = opts.runner ?? localRunner();
  const tickMs = opts.tickMs ?? 1_000;
  const sweepEveryMs = opts.sweepEveryMs ?? 15_000;
  // Claimed runs beyond the free slots wait in memory: a few keep a burst on time without one
  // instance hoarding what other instances could start.
  const allowance = opts.queueAllowance ?? Math.min(runner.concurrency * 4, DEFAULT_ALLOWANCE);
  let lastSweep = 0;
  let lastPrune = 0;
  let ticking: Promise<void> | null = null;
  let stopped = false;
  // The last claim filled all the room it had: more fires are probably due right now.
  let backlog = false;
  let refillWanted = false;

  const swept = await sweepInterrupted({ staleAfterMs: opts.staleAfterMs }).catch((err: unknown) => {
    logger.error({ err }, "startup sweep failed");
    return 0;
  });
  if (swept > 0) logger.warn({ swept }, "marked runs of a crashed process as interrupted");

  async function tick(): Promise<void> {
    const now = Date.now();
    void refreshTenantQuotas();
    if (now - lastSweep >= sweepEveryMs) {
      lastSweep = now;
      await sweepInterrupted({ staleAfterMs: opts.staleAfterMs });
    }
    const room = runner.free + allowance - runner.load.queued;
    if (room > 0) {
      const { claimed, lost } = await claimDueFires({ limit: room, runnerId: runnerId() });
      // Round-robin across tenants: the runs start (and hit the database) in this order, so one
      // tenant's 50 due tasks do not put another tenant's one fire at the end of the line.
      for (const fire of interleaveByTenant(claimed)) runner.enqueue(fire.logId, { tenantId: fire.tenantId });
      backlog = claimed.length + lost >= room;
    }
    if (now - lastPrune >= RETENTION_EVERY_MS) {
      lastPrune = now;
      const pruned = await pruneOldLogs();
      if (pruned > 0) logger.info({ pruned }, "pruned old run logs");
    }
  }

  function tickNow(): Promise<void> {
    ticking ??= tick()
      .catch((err: unknown) => logger.error({ err }, "scheduler tick failed (database unreachable?)"))
      .finally(() => {
        ticking = null;
        if (refillWanted && !stopped) {
          refillWanted = false;
          void tickNow();
        }
      });
    return ticking;
  }

  // A burst of fires larger than one claim (free slots + allowance) would otherwise be claimed
  // one batch per tick (20 runs/s with the defaults) however fast runs end: when the last claim
  // was full, claim again as soon as half the queue has drained instead of waiting for the tick.
  const unsubscribe = runner.onRunEnded(() => {
    if (stopped || !backlog || runner.load.queued > allowance / 2) return;
    if (ticking) refillWanted = true;
    else void tickNow();
  });

  // Ticks land just after each whole tickMs (whole seconds by default), where fire times fall,
  // instead of at a random phase that made every fire up to one tick late (0.5 s on average).
  // The offset is drawn again every tick: a fixed one per process would let the instance with
  // the smallest offset win every claim, and the others would never share the work.
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    const offsetMs = 5 + Math.floor(Math.random() * Math.min(50, tickMs / 4));
    timer = setTimeout(
      () => {
        void tickNow();
        schedule();
      },
      tickMs - (Date.now() % tickMs) + offsetMs,
    );
  };
  schedule();
  const lookahead = opts.prewarmAhead === false ? null : startPrewarmAhead(opts.prewarmAhead);
  logger.info(
    { runner: runnerId(), tick_ms: tickMs, concurrency: runner.concurrency },
    "embedded scheduler started",
  );

  return {
    runner,
    tickNow,
    async stop(graceMs) {
      stopped = true;
      clearTimeout(timer);
      lookahead?.stop();
      unsubscribe();
      await ticking;
      await runner.stop(graceMs);
    },
  };
}
