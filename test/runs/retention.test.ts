import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { pruneOldLogs } from "@/server/runs/retention";
import { resetDb } from "../helpers/db";
import { makeTask, makeTenant } from "./run-helpers";

const DAY = 86400_000;
const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);

describe("pruneOldLogs", () => {
  let taskId: number;
  const saved = process.env.LOG_RETENTION_DAYS;

  beforeEach(async () => {
    await resetDb();
    taskId = (await makeTask(await makeTenant(), { script_content: "result = 1" })).id;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_RETENTION_DAYS;
    else process.env.LOG_RETENTION_DAYS = saved;
    resetEnvCache();
  });

  async function logRow(
    createdAt: Date,
    status: "success" | "failed" | "skipped" | "running" | null,
    note: string,
  ) {
    return db.taskLog.create({
      data: { taskId, tenantId: "acme", status, trigger: "schedule", createdAt, output: note },
    });
  }
  const remaining = async () => (await db.taskLog.findMany({ orderBy: { id: "asc" } })).map((l) => l.output);

  it("deletes rows older than LOG_RETENTION_DAYS, batch by batch, and keeps running and newer rows", async () => {
    process.env.LOG_RETENTION_DAYS = "7";
    resetEnvCache();
    const statuses = ["success", "failed", "skipped", null] as const;
    for (let i = 0; i < 12; i++) await logRow(daysAgo(8 + i), statuses[i % 4]!, `old-${i}`);
    await logRow(daysAgo(90), "running", "old-but-running");
    await logRow(daysAgo(6), "failed", "six-days");
    await logRow(new Date(daysAgo(7).getTime() + 1_000), "success", "just-inside");
    await logRow(daysAgo(0), "success", "today");

    // Two batches of 5, then stop (a bounded pass): 10 of the 12 old rows go.
    expect(await pruneOldLogs({ now: NOW, batchSize: 5, maxBatches: 2 })).toBe(10);
    expect(await remaining()).toEqual([
      "old-10",
      "old-11",
      "old-but-running",
      "six-days",
      "just-inside",
      "today",
    ]);
    // The next pass finishes the backlog: a short last batch ends it.
    expect(await pruneOldLogs({ now: NOW, batchSize: 5 })).toBe(2);
    expect(await remaining()).toEqual(["old-but-running", "six-days", "just-inside", "today"]);
    expect(await pruneOldLogs({ now: NOW, batchSize: 5 })).toBe(0);
  });

  it("an explicit number of days wins, and nothing newer than it is touched", async () => {
    await logRow(daysAgo(31), "success", "31");
    await logRow(daysAgo(29), "success", "29");
    expect(await pruneOldLogs({ now: NOW })).toBe(1); // default 30 days
    expect(await remaining()).toEqual(["29"]);
    expect(await pruneOldLogs({ now: NOW, days: 28 })).toBe(1);
    expect(await remaining()).toEqual([]);
  });
});
