// Human-readable schedule text for lists, previews and notifications.
import cronstrue from "cronstrue";
import "cronstrue/locales/zh_CN.js"; // registers the zh_CN locale on cronstrue (".js" for Node ESM)
import { normalizeTimePoints } from "@/lib/schedule/time-points";
import type { Schedule } from "./types";

export type DescribeLocale = "zh" | "en";

const TEXT = {
  zh: {
    everyDay: (times: string) => `每天 ${times}`,
    timeSeparator: "、",
    zone: (tz: string) => `（${tz}）`,
    workday: "，仅工作日",
    holiday: "，仅非工作日",
    rawCron: (expr: string) => `CRON ${expr}`,
  },
  en: {
    everyDay: (times: string) => `Every day at ${times}`,
    timeSeparator: ", ",
    zone: (tz: string) => ` (${tz})`,
    workday: ", China working days only",
    holiday: ", China non-working days only",
    rawCron: (expr: string) => `Cron ${expr}`,
  },
} as const;

function describeCron(expr: string, locale: DescribeLocale): string {
  try {
    return cronstrue.toString(expr, {
      locale: locale === "zh" ? "zh_CN" : "en",
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    // croner accepts a few forms cronstrue does not describe (e.g. the `+` AND modifier).
    return TEXT[locale].rawCron(expr);
  }
}

/** e.g. "每天 08:00、12:00（Asia/Shanghai），仅工作日" or "在09:00, 限每月 1 号, 或者为星期一（Asia/Shanghai）". */
export function describeSchedule(schedule: Schedule, locale: DescribeLocale = "zh"): string {
  const t = TEXT[locale];
  const what =
    schedule.scheduleType === "simple"
      ? t.everyDay(normalizeTimePoints(schedule.timePoints ?? []).join(t.timeSeparator))
      : describeCron(schedule.cronExpression ?? "", locale);
  const filter =
    schedule.workdayFilter === "workday" ? t.workday : schedule.workdayFilter === "holiday" ? t.holiday : "";
  return `${what}${t.zone(schedule.timezone)}${filter}`;
}
