import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import { describe, expect, it } from "vitest";
import { withCachedTzFormat } from "@/server/sandbox/dayjs-bundle";
import { run } from "./helpers";

// The sandbox's dayjs caches the timezone plugin's formatter per zone (server/sandbox/dayjs-bundle.ts).
// Its answers must be the shipped plugin's, DST edges and invalid zones included.

dayjs.extend(utc);
dayjs.extend(timezone);

const INSTANTS = [
  "2026-01-31T16:00:00Z",
  "2026-03-08T06:59:59Z", // New York: last second before the spring-forward gap
  "2026-03-08T07:00:00Z",
  "2026-11-01T05:30:00Z", // New York: the repeated hour
  "2026-11-01T06:30:00Z",
  "2026-12-31T23:59:59Z",
];
const ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Asia/Kolkata", "UTC"];

describe("dayjs in the sandbox: the timezone plugin with a cached formatter", () => {
  it("applies to the dayjs version installed (else runs would build a formatter per dayjs() call)", () => {
    const file = createRequire(import.meta.url).resolve("dayjs/plugin/timezone.js");
    expect(withCachedTzFormat(readFileSync(file, "utf8")).patched).toBe(true);
  });

  it("gives the shipped plugin's answers across zones and DST edges", async () => {
    const expected = INSTANTS.flatMap((i) => ZONES.map((z) => dayjs.utc(i).tz(z).format()));
    const r = await run(
      `const out = [];
       for (const i of ${JSON.stringify(INSTANTS)}) for (const z of ${JSON.stringify(ZONES)}) out.push(dayjs.utc(i).tz(z).format());
       let bad = 'no error';
       try { dayjs().tz('Not/AZone') } catch (e) { bad = e.name }
       let proto = 'no error';
       try { dayjs().tz('__proto__') } catch (e) { proto = e.name }
       return JSON.stringify({ out, bad, proto, now: dayjs().format('Z') })`,
      { timezone: "America/New_York" },
    );
    expect(r.error).toBeNull();
    const v = JSON.parse((r.result as { content: string }).content) as Record<string, unknown>;
    expect(v.out).toEqual(expected);
    expect(v.bad).toBe("RangeError");
    expect(v.proto).toBe("RangeError");
    expect(v.now).toBe(dayjs().tz("America/New_York").format("Z"));
  });
});
