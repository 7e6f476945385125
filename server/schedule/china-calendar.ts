// China's working-day calendar (工作日 / 调休), from the chinese-days package's data.
//
// The package's own isWorkday()/getDayDetail() are not used: for days without a holiday entry
// they read the weekday in the host's time zone, so on a server running in America/New_York
// "2026-03-07" (a Saturday) comes back as a Friday working day. The data file has no such issue.
// It lists, per date, statutory days off (`holidays`) and make-up working days (`workdays`);
// every other date is a working day when it is Monday to Friday.
import chineseDays from "chinese-days/dist/chinese-days.json";
import type { TenantCalendar } from "./types";

const nationalHolidays = new Set(Object.keys(chineseDays.holidays));
const nationalWorkdays = new Set(Object.keys(chineseDays.workdays));

/** The last year for which the State Council's schedule is in the data (2026 in chinese-days 1.5.7). */
export const CHINA_CALENDAR_LAST_YEAR = Math.max(
  ...[...nationalHolidays, ...nationalWorkdays].map((d) => Number(d.slice(0, 4))),
);

function isMondayToFriday(ymd: string): boolean {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * Whether `ymd` (YYYY-MM-DD) is a working day: the tenant's extras first (a day listed as an
 * extra holiday wins over one listed as an extra workday), then the national schedule, then
 * Monday–Friday. Years after CHINA_CALENDAR_LAST_YEAR fall back to Monday–Friday until the
 * package is updated with the new State Council notice.
 */
export function isChinaWorkday(ymd: string, calendar?: TenantCalendar): boolean {
  if (calendar?.extraHolidays?.includes(ymd)) return false;
  if (calendar?.extraWorkdays?.includes(ymd)) return true;
  if (nationalWorkdays.has(ymd)) return true;
  if (nationalHolidays.has(ymd)) return false;
  return isMondayToFriday(ymd);
}
