// Pure parsers behind the admin forms (kept apart from the components so they are unit-tested).

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Real calendar dates only: 2026-02-30 is refused, not rolled over to March. */
function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** "2026-05-06, 2026-05-07\n..." → sorted unique dates, or the first bad entry. */
export function parseDates(text: string): { dates: string[] } | { bad: string } {
  const parts = text
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = parts.find((p) => !isCalendarDate(p));
  if (bad) return { bad };
  return { dates: [...new Set(parts)].sort() };
}
