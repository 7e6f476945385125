import { db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { prewarm, prewarmedLanguages } from "../sandbox/prewarm";
import type { ScriptLanguage } from "../sandbox/script-types";

// The dispatcher's look-ahead: every few seconds it counts the enabled script tasks due within the
// next PREWARM_LOOKAHEAD_SECONDS, by script language, and asks each language's pool to hold that
// many ready sandboxes, so a visible burst finds them restored instead of restoring at the fire.
// Tenant-agnostic on purpose: a pooled sandbox serves one run of any tenant, never two runs.

export type PrewarmAheadOptions = {
  /** How far ahead to look (default PREWARM_LOOKAHEAD_SECONDS). */
  windowMs?: number;
  /** How often to look (default every 2 s). */
  everyMs?: number;
};

export type PrewarmAhead = { stop(): void; tickNow(): Promise<void> };

/** Rows read at most per look: no pool holds more sandboxes than this. */
const MAX_COUNTED = 1_000;

/**
 * Enabled script tasks due by `now + windowMs` (overdue ones included: they are about to be
 * claimed), by script language. One range scan of idx_tasks_due, at most MAX_COUNTED rows.
 */
export async function dueSoonByLanguage(
  windowMs: number,
  now = new Date(),
): Promise<Map<ScriptLanguage, number>> {
  const until = new Date(now.getTime() + windowMs);
  const rows = await db.$queryRaw<{ lang: ScriptLanguage; n: bigint | number }[]>`
    SELECT due.script_language AS lang, COUNT(*) AS n FROM (
      SELECT script_language FROM platform_scheduled_tasks
      WHERE is_enabled = 1 AND next_run_at <= ${until} AND execution_type = 'script'
      ORDER BY next_run_at LIMIT ${MAX_COUNTED}
    ) due
    GROUP BY due.script_language`;
  return new Map(rows.map((r) => [r.lang, Number(r.n)]));
}

/** Starts looking ahead (and prewarming) periodically until stop(); a failed look is logged. */
export function startPrewarmAhead(opts: PrewarmAheadOptions = {}): PrewarmAhead {
  const windowMs = opts.windowMs ?? env.PREWARM_LOOKAHEAD_SECONDS * 1000;
  const everyMs = opts.everyMs ?? 2_000;
  let looking: Promise<void> | null = null;

  async function look(): Promise<void> {
    const due = await dueSoonByLanguage(windowMs);
    for (const language of prewarmedLanguages()) {
      const n = due.get(language) ?? 0;
      if (n > 0) await prewarm(language, n);
    }
  }

  function tickNow(): Promise<void> {
    looking ??= look()
      .catch((err: unknown) => logger.warn({ err }, "prewarm look-ahead failed"))
      .finally(() => {
        looking = null;
      });
    return looking;
  }

  if (windowMs <= 0) return { stop() {}, tickNow: async () => {} };
  const timer = setInterval(() => void tickNow(), everyMs);
  timer.unref();
  void tickNow();
  return {
    stop() {
      clearInterval(timer);
    },
    tickNow,
  };
}
