// Fire-time computation for task schedules (pure: calendars are passed in as data).
export type { Schedule, TenantCalendar, ScheduleType, WorkdayFilter } from "./types";
export { validateSchedule, scheduleFromTask, calendarFromTenant, toSchedule } from "./validate";
export type { ScheduleValidation, TaskScheduleColumns } from "./validate";
export {
  compileSchedule,
  nextFireTime,
  nextFireTimes,
  MAX_FILTER_CANDIDATES,
  MAX_SEARCH_MS,
} from "./fire-times";
export type { FireTimeIterator } from "./fire-times";
export { isChinaWorkday, CHINA_CALENDAR_LAST_YEAR } from "./china-calendar";
export { describeSchedule } from "./describe";
export type { DescribeLocale } from "./describe";
export { previewSchedule } from "./preview";
export type { PreviewScheduleResult, PreviewScheduleOptions } from "./preview";
export { formatInTimeZone, localDateKey, zonedParts } from "./zoned-time";
export type { ZonedParts } from "./zoned-time";
