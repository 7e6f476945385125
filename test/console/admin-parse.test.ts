import { describe, expect, it } from "vitest";

import { formatDateTime, shortenUrl } from "@/components/admin/format";
import { parseDates } from "@/components/admin/parse";
import { ZScriptVarForm } from "@/lib/schemas/admin";

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

describe("script variable form (ZScriptVarForm)", () => {
  const parse = (value: string) => ZScriptVarForm.safeParse({ task_id: 1, key: "k", value });
  it("sends any JSON value parsed, including bare numbers, strings and null", () => {
    expect(parse('{"a": [1, 2]}')).toMatchObject({ success: true, data: { value: { a: [1, 2] } } });
    expect(parse(" 42 ")).toMatchObject({ success: true, data: { value: 42 } });
    expect(parse('"text"')).toMatchObject({ success: true, data: { value: "text" } });
    expect(parse("null")).toMatchObject({ success: true, data: { value: null } });
  });

  it("refuses text that is not JSON, or nothing, on the value field", () => {
    for (const text of ["{oops", "text without quotes", "  "]) {
      const res = parse(text);
      expect(res.success, text).toBe(false);
      expect(res.error?.issues[0]?.path).toEqual(["value"]);
    }
    expect(parse("{oops").error?.issues[0]?.message).toBe("不是合法的 JSON (not valid JSON)");
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
