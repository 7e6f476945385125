import cronstrue from "cronstrue";
import "cronstrue/locales/zh_CN";

import type { Locale } from "@/lib/i18n";
import { normalizeTimePoints } from "@/lib/schedule/time-points";

// The schedule in words for the task list (the editor uses tasks.previewSchedule's description).

type ScheduleLike = {
  schedule_type: string;
  time_points: unknown;
  cron_expression: string | null;
  workday_filter?: string | null;
};

const TEXT = {
  zh: { everyDay: "每天 ", sep: "、", workday: "，仅工作日", holiday: "，仅非工作日" },
  en: {
    everyDay: "Every day at ",
    sep: ", ",
    workday: ", working days only",
    holiday: ", non-working days only",
  },
} as const;

export function describeCron(expr: string, locale: Locale): string {
  try {
    return cronstrue.toString(expr, {
      locale: locale === "zh" ? "zh_CN" : "en",
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    return `CRON ${expr}`;
  }
}

export function describeSchedule(task: ScheduleLike, locale: Locale): string {
  const t = TEXT[locale];
  const what =
    task.schedule_type === "cron"
      ? describeCron(task.cron_expression ?? "", locale)
      : t.everyDay +
        normalizeTimePoints(
          Array.isArray(task.time_points)
            ? task.time_points.filter((v): v is string => typeof v === "string")
            : [],
        ).join(t.sep);
  const filter =
    task.workday_filter === "workday" ? t.workday : task.workday_filter === "holiday" ? t.holiday : "";
  return what + filter;
}
