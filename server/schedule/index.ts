// Fire-time computation for task schedules (pure: calendars are passed in as data).
export type { Schedule } from "./types";
export { validateSchedule, scheduleFromTask, calendarFromTenant } from "./validate";
export { nextFireTime, nextFireTimes } from "./fire-times";
export { isChinaWorkday, CHINA_CALENDAR_LAST_YEAR } from "./china-calendar";
export { previewSchedule } from "./preview";
export { formatInTimeZone, zonedParts } from "./zoned-time";
