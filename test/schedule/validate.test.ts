// Schedule validation: every problem is reported at the field the user has to fix.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { refineScheduleFields, scheduleFieldsShape, ZScheduleFields, ZTenantCalendar } from "@/lib/schedule";
import { validationError } from "@/server/errors";
import { calendarFromTenant, scheduleFromTask, validateSchedule } from "@/server/schedule";

const paths = (input: Parameters<typeof validateSchedule>[0]) => {
  const result = validateSchedule(input);
  return result.ok ? [] : result.problems.map((p) => p.path);
};

describe("validateSchedule: simple", () => {
  it("normalizes time points: one-digit hours padded, duplicates removed, sorted", () => {
    // Decision: "8:00" is accepted (the original Python platform accepted it) and stored as "08:00".
    const result = validateSchedule({
      schedule_type: "simple",
      time_points: ["18:30", "8:00", "08:00", " 12:00 ", "00:00", "23:59"],
    });
    expect(result).toMatchObject({
      ok: true,
      fields: {
        schedule_type: "simple",
        time_points: ["00:00", "08:00", "12:00", "18:30", "23:59"],
        cron_expression: null,
        timezone: "Asia/Shanghai",
        workday_filter: "none",
      },
      schedule: {
        scheduleType: "simple",
        timePoints: ["00:00", "08:00", "12:00", "18:30", "23:59"],
        timezone: "Asia/Shanghai",
      },
    });
  });

  it.each([["25:00"], ["24:00"], ["08:60"], ["08:00:00"], ["8"], ["0800"], [""], ["８:００"]])(
    "rejects %j at its index",
    (bad) => {
      expect(paths({ schedule_type: "simple", time_points: ["08:00", bad] })).toEqual(["time_points.1"]);
    },
  );

  it("names every bad element, including non-strings", () => {
    expect(paths({ schedule_type: "simple", time_points: ["25:00", "09:00", 9, null] })).toEqual([
      "time_points.0",
      "time_points.2",
      "time_points.3",
    ]);
  });

  it("needs at least one time point, as an array", () => {
    expect(paths({ schedule_type: "simple", time_points: [] })).toEqual(["time_points"]);
    expect(paths({ schedule_type: "simple" })).toEqual(["time_points"]);
    expect(paths({ schedule_type: "simple", time_points: "08:00" })).toEqual(["time_points"]);
  });

  it("ignores a leftover cron expression and returns it as null", () => {
    expect(
      validateSchedule({ schedule_type: "simple", time_points: ["08:00"], cron_expression: "garbage" }),
    ).toMatchObject({
      ok: true,
      fields: { cron_expression: null },
    });
  });
});

describe("validateSchedule: cron", () => {
  it.each([
    ["0 9 * * 1-5", "0 9 * * 1-5"],
    ["  0   9 * *  7 ", "0 9 * * 7"],
    ["*/20 * * * * *", "*/20 * * * * *"],
    ["@daily", "@daily"],
    ["@DAILY", "@daily"],
    ["@annually", "@annually"],
    ["@midnight", "@midnight"],
    ["0 9 1 * 1", "0 9 1 * 1"],
    ["0 9 * * MON-FRI", "0 9 * * MON-FRI"],
  ])("accepts %j (stored as %j)", (expr, stored) => {
    expect(validateSchedule({ schedule_type: "cron", cron_expression: expr })).toMatchObject({
      ok: true,
      fields: { cron_expression: stored, time_points: null },
    });
  });

  it.each([
    ["* * *", "CRON_FIELD_COUNT"],
    ["0 9 * * * 2026 1", "CRON_FIELD_COUNT"],
    ["61 * * * *", "CRON_INVALID"],
    ["0 24 * * *", "CRON_INVALID"],
    ["0 9 * * 8", "CRON_INVALID"],
    ["0 9 32 * *", "CRON_INVALID"],
    ["@reboot", "CRON_MACRO_UNKNOWN"],
    ["@every 5m", "CRON_MACRO_UNKNOWN"],
    ["0 9 31 2 *", "CRON_NEVER_FIRES"],
    ["hello world foo bar baz", "CRON_INVALID"],
    ["", "CRON_REQUIRED"],
  ])("rejects %j under cron_expression", (expr, words) => {
    const result = validateSchedule({ schedule_type: "cron", cron_expression: expr });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.path).toBe("cron_expression");
      expect(result.problems[0]!.reason).toBe(words);
      expect(result.problems[0]!.message).not.toMatch(/[\u3400-\u9fff]/);
    }
  });

  it("needs an expression, as a string of at most 100 characters", () => {
    expect(paths({ schedule_type: "cron" })).toEqual(["cron_expression"]);
    expect(paths({ schedule_type: "cron", cron_expression: 5 })).toEqual(["cron_expression"]);
    expect(paths({ schedule_type: "cron", cron_expression: `0 9 * * ${"1,".repeat(50)}2` })).toEqual([
      "cron_expression",
    ]);
  });
});

describe("validateSchedule: timezone, type, filter", () => {
  it.each([
    [undefined, "Asia/Shanghai"],
    ["", "Asia/Shanghai"],
    ["America/New_York", "America/New_York"],
    ["asia/shanghai", "Asia/Shanghai"],
    ["UTC", "UTC"],
    ["Australia/Lord_Howe", "Australia/Lord_Howe"],
  ])("accepts timezone %j as %j", (tz, stored) => {
    expect(validateSchedule({ schedule_type: "simple", time_points: ["08:00"], timezone: tz })).toMatchObject(
      { ok: true, fields: { timezone: stored } },
    );
  });

  it.each([["Mars/Base"], ["+08:00"], ["GMT+8 Beijing"], [8], ["Local"]])("rejects timezone %j", (tz) => {
    expect(paths({ schedule_type: "simple", time_points: ["08:00"], timezone: tz })).toEqual(["timezone"]);
  });

  it("rejects an unknown schedule type and workday filter", () => {
    expect(paths({ schedule_type: "weekly", workday_filter: "weekend" })).toEqual([
      "schedule_type",
      "workday_filter",
    ]);
  });

  it("reports all problems at once", () => {
    expect(
      paths({ schedule_type: "simple", time_points: ["08:00", "25:00"], timezone: "Mars/Base" }),
    ).toEqual(["time_points.1", "timezone"]);
  });
});

describe("zod schemas for forms and the task API", () => {
  it("ZScheduleFields reports issues at field paths and outputs the normalized fields", () => {
    const bad = ZScheduleFields.safeParse({
      schedule_type: "simple",
      time_points: ["08:00", "25:00"],
      timezone: "Nowhere/City",
    });
    expect(bad.success).toBe(false);
    expect(validationError(bad.error!.issues).details).toEqual([
      expect.objectContaining({ path: "time_points.1", message: expect.stringContaining("HH:MM") }),
      expect.objectContaining({ path: "timezone", message: expect.stringContaining("Nowhere/City") }),
    ]);
    expect(
      ZScheduleFields.parse({ schedule_type: "cron", cron_expression: "@DAILY", timezone: "UTC" }),
    ).toEqual({
      schedule_type: "cron",
      time_points: null,
      cron_expression: "@daily",
      timezone: "UTC",
      workday_filter: "none",
    });
  });

  it("refineScheduleFields plugs into a larger task schema", () => {
    const ZTask = z
      .object({ task_name: z.string().min(1), ...scheduleFieldsShape })
      .transform((v, ctx) => ({ task_name: v.task_name, ...(refineScheduleFields(v, ctx) ?? {}) }));
    const bad = ZTask.safeParse({ task_name: "", schedule_type: "cron", cron_expression: "* * *" });
    expect(bad.success).toBe(false);
    // The transform runs only when the object's own fields parsed; fix the name and the cron issue shows.
    const bad2 = ZTask.safeParse({ task_name: "日报", schedule_type: "cron", cron_expression: "* * *" });
    expect(validationError(bad2.error!.issues).details?.map((d) => d.path)).toEqual(["cron_expression"]);
    expect(ZTask.parse({ task_name: "日报", schedule_type: "simple", time_points: ["9:00"] })).toMatchObject({
      task_name: "日报",
      time_points: ["09:00"],
    });
  });

  it("ZTenantCalendar checks dates and rejects a day both off and working", () => {
    const bad = ZTenantCalendar.safeParse({
      extra_holidays: ["2026-02-30", "2026-05-06"],
      extra_workdays: ["2026-05-09"],
    });
    expect(validationError(bad.error!.issues).details?.map((d) => d.path)).toEqual(["extra_holidays.0"]);
    const overlap = ZTenantCalendar.safeParse({
      extra_holidays: ["2026-05-06"],
      extra_workdays: ["2026-05-09", "2026-05-06"],
    });
    expect(validationError(overlap.error!.issues).details?.map((d) => d.path)).toEqual(["extra_workdays.1"]);
    expect(
      ZTenantCalendar.parse({
        extra_holidays: ["2026-05-07", "2026-05-06", "2026-05-07"],
        extra_workdays: null,
      }),
    ).toEqual({
      extra_holidays: ["2026-05-06", "2026-05-07"],
      extra_workdays: [],
    });
  });
});

describe("stored rows", () => {
  it("scheduleFromTask reads Prisma columns, including time_points stored as a JSON string", () => {
    const fromString = scheduleFromTask(
      {
        scheduleType: "simple",
        timePoints: '["12:00","08:00"]',
        cronExpression: null,
        timezone: null,
        workdayFilter: "workday",
      },
      { extraHolidays: ["2026-05-06"] },
    );
    expect(fromString).toMatchObject({
      ok: true,
      schedule: {
        scheduleType: "simple",
        timePoints: ["08:00", "12:00"],
        timezone: "Asia/Shanghai",
        workdayFilter: "workday",
        calendar: { extraHolidays: ["2026-05-06"] },
      },
    });
    expect(
      scheduleFromTask({
        scheduleType: "cron",
        timePoints: null,
        cronExpression: "0 9 31 2 *",
        timezone: "Asia/Shanghai",
      }),
    ).toMatchObject({
      ok: false,
      problems: [{ path: "cron_expression" }],
    });
  });

  it("calendarFromTenant keeps only real dates", () => {
    expect(
      calendarFromTenant({ extraHolidays: ["2026-05-06", "nope", 3], extraWorkdays: "2026-05-09" }),
    ).toEqual({
      extraHolidays: ["2026-05-06"],
      extraWorkdays: [],
    });
    expect(calendarFromTenant(null)).toEqual({ extraHolidays: [], extraWorkdays: [] });
  });
});
