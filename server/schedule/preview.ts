// preview-schedule: the next fire times of a schedule that need not be saved yet.
import { ZPreviewScheduleInput } from "@/lib/schedule/schema";
import { validationError } from "@/server/errors";
import { describeSchedule } from "@/lib/schedule/describe";
import { nextFireTimes } from "./fire-times";
import { toSchedule } from "./validate";
import { formatInTimeZone } from "./zoned-time";
import type { TenantCalendar } from "./types";

export type PreviewScheduleResult = {
  /** ISO 8601 with the task timezone's offset at each instant, e.g. "2026-03-08T03:00:00-04:00". */
  fire_times: string[];
  /** Chinese, e.g. "每天 08:00、12:00（Asia/Shanghai）". */
  description: string;
};

export type PreviewScheduleOptions = {
  /** The caller's tenant calendar, applied when workday_filter is not "none". */
  calendar?: TenantCalendar;
  /** Default for `from` (tests pin it). */
  now?: Date;
};

/**
 * Body `{schedule_type, time_points?, cron_expression?, timezone?, workday_filter?, from?, count?}`
 * (count 1–100, default 5; fire times strictly after `from`, default now).
 * Throws AppError BAD_REQUEST whose details name the field (`time_points.1`, `count`, ...).
 */
export function previewSchedule(input: unknown, options: PreviewScheduleOptions = {}): PreviewScheduleResult {
  const parsed = ZPreviewScheduleInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { from, count, ...fields } = parsed.data;
  const schedule = toSchedule(fields, options.calendar);
  const start = from ? new Date(from) : (options.now ?? new Date());
  return {
    fire_times: nextFireTimes(schedule, start, count).map((t) => formatInTimeZone(t, schedule.timezone)),
    description: describeSchedule(schedule, "zh"),
  };
}
