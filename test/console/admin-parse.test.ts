import { describe, expect, it } from "vitest";

import { formatDateTime, shortenUrl } from "@/components/admin/format";
import { parseDates, parseJson } from "@/components/admin/parse";

// The pure parts of the admin forms: what an operator types is accepted or named as wrong.
describe("tenant holiday lists", () => {
  it("accepts dates separated by newlines, commas (also Chinese ones) or spaces; sorted, duplicates removed", () => {
    expect(parseDates("2026-05-06\n2026-05-01, 2026-05-06，2026-10-08 ")).toEqual({
      dates: ["2026-05-01", "2026-05-06", "2026-10-08"],
    });
    expect(parseDates("  ")).toEqual({ dates: [] });
  });

  it("names the first entry that is not a real YYYY-MM-DD date", () => {
    expect(parseDates("2026-05-06\n2026/05/07")).toEqual({ bad: "2026/05/07" });
    expect(parseDates("2026-02-30")).toEqual({ bad: "2026-02-30" });
    expect(parseDates("2026-5-6")).toEqual({ bad: "2026-5-6" });
  });
});

describe("script variable JSON", () => {
  it("parses any JSON value, including bare numbers, strings and null", () => {
    expect(parseJson('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJson("42")).toEqual({ ok: true, value: 42 });
    expect(parseJson('"text"')).toEqual({ ok: true, value: "text" });
    expect(parseJson("null")).toEqual({ ok: true, value: null });
  });

  it("refuses text that is not JSON with the parser's message", () => {
    const res = parseJson("{oops");
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toMatch(/JSON|property|token/i);
    expect(parseJson("text without quotes").ok).toBe(false);
  });
});

describe("list formatting", () => {
  it("shortens a webhook URL to host, path and the start of the query, never showing the whole key", () => {
    const url = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef";
    const short = shortenUrl(url, 200);
    expect(short.startsWith("oapi.dingtalk.com/robot/send?access_token")).toBe(true);
    expect(short).not.toContain("0123456789abcdef");
    expect(shortenUrl(url, 20)).toHaveLength(20);
    expect(shortenUrl("not a url")).toBe("not a url");
  });

  it("shows missing times as a dash", () => {
    expect(formatDateTime(null, "zh")).toBe("—");
    expect(formatDateTime(new Date("2026-01-02T03:04:00Z"), "en")).toMatch(/2026/);
  });
});
