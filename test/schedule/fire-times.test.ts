// Fire times of ordinary schedules. Expectations are worked out by hand from the calendar
// (2026-01-01 is a Thursday) and fixed UTC offsets (Asia/Shanghai is UTC+8 all year, no DST).
import { describe, expect, it } from "vitest";
import { nextFireTime, nextFireTimes, type Schedule } from "@/server/schedule";

const SH = "Asia/Shanghai";
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

type Case = { name: string; schedule: Schedule; from: string; expected: string[] };

const cases: Case[] = [
  {
    // from = 08:00 Shanghai on Thu 2026-05-28 exactly: strictly after, so that 08:00 is not
    // repeated. Unsorted input with a duplicate ("8:00" is the same point) still fires once each.
    name: "simple time points, unsorted with duplicates, Shanghai",
    schedule: { scheduleType: "simple", timePoints: ["12:00", "08:00", "8:00", "12:00"], timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-28T04:00:00.000Z", "2026-05-29T00:00:00.000Z", "2026-05-29T04:00:00.000Z"],
  },
  {
    // Vixie OR rule: the 1st of the month OR a Monday. 2026-05-28 is a Thursday; 2026-06-01 is
    // a Monday and the 1st (fires once); Mondays 8, 15, 22, 29 June; 2026-07-01 is a Wednesday
    // (fires because it is the 1st); 2026-07-06 is the next Monday. 09:00 +08:00 = 01:00Z.
    name: "cron day-of-month OR day-of-week",
    schedule: { scheduleType: "cron", cronExpression: "0 9 1 * 1", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: [
      "2026-06-01",
      "2026-06-08",
      "2026-06-15",
      "2026-06-22",
      "2026-06-29",
      "2026-07-01",
      "2026-07-06",
    ].map((d) => `${d}T01:00:00.000Z`),
  },
  {
    // croner's `+` makes it AND: a 1st that is a Monday. After 2026-06-01 the next is
    // 2027-02-01 (2027-01-01 is a Friday, +31 days = Monday).
    name: "cron with explicit AND modifier",
    schedule: { scheduleType: "cron", cronExpression: "0 9 1 * +1", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-06-01T01:00:00.000Z", "2027-02-01T01:00:00.000Z"],
  },
  {
    // Midnight Shanghai = 16:00Z the day before.
    name: "@daily",
    schedule: { scheduleType: "cron", cronExpression: "@daily", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-28T16:00:00.000Z", "2026-05-29T16:00:00.000Z"],
  },
  {
    // Sunday 2026-05-31 00:00 Shanghai, then Sunday 2026-06-07.
    name: "@weekly is Sunday midnight",
    schedule: { scheduleType: "cron", cronExpression: "@weekly", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-30T16:00:00.000Z", "2026-06-06T16:00:00.000Z"],
  },
  {
    // 1 June and 1 July, 00:00 Shanghai.
    name: "@monthly",
    schedule: { scheduleType: "cron", cronExpression: "@monthly", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-31T16:00:00.000Z", "2026-06-30T16:00:00.000Z"],
  },
  {
    name: "@yearly",
    schedule: { scheduleType: "cron", cronExpression: "@yearly", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-12-31T16:00:00.000Z", "2027-12-31T16:00:00.000Z"],
  },
  {
    name: "@hourly",
    schedule: { scheduleType: "cron", cronExpression: "@hourly", timezone: SH },
    from: "2026-05-28T00:10:00Z",
    expected: ["2026-05-28T01:00:00.000Z", "2026-05-28T02:00:00.000Z"],
  },
  {
    name: "6-field cron with seconds, every 20 s",
    schedule: { scheduleType: "cron", cronExpression: "*/20 * * * * *", timezone: "UTC" },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-28T00:00:20.000Z", "2026-05-28T00:00:40.000Z", "2026-05-28T00:01:00.000Z"],
  },
  {
    // 09:00:30 Shanghai = 01:00:30Z.
    name: "6-field cron at a fixed second",
    schedule: { scheduleType: "cron", cronExpression: "30 0 9 * * *", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-28T01:00:30.000Z", "2026-05-29T01:00:30.000Z"],
  },
  {
    // Sunday written 7: Sundays 2026-05-31 and 2026-06-07.
    name: "Sunday as 7",
    schedule: { scheduleType: "cron", cronExpression: "0 9 * * 7", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-31T01:00:00.000Z", "2026-06-07T01:00:00.000Z"],
  },
  {
    // Fri 29, Sat 30, Sun 31 May, then Fri 5 June.
    name: "weekday range ending in 7",
    schedule: { scheduleType: "cron", cronExpression: "0 9 * * 5-7", timezone: SH },
    from: "2026-05-28T00:00:00Z",
    expected: [
      "2026-05-29T01:00:00.000Z",
      "2026-05-30T01:00:00.000Z",
      "2026-05-31T01:00:00.000Z",
      "2026-06-05T01:00:00.000Z",
    ],
  },
  {
    // Tokyo (UTC+9): 08:30 local = 23:30Z the day before. A task's own timezone, not the server's.
    name: "simple in another timezone",
    schedule: { scheduleType: "simple", timePoints: ["08:30"], timezone: "Asia/Tokyo" },
    from: "2026-05-28T00:00:00Z",
    expected: ["2026-05-28T23:30:00.000Z", "2026-05-29T23:30:00.000Z"],
  },
];

describe("nextFireTimes", () => {
  it.each(cases)("$name", ({ schedule, from, expected }) => {
    expect(iso(nextFireTimes(schedule, new Date(from), expected.length))).toEqual(expected);
  });
});

describe("nextFireTime", () => {
  const daily9 = { scheduleType: "simple", timePoints: ["09:00"], timezone: SH } as const;

  it("is strictly after the given instant, to the millisecond", () => {
    // 09:00 Shanghai on 2026-05-28 is 01:00:00Z.
    expect(nextFireTime(daily9, new Date("2026-05-28T00:59:59.999Z"))?.toISOString()).toBe(
      "2026-05-28T01:00:00.000Z",
    );
    expect(nextFireTime(daily9, new Date("2026-05-28T01:00:00.000Z"))?.toISOString()).toBe(
      "2026-05-29T01:00:00.000Z",
    );
    expect(nextFireTime(daily9, new Date("2026-05-28T01:00:00.001Z"))?.toISOString()).toBe(
      "2026-05-29T01:00:00.000Z",
    );
  });

  it("walks forward consistently: each next fire is the one after the previous", () => {
    const schedule: Schedule = { scheduleType: "cron", cronExpression: "15,45 8-9 * * 1-5", timezone: SH };
    const five = nextFireTimes(schedule, new Date("2026-05-28T00:00:00Z"), 5);
    // Thu 28 May 08:15, 08:45, 09:15, 09:45, then Fri 29 May 08:15 (Shanghai).
    expect(iso(five)).toEqual([
      "2026-05-28T00:15:00.000Z",
      "2026-05-28T00:45:00.000Z",
      "2026-05-28T01:15:00.000Z",
      "2026-05-28T01:45:00.000Z",
      "2026-05-29T00:15:00.000Z",
    ]);
    for (let i = 1; i < five.length; i++) expect(nextFireTime(schedule, five[i - 1]!)).toEqual(five[i]);
  });

  it("returns fewer fire times when the schedule stops (none for an empty simple schedule)", () => {
    expect(
      nextFireTimes(
        { scheduleType: "simple", timePoints: [], timezone: SH },
        new Date("2026-05-28T00:00:00Z"),
        3,
      ),
    ).toEqual([]);
  });

  it("rejects a schedule that bypassed validation with the field named", () => {
    expect(() =>
      nextFireTime({ scheduleType: "simple", timePoints: ["08:00", "25:00"], timezone: SH }, new Date()),
    ).toThrow(
      expect.objectContaining({
        code: "BAD_REQUEST",
        details: [expect.objectContaining({ path: "time_points.1" })],
      }),
    );
    expect(() =>
      nextFireTime({ scheduleType: "cron", cronExpression: "0 9 * * *", timezone: "Mars/Base" }, new Date()),
    ).toThrow(
      expect.objectContaining({
        code: "BAD_REQUEST",
        details: [expect.objectContaining({ path: "timezone" })],
      }),
    );
    expect(() =>
      nextFireTime({ scheduleType: "cron", cronExpression: "* * *", timezone: SH }, new Date()),
    ).toThrow(
      expect.objectContaining({
        code: "BAD_REQUEST",
        details: [expect.objectContaining({ path: "cron_expression" })],
      }),
    );
  });
});
