import { randomBytes } from "node:crypto";

/** A run's trace id: sortable by time, unique, short enough for a log line. */
export function newTraceId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:.TZ]/g, "")
    .slice(0, 14)}-${randomBytes(6).toString("hex")}`;
}
