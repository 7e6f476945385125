// preview-schedule, descriptions and ISO formatting with the task timezone's offset.
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { describeSchedule } from "@/lib/schedule/describe";
import { formatInTimeZone, previewSchedule } from "@/server/schedule";

const NOW = new Date("2026-05-28T00:00:00Z"); // Thu 28 May 2026, 08:00 in Shanghai

function previewError(input: unknown): AppError {
  try {
    previewSchedule(input, { now: NOW });
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected previewSchedule to throw");
}

describe("previewSchedule", () => {
  it("defaults: 5 fire times strictly after now, Asia/Shanghai, Chinese description", () => {
    expect(
      previewSchedule({ schedule_type: "simple", time_points: ["12:00", "8:00"] }, { now: NOW }),
    ).toEqual({
      fire_times: [
        "2026-05-28T12:00:00+08:00",
        "2026-05-29T08:00:00+08:00",
        "2026-05-29T12:00:00+08:00",
        "2026-05-30T08:00:00+08:00",
        "2026-05-30T12:00:00+08:00",
      ],
      description: "每天 08:00、12:00（Asia/Shanghai）",
    });
  });

  it("uses `from` and `count`, and writes each time with the offset in force then", () => {
    // New York 02:30 daily across 2026-03-08: EST, then the gap (03:00 EDT), then EDT.
    expect(
      previewSchedule({
        schedule_type: "simple",
        time_points: ["02:30"],
        timezone: "America/New_York",
        from: "2026-03-06T12:00:00Z",
        count: 3,
      }),
    ).toEqual({
      fire_times: ["2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"],
      description: "每天 02:30（America/New_York）",
    });
  });

  it("accepts `from` as a Date too (tRPC with superjson)", () => {
    expect(
      previewSchedule({
        schedule_type: "cron",
        cron_expression: "@daily",
        timezone: "UTC",
        from: new Date("2026-01-01T00:00:00Z"),
        count: 1,
      }).fire_times,
    ).toEqual(["2026-01-02T00:00:00+00:00"]);
  });

  it("accepts count up to 100 (and as a numeric string)", () => {
    const hourly = {
      schedule_type: "cron",
      cron_expression: "@hourly",
      timezone: "UTC",
      from: "2026-01-01T00:00:00Z",
    };
    const hundred = previewSchedule({ ...hourly, count: 100 });
    expect(hundred.fire_times).toHaveLength(100);
    // 100 hours after 2026-01-01T00:00Z is 2026-01-05T04:00Z.
    expect(hundred.fire_times.at(-1)).toBe("2026-01-05T04:00:00+00:00");
    expect(previewSchedule({ ...hourly, count: "2" }).fire_times).toEqual([
      "2026-01-01T01:00:00+00:00",
      "2026-01-01T02:00:00+00:00",
    ]);
  });

  it("applies the workday filter with the caller's tenant calendar", () => {
    const body = {
      schedule_type: "simple",
      time_points: ["09:00"],
      workday_filter: "workday",
      from: "2026-09-30T00:00:00+08:00",
      count: 3,
    };
    expect(previewSchedule(body)).toEqual({
      fire_times: ["2026-09-30T09:00:00+08:00", "2026-10-08T09:00:00+08:00", "2026-10-09T09:00:00+08:00"],
      description: "每天 09:00（Asia/Shanghai），仅工作日",
    });
    // The tenant takes 8 Oct off too.
    expect(previewSchedule(body, { calendar: { extraHolidays: ["2026-10-08"] } }).fire_times).toEqual([
      "2026-09-30T09:00:00+08:00",
      "2026-10-09T09:00:00+08:00",
      "2026-10-10T09:00:00+08:00",
    ]);
  });

  it("returns fewer (or no) fire times when the schedule runs out", () => {
    // No Sunday after National Day 2026 is a working day.
    expect(
      previewSchedule({
        schedule_type: "cron",
        cron_expression: "0 9 * * 0",
        workday_filter: "workday",
        from: "2026-10-01T00:00:00+08:00",
      }).fire_times,
    ).toEqual([]);
  });

  it.each([
    [{ schedule_type: "simple", time_points: ["25:00"] }, ["time_points.0"]],
    [{ schedule_type: "simple", time_points: ["08:00", "8:60"] }, ["time_points.1"]],
    [{ schedule_type: "simple" }, ["time_points"]],
    [{ schedule_type: "cron", cron_expression: "* * *" }, ["cron_expression"]],
    [{ schedule_type: "cron", cron_expression: "0 9 * * *", timezone: "Mars/Base" }, ["timezone"]],
    [{ schedule_type: "cron", cron_expression: "@daily", count: 101 }, ["count"]],
    [{ schedule_type: "cron", cron_expression: "@daily", count: 0 }, ["count"]],
    [{ schedule_type: "cron", cron_expression: "@daily", count: 2.5 }, ["count"]],
    [{ schedule_type: "cron", cron_expression: "@daily", from: "2026-03-08T00:00:00" }, ["from"]],
    [{ schedule_type: "cron", cron_expression: "@daily", from: "tomorrow" }, ["from"]],
    [{ schedule_type: "hourly" }, ["schedule_type"]],
    [
      { schedule_type: "simple", time_points: ["24:00"], timezone: "Nowhere", count: 500, from: "x" },
      ["time_points.0", "timezone", "from", "count"],
    ],
  ])("rejects %j with BAD_REQUEST naming %j", (body, paths) => {
    const error = previewError(body);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.status).toBe(400);
    expect(error.details?.map((d) => d.path)).toEqual(paths);
  });

  it("rejects a body that is not an object", () => {
    expect(previewError("0 9 * * *").details).toEqual([expect.objectContaining({ path: "(body)" })]);
    expect(previewError(null).code).toBe("BAD_REQUEST");
  });
});

describe("describeSchedule", () => {
  it("simple schedules, Chinese and English", () => {
    const s = { scheduleType: "simple", timePoints: ["12:00", "08:00"], timezone: "Asia/Shanghai" } as const;
    expect(describeSchedule(s)).toBe("每天 08:00、12:00（Asia/Shanghai）");
    expect(describeSchedule({ ...s, workdayFilter: "workday" })).toBe(
      "每天 08:00、12:00（Asia/Shanghai），仅工作日",
    );
    expect(describeSchedule({ ...s, workdayFilter: "holiday" })).toBe(
      "每天 08:00、12:00（Asia/Shanghai），仅非工作日",
    );
    expect(describeSchedule(s, "en")).toBe("Every day at 08:00, 12:00 (Asia/Shanghai)");
    expect(describeSchedule({ ...s, workdayFilter: "workday" }, "en")).toBe(
      "Every day at 08:00, 12:00 (Asia/Shanghai), China working days only",
    );
  });

  it("cron schedules through cronstrue's zh_CN locale", () => {
    const orRule = describeSchedule({
      scheduleType: "cron",
      cronExpression: "0 9 1 * 1",
      timezone: "Asia/Shanghai",
    });
    expect(orRule).toMatch(/09:00/);
    expect(orRule).toMatch(/1 号/);
    expect(orRule).toMatch(/或者为星期一/); // the OR rule is spelled out
    expect(orRule).toMatch(/（Asia\/Shanghai）$/);
    expect(describeSchedule({ scheduleType: "cron", cronExpression: "0 9 * * 7", timezone: "UTC" })).toMatch(
      /星期日/,
    );
    expect(
      describeSchedule({ scheduleType: "cron", cronExpression: "*/20 * * * * *", timezone: "UTC" }),
    ).toMatch(/20 秒/);
    expect(
      describeSchedule({ scheduleType: "cron", cronExpression: "0 9 1 * 1", timezone: "UTC" }, "en"),
    ).toBe("At 09:00, on day 1 of the month, and on Monday (UTC)");
  });

  it("falls back to the expression when cronstrue cannot read it", () => {
    expect(
      describeSchedule({ scheduleType: "cron", cronExpression: "0 9 1 * +1", timezone: "Asia/Shanghai" }),
    ).toBe("CRON 0 9 1 * +1（Asia/Shanghai）");
  });
});

describe("formatInTimeZone", () => {
  it.each([
    ["2026-03-08T07:00:00Z", "America/New_York", "2026-03-08T03:00:00-04:00"],
    ["2026-03-08T06:59:59Z", "America/New_York", "2026-03-08T01:59:59-05:00"],
    ["2026-05-28T00:00:00Z", "Asia/Shanghai", "2026-05-28T08:00:00+08:00"],
    ["2026-05-28T00:00:00Z", "UTC", "2026-05-28T00:00:00+00:00"],
    ["2026-05-28T00:00:00Z", "Asia/Kolkata", "2026-05-28T05:30:00+05:30"],
    ["2026-04-04T15:00:00Z", "Australia/Lord_Howe", "2026-04-05T01:30:00+10:30"],
    ["2026-01-01T00:00:00Z", "Pacific/Marquesas", "2025-12-31T14:30:00-09:30"],
    ["2026-01-01T00:00:00.123Z", "Asia/Kathmandu", "2026-01-01T05:45:00.123+05:45"],
    ["2026-12-31T16:00:00Z", "Asia/Shanghai", "2027-01-01T00:00:00+08:00"],
  ])("%s in %s is %s", (instant, tz, expected) => {
    expect(formatInTimeZone(new Date(instant), tz)).toBe(expected);
    // And it denotes the same instant.
    expect(new Date(expected).getTime()).toBe(new Date(instant).getTime());
  });
});
