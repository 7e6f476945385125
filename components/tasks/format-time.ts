import { DISPLAY_TIME_ZONE } from "@/lib/display-time";
import type { Locale } from "@/lib/i18n";

// Times as operators read them: the console's one formatter. Every page shows times in the
// display zone (北京时间, lib/display-time.ts); only a task's schedule may name its own zone.

const INTL_LOCALE: Record<Locale, string> = { zh: "zh-CN", en: "en-US" };

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

// Building an Intl.DateTimeFormat costs ~0.2 ms: one per zone and precision, not one per time
// (a 10,000-row CSV formats 30,000 times).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: withSeconds ? "2-digit" : undefined,
      hourCycle: "h23",
    });
    formatters.set(key, f);
  }
  return f;
}

/** "2026-11-28 14:05" in `timeZone` (the display zone, 北京时间, when omitted). */
export function formatDateTime(
  value: Date | string | number,
  timeZone: string = DISPLAY_TIME_ZONE,
  withSeconds = false,
): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return "";
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter(timeZone, withSeconds).formatToParts(date);
  } catch {
    // An unknown zone name (free input still being typed): fall back to the display zone.
    return formatDateTime(date, DISPLAY_TIME_ZONE, withSeconds);
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${get("hour")}:${get("minute")}${withSeconds ? `:${get("second")}` : ""}`;
  return `${get("year")}-${get("month")}-${get("day")} ${time}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 小时后" / "5 分钟前" / "in 3 hours"; the largest unit that fits, rounded down. */
export function formatRelative(value: Date | string | number, now: Date, locale: Locale): string {
  const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45)
    return new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" }).format(0, "second");
  // "always": 35 hours ahead is "1 天后", not "明天" (which would name a calendar day wrongly).
  const rtf = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "always" });
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.sign(seconds) * Math.floor(abs / size), unit);
  }
  return rtf.format(0, "second");
}

/** 850 ms, 1.2 s, 2 min 5 s. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
