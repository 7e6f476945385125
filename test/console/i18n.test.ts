import { describe, expect, it } from "vitest";

import { createT, interpolate, toLocale } from "@/lib/i18n";
import { en, zh } from "@/lib/i18n/dictionaries";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("console dictionaries", () => {
  const zhLeaves = leaves(zh);
  const enLeaves = leaves(en as Tree);

  it("have the same keys in Chinese and English", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it("have no empty texts", () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) expect(value.trim(), key).not.toBe("");
  });

  // Types cannot see inside strings: a placeholder missing in one language would show "{name}".
  it("use the same placeholders in both languages", () => {
    for (const [key, value] of zhLeaves)
      expect(placeholders(enLeaves.get(key) ?? ""), key).toEqual(placeholders(value));
  });
});

describe("translate", () => {
  it("defaults to Chinese for a missing or unknown locale cookie", () => {
    expect(toLocale(undefined)).toBe("zh");
    expect(toLocale("fr")).toBe("zh");
    expect(toLocale("en")).toBe("en");
  });

  it("looks up nested keys and fills placeholders", () => {
    expect(createT("zh")("shell.nav.tasks")).toBe("任务");
    expect(createT("en")("shell.nav.tasks")).toBe("Tasks");
    expect(createT("zh")("overview.greeting", { name: "小王" })).toBe("你好，小王");
    expect(createT("en")("common.pagination.summary", { total: 42, page: 2, pages: 3 })).toBe(
      "42 items, page 2 of 3",
    );
  });

  it("leaves unknown placeholders visible instead of printing undefined", () => {
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
