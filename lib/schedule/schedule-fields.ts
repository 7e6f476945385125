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

export type ScheduleProblem = { path: (string | number)[]; message: string };

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
    problems.push({ path: ["schedule_type"], message: "调度方式须为 simple 或 cron" });
  }

  let timePoints: string[] | null = null;
  if (type === "simple") {
    const raw = input.time_points;
    if (raw == null || (Array.isArray(raw) && raw.length === 0)) {
      problems.push({ path: ["time_points"], message: "按时间点调度至少需要一个时间点" });
    } else if (!Array.isArray(raw)) {
      problems.push({ path: ["time_points"], message: '时间点须为数组，如 ["08:00", "12:00"]' });
    } else if (raw.length > MAX_TIME_POINTS) {
      problems.push({
        path: ["time_points"],
        message: `时间点最多 ${MAX_TIME_POINTS} 个，更密的调度请用 CRON`,
      });
    } else {
      raw.forEach((v, i) => {
        if (typeof v !== "string" || normalizeTimePoint(v) === null) {
          problems.push({ path: ["time_points", i], message: "时间点须为 HH:MM（00:00–23:59）" });
        }
      });
      timePoints = normalizeTimePoints(raw.filter((v): v is string => typeof v === "string"));
    }
  }

  let cron: string | null = null;
  if (type === "cron") {
    const raw = input.cron_expression;
    if (raw == null || raw === "") {
      problems.push({ path: ["cron_expression"], message: "CRON 调度需要 cron_expression" });
    } else if (typeof raw !== "string") {
      problems.push({ path: ["cron_expression"], message: "CRON 表达式须为字符串" });
    } else {
      const problem = cronExpressionProblem(raw, now);
      if (problem) problems.push({ path: ["cron_expression"], message: problem });
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
      const shown =
        typeof input.timezone === "string" ? `未知时区 ${input.timezone.slice(0, 60)}` : "时区须为字符串";
      problems.push({ path: ["timezone"], message: `${shown}，须为 IANA 时区名，如 Asia/Shanghai` });
    } else {
      timezone = tz;
    }
  }

  const filter = input.workday_filter ?? "none";
  if (!WORKDAY_FILTERS.includes(filter as WorkdayFilter)) {
    problems.push({ path: ["workday_filter"], message: "工作日过滤须为 none、workday 或 holiday" });
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
