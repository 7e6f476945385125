// Schedule fields (API / database form) → a checked Schedule, or problems named by field.
import { englishMessage, isErrorReason } from "@/lib/errors";
import { isCalendarDate } from "@/lib/schedule/schema";
import {
  checkScheduleFields,
  type ScheduleFields,
  type ScheduleFieldsInput,
} from "@/lib/schedule/schedule-fields";
import type { ErrorDetail } from "@/server/errors";
import type { Schedule, TenantCalendar } from "./types";

export type ScheduleValidation =
  { ok: true; schedule: Schedule; fields: ScheduleFields } | { ok: false; problems: ErrorDetail[] };

export function toSchedule(fields: ScheduleFields, calendar?: TenantCalendar): Schedule {
  return {
    scheduleType: fields.schedule_type,
    timePoints: fields.time_points ?? undefined,
    cronExpression: fields.cron_expression,
    timezone: fields.timezone,
    workdayFilter: fields.workday_filter,
    ...(calendar ? { calendar } : {}),
  };
}

/**
 * `{schedule_type, time_points, cron_expression, timezone, workday_filter}` → Schedule with time
 * points normalized ("8:00" → "08:00"), de-duplicated and sorted; or `problems` with paths such
 * as `time_points.1`, `cron_expression`, `timezone`.
 */
export function validateSchedule(input: ScheduleFieldsInput, calendar?: TenantCalendar): ScheduleValidation {
  const result = checkScheduleFields(input);
  if (!result.ok) {
    return {
      ok: false,
      // Reason codes (lib/errors.ts) carried as such, with the English message of the convention.
      problems: result.problems.map((p) =>
        isErrorReason(p.message)
          ? {
              path: p.path.join("."),
              message: englishMessage(p.message, p.params),
              reason: p.message,
              params: p.params ?? {},
            }
          : { path: p.path.join("."), message: p.message },
      ),
    };
  }
  return { ok: true, schedule: toSchedule(result.value, calendar), fields: result.value };
}

/** A task row's columns (Prisma's camelCase names); time_points may be a JSON string in old rows. */
export type TaskScheduleColumns = {
  scheduleType: string;
  timePoints: unknown;
  cronExpression: string | null;
  timezone: string | null;
  workdayFilter?: string | null;
};

/** The schedule of a stored task, for the scheduler. Stored rows that no longer validate give problems, not a throw. */
export function scheduleFromTask(task: TaskScheduleColumns, calendar?: TenantCalendar): ScheduleValidation {
  let timePoints = task.timePoints;
  if (typeof timePoints === "string") {
    try {
      timePoints = JSON.parse(timePoints);
    } catch {
      // left as the string; validation reports it under time_points
    }
  }
  return validateSchedule(
    {
      schedule_type: task.scheduleType,
      time_points: timePoints,
      cron_expression: task.cronExpression,
      timezone: task.timezone,
      workday_filter: task.workdayFilter ?? "none",
    },
    calendar,
  );
}

/** A tenant row's JSON columns → TenantCalendar, ignoring anything that is not a YYYY-MM-DD date. */
export function calendarFromTenant(
  tenant: { extraHolidays: unknown; extraWorkdays: unknown } | null | undefined,
): TenantCalendar {
  const days = (v: unknown) =>
    Array.isArray(v) ? v.filter((d): d is string => typeof d === "string" && isCalendarDate(d)) : [];
  return { extraHolidays: days(tenant?.extraHolidays), extraWorkdays: days(tenant?.extraWorkdays) };
}
