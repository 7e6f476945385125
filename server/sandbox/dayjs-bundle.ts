import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// dayjs runs inside the isolate: its UMD builds (core + utc, timezone, customParseFormat) are
// evaluated there as plain scripts and define globals the prelude wraps. Timezone math uses the
// isolate's own Intl (ICU is shared by the process).
const FILES = ["dayjs.min.js", "plugin/utc.js", "plugin/timezone.js", "plugin/customParseFormat.js"];

function dayjsDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve("dayjs/package.json"));
  } catch {
    return path.join(process.cwd(), "node_modules", "dayjs");
  }
}

let cached: { filename: string; source: string }[] | undefined;

export function dayjsSources(): { filename: string; source: string }[] {
  if (!cached) {
    const dir = dayjsDir();
    cached = FILES.map((f) => ({ filename: `dayjs/${f}`, source: readFileSync(path.join(dir, f), "utf8") }));
  }
  return cached;
}
