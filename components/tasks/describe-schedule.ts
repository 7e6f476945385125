import type { Locale } from "@/lib/i18n";
import { describeSchedule as describe } from "@/lib/schedule/describe";

// The schedule in words for the task list, from a task as the API returns it (snake_case).

type ScheduleLike = {
  schedule_type: string;
  time_points: unknown;
  cron_expression: string | null;
  workday_filter?: string | null;
};

export function describeSchedule(task: ScheduleLike, locale: Locale): string {
  return describe(
    {
      scheduleType: task.schedule_type,
      timePoints: Array.isArray(task.time_points) ? task.time_points : [],
      cronExpression: task.cron_expression,
      workdayFilter: task.workday_filter,
    },
    locale,
  );
}
