// Wall-clock fields and ISO strings of an instant in an IANA time zone, via Intl.

export type ZonedParts = {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset from UTC in minutes at that instant (e.g. -240 for EDT, 630 for Lord Howe standard time). */
  offsetMinutes: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const instant = Math.floor(date.getTime() / 1000) * 1000;
  return { year, month, day, hour, minute, second, offsetMinutes: Math.round((wallAsUtc - instant) / 60000) };
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** "2026-03-08" — the calendar day of `date` in `timeZone`. */
export function localDateKey(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * ISO 8601 with the zone's offset at that instant: "2026-03-08T03:00:00-04:00".
 * Milliseconds appear only when not zero; UTC is written "+00:00", not "Z", so every string has
 * the same shape.
 */
export function formatInTimeZone(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  const sign = p.offsetMinutes < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.trunc(p.offsetMinutes / 60))}:${pad(p.offsetMinutes % 60)}`;
  const fraction = ms === 0 ? "" : `.${pad(ms, 3)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${offset}`;
}
