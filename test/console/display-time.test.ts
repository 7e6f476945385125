import { describe, expect, it } from "vitest";

import { formatDateTime as adminTime } from "@/components/admin/format";
import { formatDateTime } from "@/components/tasks/format-time";
import { DISPLAY_TIME_ZONE, fromZonedInput, startOfDayInput, toZonedInput } from "@/lib/display-time";

// One display zone for every time on a page (issue 14 audit #9): Beijing time, whatever zone
// the browser (or this test process) is in.
describe("the console's display time zone", () => {
  const instant = new Date("2026-11-29T17:05:09Z"); // 2026-11-30 01:05:09 in Beijing

  it("formats every time in Beijing time, the admin pages too", () => {
    expect(DISPLAY_TIME_ZONE).toBe("Asia/Shanghai");
    expect(formatDateTime(instant)).toBe("2026-11-30 01:05");
    expect(formatDateTime(instant, undefined, true)).toBe("2026-11-30 01:05:09");
    expect(adminTime(instant, "zh")).toBe("2026-11-30 01:05");
    expect(adminTime(null, "en")).toBe("—");
    // A task's schedule may still be shown in its own zone.
    expect(formatDateTime(instant, "America/New_York")).toBe("2026-11-29 12:05");
  });

  it("reads datetime-local values on the display zone's wall clock", () => {
    expect(fromZonedInput("2026-11-30T00:00")?.toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(fromZonedInput("2026-11-30T09:05:30")?.toISOString()).toBe("2026-11-30T01:05:30.000Z");
    expect(fromZonedInput("")).toBeUndefined();
    expect(fromZonedInput("yesterday")).toBeUndefined();
    expect(toZonedInput(instant)).toBe("2026-11-30T01:05");
    expect(fromZonedInput(toZonedInput(instant))?.toISOString()).toBe("2026-11-29T17:05:00.000Z");
  });

  it("finds the start of today in the display zone, across daylight saving elsewhere", () => {
    expect(startOfDayInput(instant)).toBe("2026-11-30T00:00");
    expect(startOfDayInput(new Date("2026-11-29T15:59:59Z"))).toBe("2026-11-29T00:00");
    // New York springs forward on 2026-03-08: 03:30 that day is 07:30 UTC (EDT, -4).
    expect(fromZonedInput("2026-03-08T03:30", "America/New_York")?.toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
    expect(fromZonedInput("2026-03-07T12:00", "America/New_York")?.toISOString()).toBe(
      "2026-03-07T17:00:00.000Z",
    );
  });
});
