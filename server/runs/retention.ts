import { db } from "../db";
import { env } from "../env";

/**
 * Deletes run logs older than LOG_RETENTION_DAYS in batches (short transactions, so a large
 * backlog never locks the table for long). Running rows are kept whatever their age.
 */
export async function pruneOldLogs(
  opts: { now?: Date; days?: number; batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const cutoff = new Date(
    (opts.now ?? new Date()).getTime() - (opts.days ?? env.LOG_RETENTION_DAYS) * 86400_000,
  );
  const batchSize = opts.batchSize ?? 5_000;
  let deleted = 0;
  for (let i = 0; i < (opts.maxBatches ?? 1_000); i++) {
    const n =
      await db.$executeRaw`DELETE FROM platform_task_logs WHERE created_at < ${cutoff} AND (status IS NULL OR status <> 'running') ORDER BY id LIMIT ${batchSize}`;
    deleted += n;
    if (n < batchSize) break;
  }
  return deleted;
}
