import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import { createPrismaClient } from "@/server/db";
import { openConnection } from "@/server/db/connection";
import {
  applyMigrations,
  defaultMigrationsDir,
  migrationChecksum,
  readMigrations,
} from "@/server/db/migrate";
import { splitSqlStatements } from "@/server/db/split-sql";
import { dropDatabase, scratchDatabase } from "../helpers/db";
import { readDatamodel } from "./prisma-dmmf";
import { diffSchemas, schemaFromDatabase, schemaFromDatamodel } from "./schema-diff";

// Pointing the platform at the original system's database: its three tables and their rows are
// kept, our columns/indexes/tables are added, and the result is the schema a fresh install gets.

const INIT = "20261128000000_init";
const ALL = (await readMigrations()).map((m) => m.name);

async function run(url: string, sql: string, params: unknown[] = []): Promise<RowDataPacket[]> {
  const conn = await openConnection(url);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(sql, params);
    return rows;
  } finally {
    await conn.end();
  }
}

async function seedDatabase(name: string): Promise<string> {
  const url = await scratchDatabase(name);
  const fixture = await readFile(path.resolve(process.cwd(), "test/fixtures/seed-ddl.sql"), "utf8");
  for (const statement of splitSqlStatements(fixture)) await run(url, statement);
  // Rows written the way the original system wrote them (seed columns only).
  await run(
    url,
    `INSERT INTO platform_scheduled_tasks (tenant_id, task_name, schedule_type, time_points, input_params, is_enabled, last_run_status)
     VALUES ('t1', '日报', 'simple', '["08:00","18:00"]', '{"城市":"上海"}', 1, 'failed')`,
  );
  await run(
    url,
    "INSERT INTO platform_task_notify_channels (tenant_id, channel_name, channel_type, webhook_url) VALUES ('t1', '群', 'dingtalk_bot', 'https://oapi.dingtalk.com/robot/send?access_token=x')",
  );
  await run(
    url,
    "INSERT INTO platform_task_logs (task_id, tenant_id, status, started_at, output) VALUES (1, 't1', 'failed', '2026-01-02 03:04:05', 'boom'), (1, 't1', 'success', '2026-01-03 03:04:05', 'ok')",
  );
  return url;
}

async function columnLayout(url: string) {
  return (
    await run(
      url,
      `SELECT TABLE_NAME t, COLUMN_NAME c, ORDINAL_POSITION p, COLUMN_TYPE type, IS_NULLABLE n, COLUMN_DEFAULT d, EXTRA e
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations'`,
    )
  )
    .map((r) => ({ ...r }))
    .sort((a, b) =>
      `${a.t}.${String(a.p).padStart(3, "0")}`.localeCompare(`${b.t}.${String(b.p).padStart(3, "0")}`),
    );
}

describe("adopting a database of the original system", { timeout: 120_000 }, () => {
  const urls: string[] = [];
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
  });

  it("keeps the seed rows and ends with exactly the schema of a fresh install", async () => {
    const url = await seedDatabase("adopt");
    const fresh = await scratchDatabase("adopt_fresh");
    urls.push(url, fresh);

    const log: string[] = [];
    expect(await applyMigrations(url, { log: (l) => log.push(l) })).toEqual(ALL);
    expect(log.join("\n")).toMatch(/adopted the original system's tables/);
    await applyMigrations(fresh);

    expect(await columnLayout(url)).toEqual(await columnLayout(fresh));
    expect(diffSchemas(schemaFromDatamodel(await readDatamodel()), await schemaFromDatabase(url))).toEqual(
      [],
    );

    const [row] = await run(
      url,
      "SELECT checksum, finished_at, applied_steps_count FROM _prisma_migrations WHERE migration_name = ?",
      [INIT],
    );
    const bytes = await readFile(path.join(defaultMigrationsDir(), INIT, "migration.sql"));
    expect(row?.checksum).toBe(migrationChecksum(bytes));
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(row?.applied_steps_count).toBe(0); // resolved, not executed
    expect(await applyMigrations(url)).toEqual([]);

    // The app reads the old rows through Prisma, with our new columns defaulted.
    const prisma = createPrismaClient(url);
    try {
      const task = await prisma.scheduledTask.findFirstOrThrow();
      expect(task).toMatchObject({
        taskName: "日报",
        timePoints: ["08:00", "18:00"],
        inputParams: { 城市: "上海" },
        isEnabled: true,
        lastRunStatus: "failed",
        timeoutSeconds: 60,
        overlapPolicy: "skip",
        workdayFilter: "none",
        version: 1,
        scriptLanguage: "python",
      });
      expect(task.nextRunAt).toBeInstanceOf(Date);
      expect(await prisma.tenant.findUnique({ where: { tenantId: "t1" } })).not.toBeNull();
      const logs = await prisma.taskLog.findMany({ orderBy: { id: "asc" } });
      expect(logs.map((l) => [l.id, l.status, l.trigger, l.startedAt?.toISOString()])).toEqual([
        // Written in Beijing time (LEGACY_DB_TIMEZONE's default), read back in UTC.
        [1n, "failed", "schedule", "2026-01-01T19:04:05.000Z"],
        [2n, "success", "schedule", "2026-01-02T19:04:05.000Z"],
      ]);
      expect(await prisma.notifyChannel.count()).toBe(1);
      await prisma.taskLog.create({ data: { taskId: 1, status: "skipped" } });
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses when a table it would create already exists with an unknown shape", async () => {
    const url = await seedDatabase("adopt_clash");
    urls.push(url);
    await run(url, "CREATE TABLE platform_secrets (k VARCHAR(10) PRIMARY KEY, v TEXT)");
    await expect(applyMigrations(url)).rejects.toThrow(/platform_secrets already exist.*/);
    await expect(applyMigrations(url)).rejects.toThrow(/nothing was changed/);
    const tables = (
      await run(url, "SELECT TABLE_NAME t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
    ).map((r) => r.t);
    expect(tables).not.toContain("platform_users");
  });
});
