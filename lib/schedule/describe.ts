// A schedule in words, Chinese or English: the task list, the editor's preview and notifications.
import cronstrue from "cronstrue";
import "cronstrue/locales/zh_CN.js"; // registers the zh_CN locale on cronstrue (".js" for Node ESM)
import type { Locale } from "../i18n/config";
import { normalizeTimePoints } from "./time-points";

export type DescribedSchedule = {
  scheduleType: string;
  /** "HH:MM" times of a simple schedule; anything else in the list is left out. */
  timePoints?: readonly unknown[] | null;
  cronExpression?: string | null;
  /** Shown after the schedule when given. */
  timezone?: string;
  workdayFilter?: string | null;
};

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

function describeCron(expr: string, locale: Locale): string {
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
export function describeSchedule(schedule: DescribedSchedule, locale: Locale = "zh"): string {
  const t = TEXT[locale];
  const times = (schedule.timePoints ?? []).filter((v): v is string => typeof v === "string");
  const what =
    schedule.scheduleType === "cron"
      ? describeCron(schedule.cronExpression ?? "", locale)
      : t.everyDay(normalizeTimePoints(times).join(t.timeSeparator));
  const zone = schedule.timezone ? t.zone(schedule.timezone) : "";
  const filter =
    schedule.workdayFilter === "workday" ? t.workday : schedule.workdayFilter === "holiday" ? t.holiday : "";
  return `${what}${zone}${filter}`;
}
