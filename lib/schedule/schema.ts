// Zod schemas for the schedule fields, shared by forms, the task API and preview-schedule.
import { z } from "zod";
import { checkScheduleFields, type ScheduleFields, type ScheduleFieldsInput } from "./schedule-fields";

type IssueSink = {
  addIssue(issue: {
    code: "custom";
    message: string;
    path?: PropertyKey[];
    params?: Record<string, unknown>;
  }): void;
};

/**
 * For a larger schema's superRefine/transform: reports each problem at its field path
 * (`time_points.1`, `cron_expression`, `timezone`, below `prefix` if given) and returns the
 * normalized fields, or null when there were problems.
 */
export function refineScheduleFields(
  value: ScheduleFieldsInput,
  ctx: IssueSink,
  prefix: PropertyKey[] = [],
): ScheduleFields | null {
  const result = checkScheduleFields(value);
  if (result.ok) return result.value;
  for (const p of result.problems)
    ctx.addIssue({ code: "custom", message: p.message, params: p.params, path: [...prefix, ...p.path] });
  return null;
}

/** The raw shape; values are checked by refineScheduleFields so every message names its field. */
export const scheduleFieldsShape = {
  schedule_type: z.unknown().optional(),
  time_points: z.unknown().optional(),
  cron_expression: z.unknown().optional(),
  timezone: z.unknown().optional(),
  workday_filter: z.unknown().optional(),
};

/** Schedule fields in, normalized ScheduleFields out. */
export const ZScheduleFields = z.object(scheduleFieldsShape).transform((value, ctx) => {
  const fields = refineScheduleFields(value, ctx);
  return fields ?? z.NEVER;
});

export const MAX_PREVIEW_COUNT = 100;

const ZPreviewFrom = z.iso.datetime({
  offset: true,
  error:
    "from 须为带时区的 ISO 8601 时间，如 2026-03-08T00:00:00+08:00 (from must be an ISO 8601 time with an offset)",
});
const COUNT_MESSAGE = `count 须为 1–${MAX_PREVIEW_COUNT} 的整数 (count must be a whole number from 1 to ${MAX_PREVIEW_COUNT})`;
const ZPreviewCount = z.coerce
  .number({ error: COUNT_MESSAGE })
  .int(COUNT_MESSAGE)
  .min(1, COUNT_MESSAGE)
  .max(MAX_PREVIEW_COUNT, COUNT_MESSAGE);

/**
 * POST /api/scheduled-tasks/preview-schedule body. `from` defaults to now (set by the caller),
 * `count` to 5. Every bad field is reported at once, not only the first group.
 */
export const ZPreviewScheduleInput = z
  .object(
    { ...scheduleFieldsShape, from: z.unknown().optional(), count: z.unknown().optional() },
    { error: "请求体须为 JSON 对象 (the body must be a JSON object)" },
  )
  .transform((value, ctx) => {
    const fields = refineScheduleFields(value, ctx);
    // tRPC with superjson may hand over a Date; JSON bodies carry an ISO string.
    const rawFrom =
      value.from instanceof Date && !Number.isNaN(value.from.getTime())
        ? value.from.toISOString()
        : value.from;
    const from =
      rawFrom == null ? { success: true as const, data: undefined } : ZPreviewFrom.safeParse(rawFrom);
    if (!from.success)
      ctx.addIssue({ code: "custom", message: from.error.issues[0]!.message, path: ["from"] });
    const count =
      value.count == null ? { success: true as const, data: 5 } : ZPreviewCount.safeParse(value.count);
    if (!count.success)
      ctx.addIssue({ code: "custom", message: count.error.issues[0]!.message, path: ["count"] });
    if (!fields || !from.success || !count.success) return z.NEVER;
    return { ...fields, from: from.data, count: count.data };
  });

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const ZDayList = z
  .array(z.string().refine(isCalendarDate, "日期须为 YYYY-MM-DD (must be a YYYY-MM-DD date)"))
  .max(1000, "最多 1000 个日期 (at most 1000 dates)");

const sortedUnique = (days: readonly string[] | null | undefined) => [...new Set(days ?? [])].sort();

/** A tenant's own days off and working days on top of the national calendar. */
export const ZTenantCalendar = z
  .object({
    extra_holidays: ZDayList.nullish(),
    extra_workdays: ZDayList.nullish(),
  })
  .superRefine((value, ctx) => {
    const holidays = new Set(value.extra_holidays ?? []);
    (value.extra_workdays ?? []).forEach((day, i) => {
      if (holidays.has(day)) {
        ctx.addIssue({
          code: "custom",
          message: `${day} 不能既是休息日又是工作日 (${day} cannot be both a day off and a working day)`,
          path: ["extra_workdays", i],
        });
      }
    });
  })
  .transform((value) => ({
    extra_holidays: sortedUnique(value.extra_holidays),
    extra_workdays: sortedUnique(value.extra_workdays),
  }));
