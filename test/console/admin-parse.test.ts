import { describe, expect, it } from "vitest";

import { formatDateTime, shortenUrl } from "@/components/admin/format";
import { ZScriptVarForm, ZTenantForm } from "@/lib/schemas/admin";

// The pure parts of the admin forms: what an operator types is accepted or named as wrong.
const tenantForm = (fields: Partial<Record<string, unknown>>) =>
  ZTenantForm.safeParse({
    tenant_id: "acme",
    name: "Acme",
    is_enabled: true,
    extra_holidays: "",
    extra_workdays: "",
    max_concurrent_runs: "",
    ...fields,
  });

describe("the tenant form (holiday lists and run quota as typed)", () => {
  it("accepts dates separated by newlines, commas (also Chinese ones) or spaces; sorted, duplicates removed", () => {
    const ok = tenantForm({
      extra_holidays: "2026-05-06\n2026-05-01, 2026-05-06，2026-10-08 ",
      extra_workdays: "  ",
    });
    expect(ok.data?.extra_holidays).toEqual(["2026-05-01", "2026-05-06", "2026-10-08"]);
    expect(ok.data?.extra_workdays).toEqual([]);
  });

  it("names the first entry that is not a real YYYY-MM-DD date, on its field", () => {
    for (const bad of ["2026/05/07", "2026-02-30", "2026-5-6"]) {
      const res = tenantForm({ extra_workdays: `2026-05-06\n${bad}` });
      expect(res.error?.issues[0]?.path).toEqual(["extra_workdays"]);
      expect(res.error?.issues[0]?.message).toContain(bad);
    }
  });

  it("reads an empty quota as the default (null) and refuses one that is not a whole number from 1", () => {
    expect(tenantForm({}).data?.max_concurrent_runs).toBeNull();
    expect(tenantForm({ max_concurrent_runs: " 12 " }).data?.max_concurrent_runs).toBe(12);
    for (const bad of ["0", "-3", "2.5", "abc", "10001"])
      expect(tenantForm({ max_concurrent_runs: bad }).error?.issues[0]?.path, bad).toEqual([
        "max_concurrent_runs",
      ]);
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
