import { describe, expect, it } from "vitest";

import { errorLine } from "@/components/editor/syntax-check";
import { entryAt, sdkEntries } from "@/components/editor/sdk-assist";
import { normalizeRobotMarkdown } from "@/components/messages/robot-markdown";
import { averageDuration, chartBars, successRate } from "@/components/runs/chart-geometry";
import { describeSchedule } from "@/components/tasks/describe-schedule";
import { formatDateTime, formatDuration, formatRelative } from "@/components/tasks/format-time";
import { sdkDocsJson } from "@/server/sandbox/sdk-docs";

describe("times as operators read them", () => {
  it("formats an instant in the task's time zone", () => {
    const at = new Date("2026-03-08T01:30:00Z");
    expect(formatDateTime(at, "Asia/Shanghai")).toBe("2026-03-08 09:30");
    expect(formatDateTime(at, "America/New_York")).toBe("2026-03-07 20:30");
    expect(formatDateTime(at, "Asia/Shanghai", true)).toBe("2026-03-08 09:30:00");
  });

  it("says how far away a time is, in Chinese or English", () => {
    const now = new Date("2026-03-08T00:00:00Z");
    expect(formatRelative(new Date("2026-03-08T03:10:00Z"), now, "zh")).toBe("3小时后");
    expect(formatRelative(new Date("2026-03-07T23:55:00Z"), now, "zh")).toBe("5分钟前");
    expect(formatRelative(new Date("2026-03-08T03:10:00Z"), now, "en")).toBe("in 3 hours");
    // 35 hours ahead is the day after tomorrow: never "明天".
    expect(formatRelative(new Date(now.getTime() + 35 * 3600_000), now, "zh")).toBe("1天后");
  });

  it("formats durations", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("schedules in words", () => {
  it("describes time points and cron expressions", () => {
    expect(
      describeSchedule(
        { schedule_type: "simple", time_points: ["12:00", "8:00"], cron_expression: null },
        "zh",
      ),
    ).toBe("每天 08:00、12:00");
    expect(
      describeSchedule(
        { schedule_type: "simple", time_points: ["09:00"], cron_expression: null, workday_filter: "workday" },
        "zh",
      ),
    ).toBe("每天 09:00，仅工作日");
    expect(
      describeSchedule({ schedule_type: "cron", time_points: null, cron_expression: "0 9 * * 1-5" }, "zh"),
    ).toMatch(/星期一至星期五/);
    expect(
      describeSchedule({ schedule_type: "cron", time_points: null, cron_expression: "0 9 * * 1-5" }, "en"),
    ).toMatch(/Monday through Friday/);
  });
});

describe("script editor checks", () => {
  it("reads the script line of a sandbox error", () => {
    expect(errorLine("TypeError: x is not a function\n    at script.js:3:5")).toEqual({ line: 3, column: 5 });
    expect(errorLine("超出执行时间限制 60s")).toBeNull();
  });

  it("knows every SDK name for autocomplete and hover, modules' members qualified", () => {
    const entries = sdkEntries(sdkDocsJson("zh"));
    const names = new Set(entries.map((e) => e.name));
    for (const n of [
      "log",
      "http_get",
      "db_query",
      "get_secret",
      "task_id",
      "trace_id",
      "dayjs",
      "hashlib",
      "hashlib.md5",
      "result",
    ]) {
      expect(names, n).toContain(n);
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(entryAt("const h = hashlib.md5(x)", 19, byName)?.entry.name).toBe("hashlib.md5");
    expect(entryAt("http_get(url)", 3, byName)?.entry.kind).toBe("function");
    expect(entryAt("const md5 = 1", 7, byName)).toBeNull();
  });
});

describe("robot previews", () => {
  it("turns WeCom font colours and mentions into markdown", () => {
    const text = normalizeRobotMarkdown('成功 <font color="info">12</font> 条 <@zhangsan>');
    expect(text).toContain("\u2063info\u206312\u2063");
    expect(text).toContain("**@zhangsan**");
    expect(normalizeRobotMarkdown('<font color="#888888">监控中心</font>')).toBe(
      "\u2063#888888\u2063监控中心\u2063",
    );
  });

  it("draws one bar per run, tallest for the longest, with the success rate", () => {
    const points = [
      { id: 1, status: "success", duration_ms: 100, started_at: null },
      { id: 2, status: "failed", duration_ms: 0, started_at: null },
      { id: 3, status: "success", duration_ms: 400, started_at: null },
    ];
    const { bars, max } = chartBars(points, 300, 80);
    expect(max).toBe(400);
    // Few runs stay slim: 30 slots of 10 px across 300 px, oldest on the left.
    expect(bars.map((b) => b.x)).toEqual([1, 11, 21]);
    expect(bars[0]!.width).toBe(8);
    expect(bars.map((b) => b.height)).toEqual([20, 2, 80]);
    expect(bars.map((b) => b.ok)).toEqual([true, false, true]);
    expect(successRate(points)).toBe(67);
    expect(averageDuration(points)).toBeCloseTo(166.67, 1);
  });
});
