import type { RowDataPacket } from "mysql2/promise";
import { openConnection, quoteIdent } from "@/server/db/connection";
import { env } from "@/server/env";

// A fingerprint of every table of this fork's database (CHECKSUM TABLE: row contents), to prove
// a refused call changed nothing.

export type Snapshot = Record<string, string>;

/**
 * Bookkeeping a refused request may legitimately touch: a valid token's last use is recorded
 * (fire-and-forget) even when the request it authenticated is then refused.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { platform_api_tokens: ["last_used_at"] };

export async function openSnapshotter() {
  const conn = await openConnection(env.DATABASE_URL);
  const [rows] = await conn.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '_prisma_migrations' ORDER BY TABLE_NAME",
  );
  const tables = (rows as { name: string }[]).map((r) => r.name);
  const whole = tables.filter((t) => !IGNORED_COLUMNS[t]);
  const checksumSql = `CHECKSUM TABLE ${whole.map(quoteIdent).join(", ")}`;
  const partial: { table: string; sql: string }[] = [];
  for (const [table, ignored] of Object.entries(IGNORED_COLUMNS)) {
    if (!tables.includes(table)) continue;
    const [cols] = await conn.query<RowDataPacket[]>(
      "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
      [table],
    );
    const kept = (cols as { name: string }[]).map((c) => c.name).filter((c) => !ignored.includes(c));
    const row = kept.map((c) => `IFNULL(CAST(${quoteIdent(c)} AS CHAR), '\\0')`).join(", ");
    partial.push({
      table,
      sql: `SELECT CONCAT(COUNT(*), ':', IFNULL(BIT_XOR(CRC32(CONCAT_WS('|', ${row}))), 0)) AS sum FROM ${quoteIdent(table)}`,
    });
  }
  return {
    async take(): Promise<Snapshot> {
      const [sums] = await conn.query<RowDataPacket[]>(checksumSql);
      const snapshot: Snapshot = Object.fromEntries(
        (sums as { Table: string; Checksum: number | null }[]).map((s) => [
          s.Table.split(".").pop()!,
          String(s.Checksum),
        ]),
      );
      for (const p of partial) {
        const [r] = await conn.query<RowDataPacket[]>(p.sql);
        snapshot[p.table] = String((r as { sum: string }[])[0]!.sum);
      }
      return snapshot;
    },
    /** Tables whose contents differ between two snapshots. */
    changed(a: Snapshot, b: Snapshot): string[] {
      return Object.keys(a).filter((t) => a[t] !== b[t]);
    },
    close: () => conn.end(),
  };
}
