// The schedule fields of a task (snake_case, as in the API and the seed's columns): checked once
// here, for the console's forms, the task API, preview-schedule and the scheduler alike.
import { cronExpressionProblem, normalizeCronExpression } from "./cron-expression";
import { normalizeTimePoint, normalizeTimePoints, MAX_TIME_POINTS } from "./time-points";
import { DEFAULT_TIMEZONE, normalizeTimeZone } from "./time-zone";

export const SCHEDULE_TYPES = ["simple", "cron"] as const;
export const WORKDAY_FILTERS = ["none", "workday", "holiday"] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];
export type WorkdayFilter = (typeof WORKDAY_FILTERS)[number];

/** What a caller may send; anything else in these fields is reported, never thrown. */
export type ScheduleFieldsInput = {
  schedule_type?: unknown;
  time_points?: unknown;
  cron_expression?: unknown;
  timezone?: unknown;
  workday_filter?: unknown;
};

/** The same fields after checking: the form in which they are stored. */
export type ScheduleFields = {
  schedule_type: ScheduleType;
  /** Sorted, without duplicates; null for a cron schedule. */
  time_points: string[] | null;
  /** Whitespace-normalized; null for a simple schedule. */
  cron_expression: string | null;
  timezone: string;
  workday_filter: WorkdayFilter;
};

/** `message` is a reason code of lib/errors.ts; `params` fill its words. */
export type ScheduleProblem = {
  path: (string | number)[];
  message: string;
  params?: Record<string, string | number>;
};

export type ScheduleFieldsCheck =
  { ok: true; value: ScheduleFields } | { ok: false; problems: ScheduleProblem[] };

/**
 * Check and normalize. The field that the other schedule type uses is ignored and comes back
 * null (a form switching from cron to simple may still send the old expression).
 * Missing `timezone` means Asia/Shanghai and missing `workday_filter` means none, as in the seed.
 */
export function checkScheduleFields(input: ScheduleFieldsInput, now: Date = new Date()): ScheduleFieldsCheck {
  const problems: ScheduleProblem[] = [];
  const type = input.schedule_type ?? "simple";
  if (!SCHEDULE_TYPES.includes(type as ScheduleType)) {
    problems.push({ path: ["schedule_type"], message: "SCHEDULE_TYPE_INVALID" });
  }

  let timePoints: string[] | null = null;
  if (type === "simple") {
    const raw = input.time_points;
    if (raw == null || (Array.isArray(raw) && raw.length === 0)) {
      problems.push({ path: ["time_points"], message: "TIME_POINTS_REQUIRED" });
    } else if (!Array.isArray(raw)) {
      problems.push({ path: ["time_points"], message: "TIME_POINTS_NOT_ARRAY" });
    } else if (raw.length > MAX_TIME_POINTS) {
      problems.push({
        path: ["time_points"],
        message: "TIME_POINTS_TOO_MANY",
        params: { max: MAX_TIME_POINTS },
      });
    } else {
      raw.forEach((v, i) => {
        if (typeof v !== "string" || normalizeTimePoint(v) === null) {
          problems.push({ path: ["time_points", i], message: "TIME_POINT_INVALID" });
        }
      });
      timePoints = normalizeTimePoints(raw.filter((v): v is string => typeof v === "string"));
    }
  }

  let cron: string | null = null;
  if (type === "cron") {
    const raw = input.cron_expression;
    if (raw == null || raw === "") {
      problems.push({ path: ["cron_expression"], message: "CRON_REQUIRED" });
    } else if (typeof raw !== "string") {
      problems.push({ path: ["cron_expression"], message: "CRON_NOT_STRING" });
    } else {
      const problem = cronExpressionProblem(raw, now);
      if (problem) problems.push({ path: ["cron_expression"], ...problem });
      else cron = normalizeCronExpression(raw);
    }
  }

  let timezone = DEFAULT_TIMEZONE;
  if (input.timezone != null && input.timezone !== "") {
    const tz =
      typeof input.timezone === "string" && input.timezone.length <= 50
        ? normalizeTimeZone(input.timezone)
        : null;
    if (tz === null) {
      // Only a string is echoed back: String() of an object without a prototype throws.
      problems.push(
        typeof input.timezone === "string"
          ? {
              path: ["timezone"],
              message: "TIMEZONE_UNKNOWN",
              params: { timezone: input.timezone.slice(0, 60) },
            }
          : { path: ["timezone"], message: "TIMEZONE_NOT_STRING" },
      );
    } else {
      timezone = tz;
    }
  }

  const filter = input.workday_filter ?? "none";
  if (!WORKDAY_FILTERS.includes(filter as WorkdayFilter)) {
    problems.push({ path: ["workday_filter"], message: "WORKDAY_FILTER_INVALID" });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      schedule_type: type as ScheduleType,
      time_points: timePoints,
      cron_expression: cron,
      timezone,
      workday_filter: filter as WorkdayFilter,
    },
  };
}
