import { describe, expect, it } from "vitest";

import { safeCallbackUrl } from "@/components/auth/callback-url";
import { pageWindow } from "@/components/ui/pagination";

describe("safeCallbackUrl (where the login page sends the user)", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackUrl("/tasks/12?tab=logs")).toBe("/tasks/12?tab=logs");
  });

  it("drops the host of absolute and protocol-relative URLs, so no open redirect", () => {
    expect(safeCallbackUrl("https://evil.example/steal")).toBe("/steal");
    expect(safeCallbackUrl("//evil.example/steal")).toBe("/steal");
    expect(safeCallbackUrl("http://127.0.0.1:3000/runs")).toBe("/runs");
  });

  it("falls back to the overview for empty values, junk and the login page itself", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl("")).toBe("/");
    expect(safeCallbackUrl("/login?callbackUrl=/x")).toBe("/");
    expect(safeCallbackUrl(["/audit", "/x"])).toBe("/audit");
  });
});

describe("pageWindow (page buttons of the list pager)", () => {
  it("shows first, last and neighbours with gaps", () => {
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 1)).toEqual([1]);
  });
});
