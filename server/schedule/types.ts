// A task's schedule as the scheduler computes it (camelCase, already validated).
import type { ScheduleType, WorkdayFilter } from "@/lib/schedule/schedule-fields";

export type { ScheduleType, WorkdayFilter };

/** A tenant's own calendar on top of China's national one; dates are YYYY-MM-DD in the task's timezone. */
export type TenantCalendar = {
  extraHolidays?: readonly string[];
  extraWorkdays?: readonly string[];
};

export type Schedule = {
  scheduleType: ScheduleType;
  /** "HH:MM" wall-clock times, every day, in `timezone` (simple schedules). */
  timePoints?: readonly string[];
  /** 5 fields, 6 with seconds first, or a macro such as @daily (cron schedules). */
  cronExpression?: string | null;
  /** IANA name; the schedule is read in this zone, DST included. */
  timezone: string;
  /** `workday`: only China working days (调休 included); `holiday`: only the other days. */
  workdayFilter?: WorkdayFilter;
  calendar?: TenantCalendar;
};
