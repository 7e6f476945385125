// DST: a wall-clock time in the spring-forward gap fires at the first instant after the gap; a
// time that occurs twice at fall back fires once, at its first occurrence. Interval jobs
// (wildcard or step in second/minute/hour) keep running in real time instead.
//
// America/New_York 2026 (second Sunday of March, first Sunday of November):
//   2026-03-08 02:00 EST (-05:00) → 03:00 EDT (-04:00), at 07:00Z: 02:00–02:59 does not exist.
//   2026-11-01 02:00 EDT → 01:00 EST, at 06:00Z: 01:00–01:59 occurs twice (05:xxZ, then 06:xxZ).
// Australia/Lord_Howe 2026, a 30-minute shift (first Sunday of April, first Sunday of October):
//   2026-04-05 02:00 +11:00 → 01:30 +10:30, at 15:00Z on 04-04: 01:30–01:59 occurs twice.
//   2026-10-04 02:00 +10:30 → 02:30 +11:00, at 15:30Z on 10-03: 02:00–02:29 does not exist.
// (Checked against `zdump -v -c 2026,2027` of the system tzdata.)
import { describe, expect, it } from "vitest";
import { formatInTimeZone, nextFireTimes, type Schedule } from "@/server/schedule";

const NY = "America/New_York";
const LH = "Australia/Lord_Howe";

function fires(schedule: Schedule, from: string, count: number) {
  return nextFireTimes(schedule, new Date(from), count).map((d) => ({
    utc: d.toISOString(),
    local: formatInTimeZone(d, schedule.timezone),
  }));
}

describe("America/New_York spring forward (2026-03-08)", () => {
  it("02:30 daily fires at 03:00 EDT on the day 02:30 does not exist", () => {
    expect(
      fires({ scheduleType: "simple", timePoints: ["02:30"], timezone: NY }, "2026-03-06T12:00:00Z", 3),
    ).toEqual([
      { utc: "2026-03-07T07:30:00.000Z", local: "2026-03-07T02:30:00-05:00" }, // 02:30 EST
      { utc: "2026-03-08T07:00:00.000Z", local: "2026-03-08T03:00:00-04:00" }, // gap → 03:00 EDT
      { utc: "2026-03-09T06:30:00.000Z", local: "2026-03-09T02:30:00-04:00" }, // 02:30 EDT
    ]);
  });

  it("the same as a cron job", () => {
    expect(
      fires({ scheduleType: "cron", cronExpression: "30 2 * * *", timezone: NY }, "2026-03-07T12:00:00Z", 2),
    ).toEqual([
      { utc: "2026-03-08T07:00:00.000Z", local: "2026-03-08T03:00:00-04:00" },
      { utc: "2026-03-09T06:30:00.000Z", local: "2026-03-09T02:30:00-04:00" },
    ]);
  });

  it("01:30 daily is before the gap and unaffected", () => {
    expect(
      fires({ scheduleType: "simple", timePoints: ["01:30"], timezone: NY }, "2026-03-07T12:00:00Z", 2),
    ).toEqual([
      { utc: "2026-03-08T06:30:00.000Z", local: "2026-03-08T01:30:00-05:00" },
      { utc: "2026-03-09T05:30:00.000Z", local: "2026-03-09T01:30:00-04:00" },
    ]);
  });

  it("02:30 and 03:00 meet at 03:00 EDT and fire once", () => {
    expect(
      fires(
        { scheduleType: "simple", timePoints: ["03:00", "02:30"], timezone: NY },
        "2026-03-08T05:00:00Z",
        3,
      ),
    ).toEqual([
      { utc: "2026-03-08T07:00:00.000Z", local: "2026-03-08T03:00:00-04:00" },
      { utc: "2026-03-09T06:30:00.000Z", local: "2026-03-09T02:30:00-04:00" },
      { utc: "2026-03-09T07:00:00.000Z", local: "2026-03-09T03:00:00-04:00" },
    ]);
  });

  it("a cron list whose gap time meets a real time fires once", () => {
    // 02:00 does not exist → 03:00 EDT, which is also the job's own 03:00: one fire at 07:00Z.
    expect(
      fires(
        { scheduleType: "cron", cronExpression: "0 2,3 * * *", timezone: NY },
        "2026-03-08T05:00:00Z",
        3,
      ).map((f) => f.local),
    ).toEqual(["2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00", "2026-03-09T03:00:00-04:00"]);
  });

  it("an interval job skips the missing half hours", () => {
    // From 01:15 EST: 01:30 EST, then 02:00 and 02:30 do not exist, then 03:00 EDT, 03:30 EDT.
    expect(
      fires(
        { scheduleType: "cron", cronExpression: "*/30 * * * *", timezone: NY },
        "2026-03-08T06:15:00Z",
        3,
      ),
    ).toEqual([
      { utc: "2026-03-08T06:30:00.000Z", local: "2026-03-08T01:30:00-05:00" },
      { utc: "2026-03-08T07:00:00.000Z", local: "2026-03-08T03:00:00-04:00" },
      { utc: "2026-03-08T07:30:00.000Z", local: "2026-03-08T03:30:00-04:00" },
    ]);
  });
});

describe("America/New_York fall back (2026-11-01)", () => {
  it("01:30 daily fires once, at the first (EDT) 01:30", () => {
    expect(
      fires({ scheduleType: "simple", timePoints: ["01:30"], timezone: NY }, "2026-10-30T12:00:00Z", 3),
    ).toEqual([
      { utc: "2026-10-31T05:30:00.000Z", local: "2026-10-31T01:30:00-04:00" },
      { utc: "2026-11-01T05:30:00.000Z", local: "2026-11-01T01:30:00-04:00" }, // not again at 06:30Z (01:30 EST)
      { utc: "2026-11-02T06:30:00.000Z", local: "2026-11-02T01:30:00-05:00" },
    ]);
  });

  it("does not fire at the second 01:30 when asked from inside the repeated hour", () => {
    // 06:00Z is the second 01:00 (EST); the day's 01:30 already fired at 05:30Z.
    expect(
      fires({ scheduleType: "simple", timePoints: ["01:30"], timezone: NY }, "2026-11-01T06:00:00Z", 1),
    ).toEqual([{ utc: "2026-11-02T06:30:00.000Z", local: "2026-11-02T01:30:00-05:00" }]);
  });

  it("02:30 daily exists once (EST) on the change day", () => {
    expect(
      fires({ scheduleType: "simple", timePoints: ["02:30"], timezone: NY }, "2026-10-31T00:00:00Z", 3),
    ).toEqual([
      { utc: "2026-10-31T06:30:00.000Z", local: "2026-10-31T02:30:00-04:00" },
      { utc: "2026-11-01T07:30:00.000Z", local: "2026-11-01T02:30:00-05:00" },
      { utc: "2026-11-02T07:30:00.000Z", local: "2026-11-02T02:30:00-05:00" },
    ]);
  });

  it("several time points, and the equivalent cron list, fire the repeated time once", () => {
    const expected = [
      { utc: "2026-11-01T05:30:00.000Z", local: "2026-11-01T01:30:00-04:00" },
      { utc: "2026-11-01T18:30:00.000Z", local: "2026-11-01T13:30:00-05:00" },
      { utc: "2026-11-02T06:30:00.000Z", local: "2026-11-02T01:30:00-05:00" },
    ];
    expect(
      fires(
        { scheduleType: "simple", timePoints: ["13:30", "01:30"], timezone: NY },
        "2026-10-31T20:00:00Z",
        3,
      ),
    ).toEqual(expected);
    // croner's default would run a list twice in the repeated hour; CRON_OPTIONS corrects it.
    expect(
      fires(
        { scheduleType: "cron", cronExpression: "30 1,13 * * *", timezone: NY },
        "2026-10-31T20:00:00Z",
        3,
      ),
    ).toEqual(expected);
  });

  it("an interval job runs through both passes of the repeated hour", () => {
    // From 00:45 EDT: 01:00 EDT, 01:30 EDT, 01:00 EST, 01:30 EST, 02:00 EST — every 30 real minutes.
    expect(
      fires(
        { scheduleType: "cron", cronExpression: "*/30 * * * *", timezone: NY },
        "2026-11-01T04:45:00Z",
        5,
      ).map((f) => f.local),
    ).toEqual([
      "2026-11-01T01:00:00-04:00",
      "2026-11-01T01:30:00-04:00",
      "2026-11-01T01:00:00-05:00",
      "2026-11-01T01:30:00-05:00",
      "2026-11-01T02:00:00-05:00",
    ]);
  });
});

describe("Australia/Lord_Howe half-hour DST", () => {
  it("01:45 fires once on 2026-04-05, at the first occurrence (+11:00)", () => {
    // 01:45 +11:00 = 14:45Z the day before; the second 01:45 (+10:30) would be 15:15Z.
    expect(
      fires({ scheduleType: "simple", timePoints: ["01:45"], timezone: LH }, "2026-04-03T00:00:00Z", 3),
    ).toEqual([
      { utc: "2026-04-03T14:45:00.000Z", local: "2026-04-04T01:45:00+11:00" },
      { utc: "2026-04-04T14:45:00.000Z", local: "2026-04-05T01:45:00+11:00" },
      { utc: "2026-04-05T15:15:00.000Z", local: "2026-04-06T01:45:00+10:30" },
    ]);
  });

  it("02:15 on 2026-10-04 does not exist and fires at 02:30 +11:00", () => {
    expect(
      fires({ scheduleType: "simple", timePoints: ["02:15"], timezone: LH }, "2026-10-02T00:00:00Z", 3),
    ).toEqual([
      { utc: "2026-10-02T15:45:00.000Z", local: "2026-10-03T02:15:00+10:30" },
      { utc: "2026-10-03T15:30:00.000Z", local: "2026-10-04T02:30:00+11:00" },
      { utc: "2026-10-04T15:15:00.000Z", local: "2026-10-05T02:15:00+11:00" },
    ]);
  });

  it("an every-15-minutes job loses 02:00 and 02:15 on 2026-10-04", () => {
    // From 01:40 +10:30 (15:10Z on 10-03): 01:45 +10:30, then 02:30 and 02:45 +11:00.
    expect(
      fires(
        { scheduleType: "cron", cronExpression: "*/15 * * * *", timezone: LH },
        "2026-10-03T15:10:00Z",
        3,
      ).map((f) => f.utc),
    ).toEqual(["2026-10-03T15:15:00.000Z", "2026-10-03T15:30:00.000Z", "2026-10-03T15:45:00.000Z"]);
  });

  it("an every-15-minutes job runs through the repeated half hour on 2026-04-05", () => {
    // From 01:20 +11:00 (14:20Z on 04-04): 01:30, 01:45 (+11:00), 01:30, 01:45 (+10:30), 02:00 (+10:30).
    expect(
      fires(
        { scheduleType: "cron", cronExpression: "*/15 * * * *", timezone: LH },
        "2026-04-04T14:20:00Z",
        5,
      ).map((f) => f.local),
    ).toEqual([
      "2026-04-05T01:30:00+11:00",
      "2026-04-05T01:45:00+11:00",
      "2026-04-05T01:30:00+10:30",
      "2026-04-05T01:45:00+10:30",
      "2026-04-05T02:00:00+10:30",
    ]);
  });

  it("02:45 is after the 30-minute gap and fires normally", () => {
    expect(
      fires({ scheduleType: "cron", cronExpression: "45 2 * * *", timezone: LH }, "2026-10-03T00:00:00Z", 1),
    ).toEqual([{ utc: "2026-10-03T15:45:00.000Z", local: "2026-10-04T02:45:00+11:00" }]);
  });
});
