// Cron expression checks with croner, the same library and options that compute fire times.
import { Cron, type CronOptions } from "croner";

/**
 * Options shared by validation and computation, so that what validates is what runs.
 * - mode "5-or-6-parts": standard 5 fields, or 6 with seconds first; no year field.
 * - domAndDow false: Vixie rule, day-of-month OR day-of-week when both are restricted.
 * - fixedTimeRule "no-wildcard": a job whose second/minute/hour fields have no `*` or step
 *   (e.g. `30 1,13 * * *`) fires once when 01:30 occurs twice at a DST fall back, as Vixie cron
 *   does. Croner's default ("single-value") would run such a list on both occurrences.
 */
export const CRON_OPTIONS = {
  mode: "5-or-6-parts",
  domAndDow: false,
  fixedTimeRule: "no-wildcard",
} as const satisfies CronOptions;

export const CRON_MACROS = [
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
] as const;

export const MAX_CRON_LENGTH = 100; // the column is VARCHAR(100)

/** Trim and collapse runs of spaces, so equal schedules are stored equally. */
export function normalizeCronExpression(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith("@") ? trimmed.toLowerCase() : trimmed.split(/\s+/).join(" ");
}

/** A reason code of lib/errors.ts and its parameters: what the console and REST word. */
export type CronProblem = { message: string; params?: Record<string, string | number> };

/** Why an expression is not acceptable (a reason code with params), or null when it is. */
export function cronExpressionProblem(value: string, now: Date = new Date()): CronProblem | null {
  const expr = normalizeCronExpression(value);
  if (expr === "") return { message: "CRON_EMPTY" };
  if (expr.length > MAX_CRON_LENGTH) return { message: "CRON_TOO_LONG", params: { max: MAX_CRON_LENGTH } };
  if (expr.startsWith("@")) {
    if (!(CRON_MACROS as readonly string[]).includes(expr)) {
      return { message: "CRON_MACRO_UNKNOWN", params: { macro: expr, macros: CRON_MACROS.join(" ") } };
    }
  } else {
    const fields = expr.split(" ").length;
    if (fields !== 5 && fields !== 6) return { message: "CRON_FIELD_COUNT", params: { count: fields } };
  }
  let job: Cron;
  try {
    job = new Cron(expr, { ...CRON_OPTIONS, paused: true });
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^CronPattern:\s*/, "") : String(e);
    return { message: "CRON_INVALID", params: { detail } };
  }
  // Syntactically fine but impossible dates (e.g. `0 9 31 2 *`) would never run: say so now.
  if (job.nextRun(now) === null) return { message: "CRON_NEVER_FIRES" };
  return null;
}
