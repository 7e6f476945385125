import { db } from "../db";
import { logger } from "../logger";

/**
 * Attempts running in this process, watched once a second by one timer for the whole process:
 * - live output: each run's output so far is written on its log row when it changed, so the
 *   console and `GET …/logs?trace_id=` show it while it runs;
 * - cancel: one query finds which of them were asked to cancel (`cancel_requested_at`, set by
 *   any instance) or are no longer running, and aborts their signal (the isolate is disposed).
 * An attempt shorter than a second costs nothing. Works the same under the Inngest dispatcher:
 * the attempt step runs in the process serving it.
 */
export const LIVE_INTERVAL_MS = 1_000;

type LiveRun = {
  logId: bigint;
  abort: AbortController;
  /** Output of earlier attempts, written before this attempt's own. */
  prefix: string;
  read: (() => string) | null;
  written: string;
};

const live = new Map<string, LiveRun>();
let timer: NodeJS.Timeout | undefined;
let ticking = false;

async function tick(): Promise<void> {
  if (ticking || live.size === 0) return;
  ticking = true;
  try {
    const runs = [...live.values()];
    const stop = await db.taskLog.findMany({
      where: {
        id: { in: runs.map((r) => r.logId) },
        OR: [{ cancelRequestedAt: { not: null } }, { status: { not: "running" } }],
      },
      select: { id: true },
    });
    const stopIds = new Set(stop.map((r) => String(r.id)));
    for (const run of runs) {
      if (stopIds.has(String(run.logId))) {
        run.abort.abort();
        continue;
      }
      const text = liveText(run);
      if (text === run.written) continue;
      run.written = text;
      await db.taskLog.updateMany({ where: { id: run.logId, status: "running" }, data: { output: text } });
    }
  } catch (err) {
    logger.warn({ err }, "live output / cancel check failed (database unreachable?)");
  } finally {
    ticking = false;
  }
}

function liveText(run: LiveRun): string {
  const own = run.read?.() ?? "";
  return run.prefix && own ? `${run.prefix}\n${own}` : run.prefix || own;
}

/**
 * Watches one attempt of a run while `work` runs: `work` gets the signal that a cancel aborts and
 * an `onOutput` hook to hand to the script runner.
 */
export async function watchAttempt<T>(
  logId: string,
  prefix: string,
  work: (hooks: { signal: AbortSignal; onOutput: (read: () => string) => void }) => Promise<T>,
): Promise<T> {
  const run: LiveRun = {
    logId: BigInt(logId),
    abort: new AbortController(),
    prefix,
    read: null,
    written: "",
  };
  live.set(logId, run);
  timer ??= setInterval(() => void tick(), LIVE_INTERVAL_MS);
  timer.unref();
  try {
    return await work({ signal: run.abort.signal, onOutput: (read) => (run.read = read) });
  } finally {
    live.delete(logId);
    if (live.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}

/** Whether someone asked to cancel the run, or it is no longer running (cancelled, swept). */
export async function cancelRequested(logId: string): Promise<boolean> {
  const row = await db.taskLog.findUnique({
    where: { id: BigInt(logId) },
    select: { status: true, cancelRequestedAt: true },
  });
  return !row || row.status !== "running" || row.cancelRequestedAt !== null;
}
