// "HH:MM" time points of a `simple` schedule.

// Hours may be written with one digit ("8:00", as the original Python platform accepted); the
// stored form is always two digits. Seconds are not accepted: simple schedules are per minute.
const TIME_POINT = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "8:05" → "08:05"; null when not a time of day between 00:00 and 23:59. */
export function normalizeTimePoint(value: string): string | null {
  const match = TIME_POINT.exec(value.trim());
  if (!match) return null;
  return `${match[1]!.padStart(2, "0")}:${match[2]}`;
}

/** Normalized, duplicates removed, sorted (string order of "HH:MM" is time order). */
export function normalizeTimePoints(values: readonly string[]): string[] {
  const normalized = values.map(normalizeTimePoint).filter((v): v is string => v !== null);
  return [...new Set(normalized)].sort();
}

export const MAX_TIME_POINTS = 288; // every 5 minutes; anything denser is a cron job
