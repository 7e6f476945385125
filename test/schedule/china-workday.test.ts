// China working-day filter. The 2026 schedule, from the State Council General Office notice
// 国办发明电〔2025〕7号 "关于2026年部分节假日安排的通知"
// (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm), written out here by hand:
//   春节: 2月15日（周日）至23日（周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
//   中秋节: 9月25日（周五）至27日（周日）放假，共3天。
//   国庆节: 10月1日（周四）至7日（周三）放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
//   元旦: 1月1日至3日放假，1月4日（周日）上班。劳动节: 5月1日至5日放假，5月9日（周六）上班。
// Weekdays from the calendar: 2026-02-01 and 2026-03-01 are Sundays, 2026-09-01 is a Tuesday.
import { afterEach, describe, expect, it } from "vitest";
import {
  CHINA_CALENDAR_LAST_YEAR,
  formatInTimeZone,
  isChinaWorkday,
  nextFireTime,
  nextFireTimes,
  type Schedule,
} from "@/server/schedule";

const SH = "Asia/Shanghai";
const local = (schedule: Schedule, from: string, count: number) =>
  nextFireTimes(schedule, new Date(from), count).map((d) => formatInTimeZone(d, schedule.timezone));
const at = (days: string[], time: string) => days.map((d) => `${d}T${time}+08:00`);

describe("national calendar data (chinese-days)", () => {
  it("covers 2026", () => {
    expect(CHINA_CALENDAR_LAST_YEAR).toBeGreaterThanOrEqual(2026);
  });

  it("matches the 2026 notice for Spring Festival and National Day", () => {
    const off = [
      ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => `2026-02-${d}`),
      "2026-09-25",
      "2026-09-26",
      "2026-09-27",
      ...["01", "02", "03", "04", "05", "06", "07"].map((d) => `2026-10-${d}`),
      "2026-01-01",
      "2026-01-02",
      "2026-05-01",
      "2026-05-05",
    ];
    const madeUp = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];
    for (const day of off) expect(isChinaWorkday(day), day).toBe(false);
    for (const day of madeUp) expect(isChinaWorkday(day), day).toBe(true);
  });

  it("ordinary weeks: Monday–Friday work, weekends off", () => {
    expect(isChinaWorkday("2026-03-06")).toBe(true); // Friday
    expect(isChinaWorkday("2026-03-07")).toBe(false); // Saturday
    expect(isChinaWorkday("2026-03-08")).toBe(false); // Sunday
    expect(isChinaWorkday("2026-03-09")).toBe(true); // Monday
  });

  describe("whatever the server's own time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });
    it("reads weekdays from the date itself", () => {
      // chinese-days' isWorkday("2026-03-07") says Friday/working day when TZ is America/New_York.
      process.env.TZ = "America/New_York";
      expect(isChinaWorkday("2026-03-07")).toBe(false);
      expect(isChinaWorkday("2026-03-09")).toBe(true);
    });
  });

  it("tenant extras override the national calendar; an extra holiday wins over an extra workday", () => {
    const calendar = {
      extraHolidays: ["2026-03-04", "2026-10-10"],
      extraWorkdays: ["2026-03-07", "2026-10-03"],
    };
    expect(isChinaWorkday("2026-03-04", calendar)).toBe(false); // a Wednesday made a day off
    expect(isChinaWorkday("2026-03-07", calendar)).toBe(true); // a Saturday made a working day
    expect(isChinaWorkday("2026-10-10", calendar)).toBe(false); // national make-up day, tenant off
    expect(isChinaWorkday("2026-10-03", calendar)).toBe(true); // national holiday, tenant works
    expect(
      isChinaWorkday("2026-03-04", { extraHolidays: ["2026-03-04"], extraWorkdays: ["2026-03-04"] }),
    ).toBe(false);
  });
});

describe("workday filter", () => {
  const workday9: Schedule = {
    scheduleType: "simple",
    timePoints: ["09:00"],
    timezone: SH,
    workdayFilter: "workday",
  };

  it("skips the Spring Festival holiday and runs on its make-up Saturdays", () => {
    // Thu 12, Fri 13, Sat 14 (调休), [15–23 off], Tue 24 … Fri 27, Sat 28 (调休), [Sun 1 Mar], Mon 2 Mar.
    expect(local(workday9, "2026-02-12T00:00:00+08:00", 9)).toEqual(
      at(
        [
          "2026-02-12",
          "2026-02-13",
          "2026-02-14",
          "2026-02-24",
          "2026-02-25",
          "2026-02-26",
          "2026-02-27",
          "2026-02-28",
          "2026-03-02",
        ],
        "09:00:00",
      ),
    );
  });

  it("skips National Day and runs on 9-20 (Sunday) and 10-10 (Saturday)", () => {
    // From Fri 18 Sep after 09:00: [Sat 19], Sun 20 (调休), Mon 21.
    expect(local(workday9, "2026-09-18T12:00:00+08:00", 2)).toEqual(
      at(["2026-09-20", "2026-09-21"], "09:00:00"),
    );
    // Thu 24, [Fri 25 – Sun 27 Mid-Autumn], Mon 28, Tue 29, Wed 30, [1–7 Oct], Thu 8, Fri 9, Sat 10 (调休), [Sun 11], Mon 12.
    expect(local(workday9, "2026-09-24T00:00:00+08:00", 8)).toEqual(
      at(
        [
          "2026-09-24",
          "2026-09-28",
          "2026-09-29",
          "2026-09-30",
          "2026-10-08",
          "2026-10-09",
          "2026-10-10",
          "2026-10-12",
        ],
        "09:00:00",
      ),
    );
  });

  it("the holiday filter runs only on the days off", () => {
    const holiday10: Schedule = {
      scheduleType: "simple",
      timePoints: ["10:00"],
      timezone: SH,
      workdayFilter: "holiday",
    };
    // From Thu 12 Feb: the nine Spring Festival days 15–23, then Sun 1 Mar (Sat 28 Feb is a working day).
    expect(local(holiday10, "2026-02-12T12:00:00+08:00", 10)).toEqual(
      at(
        [
          "2026-02-15",
          "2026-02-16",
          "2026-02-17",
          "2026-02-18",
          "2026-02-19",
          "2026-02-20",
          "2026-02-21",
          "2026-02-22",
          "2026-02-23",
          "2026-03-01",
        ],
        "10:00:00",
      ),
    );
  });

  it("applies the tenant's extra days off and working days", () => {
    const schedule: Schedule = {
      ...workday9,
      calendar: { extraHolidays: ["2026-03-04"], extraWorkdays: ["2026-03-07"] },
    };
    // Tue 3, [Wed 4 tenant day off], Thu 5, Fri 6, Sat 7 (tenant working day), [Sun 8], Mon 9.
    expect(local(schedule, "2026-03-02T12:00:00+08:00", 5)).toEqual(
      at(["2026-03-03", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-09"], "09:00:00"),
    );
  });

  it("a cron schedule is filtered the same way", () => {
    // Weekdays 09:30 through National Day: Wed 30 Sep, then Thu 8 Oct (the Oct 10 Saturday is not in 1-5).
    const schedule: Schedule = {
      scheduleType: "cron",
      cronExpression: "30 9 * * 1-5",
      timezone: SH,
      workdayFilter: "workday",
    };
    expect(local(schedule, "2026-09-30T00:00:00+08:00", 2)).toEqual(
      at(["2026-09-30", "2026-10-08"], "09:30:00"),
    );
  });

  it("judges the day in the task's timezone, not Beijing's", () => {
    // 21:00 New York on Wed 30 Sep (EDT, -04:00) is already 1 Oct in Beijing; the task's own date
    // is a working day, so it fires. Then 1–7 Oct are skipped, and Thu 8 Oct fires.
    const schedule: Schedule = {
      scheduleType: "simple",
      timePoints: ["21:00"],
      timezone: "America/New_York",
      workdayFilter: "workday",
    };
    expect(local(schedule, "2026-09-30T12:00:00-04:00", 2)).toEqual([
      "2026-09-30T21:00:00-04:00",
      "2026-10-08T21:00:00-04:00",
    ]);
  });

  it("an every-minute job crosses the nine-day Spring Festival break", () => {
    // Sat 14 Feb is a working day; its last minutes, then Tue 24 Feb 00:00 — 13 000 minutes later.
    const schedule: Schedule = {
      scheduleType: "cron",
      cronExpression: "* * * * *",
      timezone: SH,
      workdayFilter: "workday",
    };
    expect(local(schedule, "2026-02-14T23:58:00+08:00", 3)).toEqual([
      "2026-02-14T23:59:00+08:00",
      "2026-02-24T00:00:00+08:00",
      "2026-02-24T00:01:00+08:00",
    ]);
  });

  it("finds a rare match far ahead: Sundays that are working days", () => {
    // 2026's Sunday make-up days are 4 Jan and 20 Sep.
    const schedule: Schedule = {
      scheduleType: "cron",
      cronExpression: "0 9 * * 0",
      timezone: SH,
      workdayFilter: "workday",
    };
    expect(local(schedule, "2026-01-01T00:00:00+08:00", 2)).toEqual(
      at(["2026-01-04", "2026-09-20"], "09:00:00"),
    );
  });

  it("gives up with null when nothing matches within the search bound", () => {
    // No Sunday after 20 Sep 2026 is a working day (and later years fall back to Mon–Fri).
    const schedule: Schedule = {
      scheduleType: "cron",
      cronExpression: "0 9 * * 0",
      timezone: SH,
      workdayFilter: "workday",
    };
    const started = Date.now();
    expect(nextFireTime(schedule, new Date("2026-10-01T00:00:00Z"))).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
