// Properties of simple schedules over arbitrary time points and zones, concentrated around the
// 2026 DST changes: every point fires exactly once on every local day (at its time, or at the
// end of the gap when its time does not exist that day), in increasing order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInTimeZone, nextFireTimes, zonedParts } from "@/server/schedule";

const ZONES = [
  "Asia/Shanghai",
  "America/New_York",
  "Australia/Lord_Howe",
  "Europe/London",
  "America/Santiago",
] as const;
// Starts two days before each zone's 2026 changes, plus ordinary days.
const STARTS = [
  "2026-03-06",
  "2026-10-30", // New York
  "2026-04-03",
  "2026-10-02", // Lord Howe
  "2026-03-27",
  "2026-10-23", // London
  "2026-04-02",
  "2026-09-04", // Santiago (midnight changes)
  "2026-01-15",
  "2026-07-01",
];

const pad = (n: number) => String(n).padStart(2, "0");
const anyTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);
// Times that fall in (or next to) the zones' gaps and repeated hours, so every run meets some.
const dstTime = fc.constantFrom(
  "00:00",
  "00:30",
  "01:00",
  "01:30",
  "01:45",
  "02:00",
  "02:15",
  "02:30",
  "02:59",
  "03:00",
  "23:30",
);
const timePoint = fc.oneof(anyTime, dstTime);

/** Whether wall time `day`T`hhmm` exists in `tz` (tried with that day's offsets before and after). */
function exists(day: string, hhmm: string, tz: string): boolean {
  const wall = Date.parse(`${day}T${hhmm}:00Z`);
  const offsets = new Set([
    zonedParts(new Date(wall - 86400000), tz).offsetMinutes,
    zonedParts(new Date(wall + 86400000), tz).offsetMinutes,
  ]);
  return [...offsets].some((off) =>
    formatInTimeZone(new Date(wall - off * 60000), tz).startsWith(`${day}T${hhmm}:00`),
  );
}

describe("simple schedules (property)", () => {
  it("fire each time point once per local day, DST included", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...STARTS),
        fc.uniqueArray(timePoint, { minLength: 1, maxLength: 6 }),
        (tz, start, points) => {
          const from = new Date(`${start}T12:00:00Z`);
          const fires = nextFireTimes(
            { scheduleType: "simple", timePoints: points, timezone: tz },
            from,
            points.length * 6,
          );
          for (let i = 0; i < fires.length; i++)
            expect(fires[i]!.getTime()).toBeGreaterThan(i === 0 ? from.getTime() : fires[i - 1]!.getTime());

          const byDay = new Map<string, { time: string; at: Date }[]>();
          for (const f of fires) {
            const local = formatInTimeZone(f, tz);
            const list = byDay.get(local.slice(0, 10)) ?? [];
            list.push({ time: local.slice(11, 16), at: f });
            byDay.set(local.slice(0, 10), list);
          }
          // Whole days only: skip the first and last local day of the window.
          const days = [...byDay.keys()].sort().slice(1, -1);
          for (const day of days) {
            const fired = byDay.get(day)!;
            const times = fired.map((f) => f.time);
            for (const p of points) {
              if (exists(day, p, tz)) {
                expect(
                  times.filter((t) => t === p),
                  `${tz} ${day} ${p}`,
                ).toHaveLength(1);
              } else {
                // In the gap: fired at the instant the clocks jumped (the offset changes right there).
                const jump = fired.filter(
                  (f) =>
                    f.time > p &&
                    zonedParts(new Date(f.at.getTime() - 1000), tz).offsetMinutes !==
                      zonedParts(f.at, tz).offsetMinutes,
                );
                expect(jump, `${tz} ${day} ${p} gap`).toHaveLength(1);
              }
            }
            // Never more fires on a day than points (a repeated hour does not double them).
            expect(times.length, `${tz} ${day}`).toBeLessThanOrEqual(points.length);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
