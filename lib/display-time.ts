// The console's one display time zone, isomorphic: every time on a page (home, run search, /runs,
// a run, script history, the charts) is read in this zone, the same day the server's overview counts.

/** Beijing time, as the server's "today" (server/services/overview.ts). */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(date: Date, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `date`, in ms. */
function offsetMs(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A date as a datetime-local value (`2026-11-30T09:05`) on `timeZone`'s wall clock. */
export function toZonedInput(date: Date, timeZone = DISPLAY_TIME_ZONE): string {
  const w = wallClock(date, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** A datetime-local value read on `timeZone`'s wall clock (not the browser's) → the instant, or undefined. */
export function fromZonedInput(value: string | undefined, timeZone = DISPLAY_TIME_ZONE): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value ?? "");
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // Across a daylight-saving change the offset at the result may differ from the guess's.
  const second = guess - offsetMs(new Date(first), timeZone);
  const date = new Date(second);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The start of `now`'s day in `timeZone`, as a datetime-local value (`2026-11-30T00:00`). */
export function startOfDayInput(now: Date, timeZone = DISPLAY_TIME_ZONE): string {
  return `${toZonedInput(now, timeZone).slice(0, 10)}T00:00`;
}
