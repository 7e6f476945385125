import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// dayjs runs inside the isolate: its UMD builds (core + utc, timezone, customParseFormat) are
// evaluated there as plain scripts and define globals the prelude wraps. Timezone math uses the
// isolate's own Intl (ICU is shared by the process).
const TZ_PLUGIN = "plugin/timezone.js";
const FILES = ["dayjs.min.js", "plugin/utc.js", TZ_PLUGIN, "plugin/customParseFormat.js"];

function dayjsDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve("dayjs/package.json"));
  } catch {
    return path.join(process.cwd(), "node_modules", "dayjs");
  }
}

// The timezone plugin's tz(), which every dayjs() of a script goes through (the SDK's dayjs works
// in the task's zone), formats with `date.toLocaleString("en-US", { timeZone })`: a new ICU
// formatter per call, ~0.2 ms each, a sixth of a pooled run's CPU. The same string comes from one
// Intl.DateTimeFormat per zone with toLocaleString's default fields, kept in the plugin's scope.
const TZ_LOCALE_CALL = /([A-Za-z_$][\w$]*)\.toLocaleString\("en-US",\{timeZone:t\}\)/g;
const STRICT = '"use strict";';
const TZ_LOCALE_HELPER =
  "var __tzFormats=Object.create(null);function __tzLocale(d,z){var f=__tzFormats[z];if(!f){f=__tzFormats[z]=new Intl.DateTimeFormat(" +
  '"en-US",{timeZone:z,year:"numeric",month:"numeric",day:"numeric",hour:"numeric",minute:"numeric",second:"numeric"})}' +
  "return f.format(d)}";

/** The timezone plugin with tz()'s formatter cached per zone; as shipped if its code differs. */
export function withCachedTzFormat(source: string): { source: string; patched: boolean } {
  const calls = source.match(TZ_LOCALE_CALL) ?? [];
  const strict = source.indexOf(STRICT);
  if (calls.length !== 1 || strict < 0 || strict > source.indexOf(calls[0]!))
    return { source, patched: false };
  const patched = source.replace(TZ_LOCALE_CALL, "__tzLocale($1,t)");
  return {
    source:
      patched.slice(0, strict + STRICT.length) + TZ_LOCALE_HELPER + patched.slice(strict + STRICT.length),
    patched: true,
  };
}

let cached: { filename: string; source: string }[] | undefined;

export function dayjsSources(): { filename: string; source: string }[] {
  if (!cached) {
    const dir = dayjsDir();
    cached = FILES.map((f) => {
      const source = readFileSync(path.join(dir, f), "utf8");
      return { filename: `dayjs/${f}`, source: f === TZ_PLUGIN ? withCachedTzFormat(source).source : source };
    });
  }
  return cached;
}
