import { describe, expect, it } from "vitest";
import { ZUpdateTenantInput } from "@/lib/schemas/admin";

describe("one date rule for console and server (lib/schemas/admin.ts)", () => {
  it("refuses dates that do not exist, accepts real ones", () => {
    const parse = (d: string) =>
      ZUpdateTenantInput.safeParse({ tenant_id: "t1", extra_holidays: [d] }).success;
    for (const bad of ["2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31", "2026-1-01"])
      expect(parse(bad), bad).toBe(false);
    for (const ok of ["2026-02-28", "2028-02-29", "2026-12-31"]) expect(parse(ok), ok).toBe(true);
  });
});
