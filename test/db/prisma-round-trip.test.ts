import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { openConnection } from "@/server/db/connection";
import { resetDb } from "../helpers/db";

// What the app writes through Prisma must come back unchanged and be stored the way the seed's
// other readers (and db_query scripts) expect: JSON as JSON text, booleans as 0/1, times in UTC.

async function rawRow(sql: string, params: unknown[] = []): Promise<RowDataPacket> {
  const conn = await openConnection(env.DATABASE_URL);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(sql, params);
    return rows[0]!;
  } finally {
    await conn.end();
  }
}

describe("Prisma client round-trip on the migrated database", () => {
  beforeEach(resetDb);
  afterEach(resetDb);

  it("keeps JSON arrays, nested objects and Chinese text intact", async () => {
    const inputParams = {
      城市: "上海",
      greeting: "早上好，今天也要加油！",
      nested: { list: [1, 2.5, null, true, "二"], deep: { empty: {}, none: null } },
    };
    const task = await db.scheduledTask.create({
      data: {
        taskName: "每日早报",
        timePoints: ["08:00", "12:30"],
        inputParams,
        notifyChannels: [3, 7],
      },
    });

    const read = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(read.timePoints).toEqual(["08:00", "12:30"]);
    expect(read.inputParams).toEqual(inputParams);
    expect(read.notifyChannels).toEqual([3, 7]);
    expect(read.taskName).toBe("每日早报");

    // Stored as real JSON text other readers can query.
    const raw = await rawRow(
      "SELECT JSON_VALUE(input_params, '$.\"城市\"') AS city, JSON_LENGTH(time_points) AS n FROM platform_scheduled_tasks WHERE id = ?",
      [task.id],
    );
    expect(raw.city).toBe("上海");
    expect(Number(raw.n)).toBe(2);
  });

  it("applies the seed's defaults and maps enums and TINYINT(1) booleans", async () => {
    const task = await db.scheduledTask.create({ data: { taskName: "defaults" } });
    expect(task).toMatchObject({
      scheduleType: "simple",
      executionType: "script",
      timezone: "Asia/Shanghai",
      retryCount: 0,
      retryInterval: 60,
      alertOnFailure: false,
      isEnabled: true,
      timeoutSeconds: 60,
      overlapPolicy: "skip",
      misfireGraceSeconds: 300,
      workdayFilter: "none",
      version: 1,
      alertOpen: false,
      lastRunStatus: null,
    });

    await db.scheduledTask.update({
      where: { id: task.id },
      data: { isEnabled: false, alertOnFailure: true, scheduleType: "cron", lastRunStatus: "running" },
    });
    const raw = await rawRow(
      "SELECT is_enabled, alert_on_failure, schedule_type, last_run_status FROM platform_scheduled_tasks WHERE id = ?",
      [task.id],
    );
    expect(raw).toMatchObject({
      is_enabled: 0,
      alert_on_failure: 1,
      schedule_type: "cron",
      last_run_status: "running",
    });
    const read = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(read.isEnabled).toBe(false);
    expect(read.alertOnFailure).toBe(true);
  });

  it("returns BigInt log ids and stores DATETIME values in UTC", async () => {
    const startedAt = new Date("2026-03-01T00:30:45.000Z"); // 08:30:45 in Shanghai
    const scheduledFor = new Date("2026-03-01T00:30:00.123Z");
    const log = await db.taskLog.create({
      data: { taskId: 1, status: "skipped", trigger: "schedule", startedAt, scheduledFor },
    });
    expect(typeof log.id).toBe("bigint");
    expect(log.id).toBe(1n);

    const read = await db.taskLog.findUniqueOrThrow({ where: { id: log.id } });
    expect(read.startedAt?.toISOString()).toBe("2026-03-01T00:30:45.000Z");
    expect(read.scheduledFor?.toISOString()).toBe("2026-03-01T00:30:00.123Z");
    expect(read.status).toBe("skipped");

    // The wall-clock text in the column is UTC, whatever the server's time zone.
    const raw = await rawRow(
      "SELECT CAST(started_at AS CHAR) AS started, CAST(scheduled_for AS CHAR) AS fire FROM platform_task_logs WHERE id = ?",
      [log.id.toString()],
    );
    expect(raw.started).toBe("2026-03-01 00:30:45");
    expect(raw.fire).toBe("2026-03-01 00:30:00.123");

    // The run-once guarantee rests on this unique key.
    await expect(
      db.taskLog.create({ data: { taskId: 1, status: "running", scheduledFor } }),
    ).rejects.toThrow();
  });

  it("cascades membership deletes from users", async () => {
    const user = await db.user.create({
      data: {
        email: "a@example.com",
        passwordHash: "x",
        memberships: { create: [{ role: "platform_admin" }, { tenantId: "t1", role: "viewer" }] },
      },
    });
    expect(await db.membership.count()).toBe(2);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.membership.count()).toBe(0);
  });
});
