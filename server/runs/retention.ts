import { db } from "../db";
import { env } from "../env";

/**
 * The highest log id adopted from the original system's database, whose history retention
 * keeps (0: nothing adopted, or LEGACY_LOG_RETENTION=prune lets it age out like the rest).
 */
async function keptAdoptedLogId(legacy: "keep" | "prune"): Promise<bigint> {
  if (legacy === "prune") return 0n;
  const [row] = await db.$queryRaw<
    { m: bigint | number | null }[]
  >`SELECT MAX(last_log_id) AS m FROM platform_seed_adoption`;
  return BigInt(row?.m ?? 0);
}

/**
 * Deletes run logs older than LOG_RETENTION_DAYS in batches (short transactions, so a large
 * backlog never locks the table for long). Running rows are kept whatever their age, and so is
 * the history adopted from the original system unless LEGACY_LOG_RETENTION=prune.
 */
export async function pruneOldLogs(
  opts: {
    now?: Date;
    days?: number;
    batchSize?: number;
    maxBatches?: number;
    legacyLogRetention?: "keep" | "prune";
  } = {},
): Promise<number> {
  const keepUpTo = await keptAdoptedLogId(opts.legacyLogRetention ?? env.LEGACY_LOG_RETENTION);
  const cutoff = new Date(
    (opts.now ?? new Date()).getTime() - (opts.days ?? env.LOG_RETENTION_DAYS) * 86400_000,
  );
  const batchSize = opts.batchSize ?? 5_000;
  let deleted = 0;
  for (let i = 0; i < (opts.maxBatches ?? 1_000); i++) {
    const n =
      await db.$executeRaw`DELETE FROM platform_task_logs WHERE created_at < ${cutoff} AND id > ${keepUpTo} AND (status IS NULL OR status <> 'running') ORDER BY id LIMIT ${batchSize}`;
    deleted += n;
    if (n < batchSize) break;
  }
  return deleted;
}
