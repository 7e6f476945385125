import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import type { PrismaClient } from "@/generated/prisma/client";
import { platformScope } from "@/server/auth/scope";
import { decryptSecret, isEncrypted, CHANNEL_SIGN_SECRET_PURPOSE } from "@/server/crypto/secret-box";
import { createPrismaClient } from "@/server/db";
import { INIT_MIGRATION } from "@/server/db/adopt-seed";
import { dryRunSeedAdoption, INTERRUPTED_MESSAGE, offsetPeriods } from "@/server/db/adopt-seed-data";
import { openConnection } from "@/server/db/connection";
import { applyMigrations, readMigrations } from "@/server/db/migrate";
import { splitSqlStatements } from "@/server/db/split-sql";
import { pruneOldLogs } from "@/server/runs/retention";
import { channelTarget } from "@/server/services/channels";
import { getTaskOrThrow, updateTask } from "@/server/services/tasks";
import { dropDatabase, scratchDatabase } from "../helpers/db";
import { issueText } from "@/components/i18n/errors";

// Adopting the ROWS of the original system's database (test/fixtures/seed-sample.sql), through
// applyMigrations: the code npm start runs. Once, all or nothing, refused with reasons when it
// cannot be done, and previewed by the dry run without writing anything.

const SECRET = "SEC" + "0123456789abcdef".repeat(4);
const fixture = (name: string) => readFile(path.resolve(process.cwd(), "test/fixtures", name), "utf8");

async function query(url: string, sql: string, params: unknown[] = []): Promise<RowDataPacket[]> {
  const conn = await openConnection(url);
  try {
    return (await conn.query<RowDataPacket[]>(sql, params))[0];
  } finally {
    await conn.end();
  }
}

const urls: string[] = [];
async function seedDatabase(name: string): Promise<string> {
  const url = await scratchDatabase(name);
  urls.push(url);
  for (const file of ["seed-ddl.sql", "seed-sample.sql"])
    for (const statement of splitSqlStatements(await fixture(file))) await query(url, statement);
  return url;
}

/** Every table's rows (and the table list), to prove "nothing changed". */
async function snapshot(url: string): Promise<string> {
  const tables = (
    await query(
      url,
      "SELECT TABLE_NAME t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1",
    )
  ).map((r) => r.t as string);
  const out: Record<string, unknown> = { tables };
  for (const t of tables) {
    const cols = (
      await query(
        url,
        "SELECT COLUMN_NAME c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
        [t],
      )
    ).map((r) => r.c as string);
    out[t] = { cols, rows: await query(url, `SELECT * FROM \`${t}\` ORDER BY 1`) };
  }
  return JSON.stringify(out);
}

afterAll(async () => {
  for (const url of urls) await dropDatabase(url);
});

// Each test migrates scratch databases (and one spawns the CLI twice): slow on a busy machine.
describe("adopting the original system's rows", { timeout: 120_000 }, () => {
  it("adopts once: Python tasks scheduled, secrets encrypted, Beijing times in UTC, tenants created, nothing else touched", async () => {
    const url = await seedDatabase("adopt_rows");
    const log: string[] = [];
    const before = Date.now();
    await applyMigrations(url, { log: (l) => log.push(l), legacyTimezone: "Asia/Shanghai" });
    const text = log.join("\n");
    // Logged: what was adopted.
    expect(text).toMatch(/sign_secrets: 1 plaintext encrypted: #1 门店群（钉钉）/);
    expect(text).toMatch(/tenants: 2 found .*created ghost, shop1/);
    expect(text).toMatch(/task #3 旧任务: retry_count/);
    expect(text).toMatch(/task #4 → app #7/);

    const tasks = await query(url, "SELECT * FROM platform_scheduled_tasks ORDER BY id");
    expect(tasks.map((t) => t.script_language)).toEqual(["python", "python", "python", "python", "python"]);
    // Enabled tasks got their next fire (Beijing wall clock, stored in UTC); the disabled one none.
    const hhmm = (d: Date) =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Asia/Shanghai",
        hour: "2-digit",
        minute: "2-digit",
      }).format(d);
    const next = tasks.map((t) => t.next_run_at as Date | null);
    for (const d of next.slice(0, 4)) expect(d!.getTime()).toBeGreaterThan(before);
    expect(["08:00", "18:00"]).toContain(hhmm(next[0]!));
    expect(hhmm(next[1]!)).toBe("09:00");
    expect(hhmm(next[2]!)).toBe("07:30");
    expect(hhmm(next[3]!)).toBe("12:00");
    expect(next[4]).toBeNull();
    // Times: Beijing → UTC, once.
    expect(tasks[0]!.created_at.toISOString()).toBe("2026-01-05T01:30:00.000Z");
    expect(tasks[0]!.last_run_at.toISOString()).toBe("2026-01-20T10:00:03.000Z");
    // updated_at: the script_language migration changed the row (ON UPDATE CURRENT_TIMESTAMP, UTC).
    expect(tasks[0]!.updated_at.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    // The seed's '' global is NULL; a run the old system left running is closed.
    expect(tasks[4]!.tenant_id).toBeNull();
    expect(tasks[1]!.last_run_status).toBe("failed");
    const logs = await query(url, "SELECT * FROM platform_task_logs ORDER BY id");
    expect(logs[0]!.started_at.toISOString()).toBe("2026-01-20T00:00:01.000Z");
    expect(logs[3]).toMatchObject({ status: "failed", error: INTERRUPTED_MESSAGE });
    // Untouched: what adoption has no business changing.
    expect(tasks[2]).toMatchObject({ retry_count: 20, notify_channels: [3] });
    expect(tasks[3]!.notify_wecom_app_id).toBe(7);

    const channels = await query(url, "SELECT * FROM platform_task_notify_channels ORDER BY id");
    expect(isEncrypted(channels[0]!.sign_secret)).toBe(true);
    expect(decryptSecret(channels[0]!.sign_secret, CHANNEL_SIGN_SECRET_PURPOSE)).toBe(SECRET);
    expect(channels[0]!.created_at.toISOString()).toBe("2025-12-01T02:00:00.000Z");
    expect(
      (await query(url, "SELECT tenant_id FROM platform_tenants ORDER BY 1")).map((r) => r.tenant_id),
    ).toEqual(["ghost", "shop1"]);
    const [marker] = await query(url, "SELECT * FROM platform_seed_adoption");
    expect(marker).toMatchObject({ legacy_timezone: "Asia/Shanghai", last_task_id: 5, last_channel_id: 3 });
    expect(String(marker!.last_log_id)).toBe("4");

    // Idempotent: a second start (and a third) changes nothing at all.
    const once = await snapshot(url);
    const again: string[] = [];
    expect(await applyMigrations(url, { log: (l) => again.push(l) })).toEqual([]);
    await applyMigrations(url, { legacyTimezone: "America/New_York" });
    expect(again).toEqual([]);
    expect(await snapshot(url)).toBe(once);
  });

  it("adopted rows read through the app; a task that breaks validation names its fields and is fixed with PUT", async () => {
    const url = await seedDatabase("adopt_fix");
    await applyMigrations(url);
    const g = globalThis as unknown as { __db?: PrismaClient };
    const saved = g.__db;
    g.__db = createPrismaClient(url);
    try {
      const scope = platformScope();
      const old = await getTaskOrThrow({ scope, id: 3 });
      expect(old).toMatchObject({ retry_count: 20, tenant_id: "ghost", script_language: "python" });
      expect(old.problems.map((p) => p.path)).toEqual(["retry_count"]);
      // The problem keeps its numbers, so the editor says the limit in the operator's language.
      expect(issueText(old.problems[0]!, "zh")).toBe("不能大于 10");
      expect(issueText(old.problems[0]!, "en")).toBe("Must be at most 10");
      const fixed = await updateTask({ scope, id: 3, input: { retry_count: 3 } });
      expect(fixed.retry_count).toBe(3);
      expect((await getTaskOrThrow({ scope, id: 3 })).problems).toEqual([]);

      const dangling = await getTaskOrThrow({ scope, id: 4 });
      expect(dangling.problems).toMatchObject([{ path: "notify_wecom_app_id" }]);
      await expect(updateTask({ scope, id: 4, input: { task_desc: "x" } })).rejects.toMatchObject({
        details: [{ path: "notify_wecom_app_id" }],
      });
      await updateTask({ scope, id: 4, input: { notify_wecom_app_id: null } });
      expect((await getTaskOrThrow({ scope, id: 4 })).problems).toEqual([]);

      // The adopted secret is usable as it is now stored.
      const channel = await g.__db.notifyChannel.findUniqueOrThrow({ where: { id: 1 } });
      expect(channelTarget(channel).signSecret).toBe(SECRET);

      // Retention keeps the adopted history unless told otherwise.
      const far = new Date(Date.now() + 3650 * 86400_000);
      expect(await pruneOldLogs({ now: far, days: 1 })).toBe(0);
      expect(await g.__db.taskLog.count()).toBe(4);
      expect(await pruneOldLogs({ now: far, days: 1, legacyLogRetention: "prune" })).toBe(4);
    } finally {
      await g.__db.$disconnect();
      g.__db = saved;
    }
  });

  it("dry run: prints what adoption would change and writes nothing (also through npm run migrate-from-seed)", async () => {
    const url = await seedDatabase("adopt_dry");
    const before = await snapshot(url);
    const init = (await readMigrations()).find((m) => m.name === INIT_MIGRATION)!;
    const conn = await openConnection(url);
    let report;
    try {
      report = await dryRunSeedAdoption(conn, { legacyTimezone: "Asia/Shanghai", initSql: init.sql });
    } finally {
      await conn.end();
    }
    const text = report.lines.join("\n");
    expect(report).toMatchObject({ blocked: false, state: "pending" });
    expect(text).toMatch(/ALTER platform_scheduled_tasks: ADD COLUMN `next_run_at`/);
    expect(text).toMatch(/tasks: 5 adopted as Python, 4 enabled, 4 would get next_run_at/);
    expect(text).toMatch(/tenants: 2 found in the old rows; would create ghost, shop1/);
    expect(text).toMatch(/sign_secrets: 1 plaintext to encrypt: #1 门店群（钉钉）/);
    expect(text).toMatch(/times: \d+ DATETIME values to move from Asia\/Shanghai to UTC \(offset \+8h\)/);
    expect(text).toMatch(
      /e\.g\. task #1 created_at 2026-01-05 09:30:00 \(Asia\/Shanghai\) → 2026-01-05 01:30:00 \(UTC\)/,
    );
    expect(text).toMatch(/task #3 旧任务: retry_count/);
    expect(text).toMatch(/task #4 → app #7/);
    expect(await snapshot(url)).toBe(before);

    const cli = spawnSync("npx", ["tsx", "scripts/migrate-from-seed.ts", "--dry-run"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/sign_secrets: 1 plaintext to encrypt/);
    expect(cli.stdout).toMatch(/nothing has been written/);
    expect(await snapshot(url)).toBe(before);

    // After adoption the dry run says there is nothing left to do.
    await applyMigrations(url);
    const after = spawnSync("npx", ["tsx", "scripts/migrate-from-seed.ts", "--dry-run"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(after.stdout).toMatch(/Already adopted on .* \(times read as Asia\/Shanghai\): nothing to do/);
  });

  it.each([
    ["half the seed tables", "DROP TABLE platform_task_logs", /only part of the original system's tables/],
    [
      "a seed column missing",
      "ALTER TABLE platform_task_notify_channels DROP COLUMN sign_secret",
      /platform_task_notify_channels lacks the original system's columns sign_secret/,
    ],
    [
      "a sign_secret too long to encrypt in place",
      `UPDATE platform_task_notify_channels SET sign_secret = '${"x".repeat(180)}' WHERE id = 3`,
      /channel #3 .* too long to store encrypted/,
    ],
  ])(
    "refuses a corrupt database (%s) with a clear error and changes nothing",
    async (_name, breakIt, reason) => {
      const url = await seedDatabase("adopt_bad");
      await query(url, breakIt);
      const before = await snapshot(url);
      await expect(applyMigrations(url)).rejects.toThrow(reason);
      await expect(applyMigrations(url)).rejects.toThrow(/nothing was changed/);
      expect(await snapshot(url)).toBe(before);
    },
  );

  it("a database whose rows cannot be adopted after its tables were is refused and its rows left as they were", async () => {
    const url = await seedDatabase("adopt_half");
    await applyMigrations(url, { legacyTimezone: "Asia/Shanghai" });
    // Half-adopted: forget the row adoption (as if it never ran), and break a row meanwhile.
    await query(url, "DELETE FROM platform_seed_adoption");
    await query(
      url,
      `UPDATE platform_task_notify_channels SET sign_secret = '${"y".repeat(190)}', updated_at = updated_at WHERE id = 2`,
    );
    const before = await snapshot(url);
    await expect(applyMigrations(url, { legacyTimezone: "Asia/Shanghai" })).rejects.toThrow(
      /cannot adopt the original system's rows \(nothing was changed\): channel #2/,
    );
    expect(await snapshot(url)).toBe(before);
  });

  it("moves each value by its own date's offset in a zone with daylight saving time", () => {
    const naive = (s: string) => Date.parse(s + "Z");
    const periods = offsetPeriods(
      "Europe/Berlin",
      naive("2025-01-10T12:00:00"),
      naive("2025-07-10T12:00:00"),
    );
    expect(periods.map((p) => p.offset)).toEqual([60, 120]);
    expect(new Date(periods[0]!.untilNaive!).toISOString()).toBe("2025-03-30T02:00:00.000Z");
    expect(
      offsetPeriods("Asia/Shanghai", naive("2020-01-01T00:00:00"), naive("2026-01-01T00:00:00")),
    ).toEqual([{ fromNaive: null, untilNaive: null, offset: 480 }]);
  });
});
