"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { PlusIcon, XIcon } from "lucide-react";

import { errorText, issueText } from "@/components/i18n/errors";
import { Button } from "@/components/ui/button";
import { Field, FieldControl, FieldDescription, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useLocale, useT } from "@/lib/i18n/client";
import { checkScheduleFields } from "@/lib/schedule/schedule-fields";
import { useTRPC } from "@/components/trpc/react";
import { describeSchedule } from "./describe-schedule";
import { formatRelative } from "./format-time";
import { Segmented } from "./segmented";
import type { TaskFormState } from "./task-form";
import { useDebounced, useNow } from "./use-now";

export const COMMON_TIMEZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Kolkata",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Paris",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Australia/Sydney",
  "UTC",
];

type ScheduleForm = Pick<
  TaskFormState,
  "schedule_type" | "time_points" | "cron_expression" | "timezone" | "workday_filter"
>;

/** "2026-11-28 09:00 周六" from the preview's ISO string, keeping its own offset's wall time. */
function wallTime(iso: string, locale: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  if (!m) return iso;
  const weekday = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-US", {
    weekday: "short",
    timeZone: "UTC",
  }).format(new Date(`${m[1]}T12:00:00Z`));
  return `${m[1]} ${m[2]}${m[3] && m[3] !== ":00" ? m[3] : ""} ${weekday}`;
}

/**
 * Time points or a cron expression, the time zone and the working-day filter, checked as you
 * type with the same rules as the server, and the next 5 fire times from tasks.previewSchedule.
 */
export function ScheduleBuilder({
  value,
  onChange,
  errors,
  readOnly,
}: {
  value: ScheduleForm;
  onChange: (patch: Partial<ScheduleForm>) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const now = useNow(60_000);
  // Only the schedule's own fields restart the debounce (typing a script must not delay it).
  const scheduleKey = JSON.stringify([
    value.schedule_type,
    value.time_points,
    value.cron_expression,
    value.timezone,
    value.workday_filter,
  ]);
  const debouncedKey = useDebounced(scheduleKey, 400);
  // Checked locally first, so only valid schedules reach the server (no 400s while typing).
  const local = React.useMemo(() => {
    const [schedule_type, time_points, cron_expression, timezone, workday_filter] = JSON.parse(
      debouncedKey,
    ) as unknown[];
    return checkScheduleFields({ schedule_type, time_points, cron_expression, timezone, workday_filter });
  }, [debouncedKey]);
  const liveCheck = React.useMemo(() => checkScheduleFields({ ...value }), [value]);
  const liveProblems: Record<string, string> = {};
  if (!liveCheck.ok)
    for (const p of liveCheck.problems) liveProblems[p.path.join(".")] ??= issueText(p, locale);
  const err = (path: string) =>
    errors[path] ?? (path === "cron_expression" || path === "timezone" ? liveProblems[path] : undefined);

  const preview = useQuery({
    ...trpc.tasks.previewSchedule.queryOptions(local.ok ? { ...local.value, count: 5 } : {}),
    enabled: local.ok,
    retry: false,
  });

  const setPoint = (i: number, v: string) =>
    onChange({ time_points: value.time_points.map((p, j) => (j === i ? v : p)) });

  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
      <div className="flex flex-col gap-4">
        <Segmented
          label={t("tasks.editor.scheduleType")}
          value={value.schedule_type}
          disabled={readOnly}
          onChange={(v) => onChange({ schedule_type: v })}
          options={[
            { value: "simple", label: t("tasks.editor.scheduleSimple") },
            { value: "cron", label: t("tasks.editor.scheduleCron") },
          ]}
        />
        {value.schedule_type === "simple" ? (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">{t("tasks.editor.timePoints")}</legend>
            <div className="flex flex-wrap gap-2">
              {value.time_points.map((p, i) => (
                <div key={i} className="flex flex-col gap-1">
                  <div className="flex items-center gap-1">
                    <Input
                      type="time"
                      value={p}
                      readOnly={readOnly}
                      onChange={(e) => setPoint(i, e.target.value)}
                      aria-label={`${t("tasks.editor.timePoints")} ${i + 1}`}
                      aria-invalid={errors[`time_points.${i}`] ? true : undefined}
                      className="w-32"
                    />
                    {!readOnly && value.time_points.length > 1 ? (
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon-sm"
                        aria-label={t("tasks.editor.removeTimePoint", { time: p })}
                        onClick={() => onChange({ time_points: value.time_points.filter((_, j) => j !== i) })}
                      >
                        <XIcon />
                      </Button>
                    ) : null}
                  </div>
                  {errors[`time_points.${i}`] ? (
                    <p className="text-xs text-destructive">{errors[`time_points.${i}`]}</p>
                  ) : null}
                </div>
              ))}
              {!readOnly ? (
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  className="h-9"
                  onClick={() =>
                    onChange({ time_points: [...value.time_points, nextFreeTime(value.time_points)] })
                  }
                >
                  <PlusIcon aria-hidden />
                  {t("tasks.editor.addTimePoint")}
                </Button>
              ) : null}
            </div>
            {errors.time_points ? (
              <p className="text-xs text-destructive" role="alert">
                {errors.time_points}
              </p>
            ) : null}
          </fieldset>
        ) : (
          <Field error={err("cron_expression")}>
            <FieldLabel>{t("tasks.editor.cron")}</FieldLabel>
            <FieldControl>
              <Input
                value={value.cron_expression}
                readOnly={readOnly}
                onChange={(e) => onChange({ cron_expression: e.target.value })}
                placeholder="0 9 * * 1-5"
                className="font-mono"
                spellCheck={false}
                autoComplete="off"
              />
            </FieldControl>
            <FieldDescription>{t("tasks.editor.cronHint")}</FieldDescription>
            <FieldMessage />
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={err("timezone")}>
            <FieldLabel>{t("tasks.editor.timezone")}</FieldLabel>
            <FieldControl>
              <Input
                value={value.timezone}
                readOnly={readOnly}
                list="task-timezones"
                onChange={(e) => onChange({ timezone: e.target.value })}
                spellCheck={false}
                autoComplete="off"
              />
            </FieldControl>
            <datalist id="task-timezones">
              {COMMON_TIMEZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <FieldDescription>{t("tasks.editor.timezoneCustom")}</FieldDescription>
            <FieldMessage />
          </Field>
          <Field error={errors.workday_filter}>
            <FieldLabel>{t("tasks.editor.workdayFilter")}</FieldLabel>
            <Select
              value={value.workday_filter}
              disabled={readOnly}
              onValueChange={(v) => onChange({ workday_filter: v as ScheduleForm["workday_filter"] })}
            >
              <FieldControl>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
              </FieldControl>
              <SelectContent>
                <SelectItem value="none">{t("tasks.editor.workdayNone")}</SelectItem>
                <SelectItem value="workday">{t("tasks.editor.workdayWorkday")}</SelectItem>
                <SelectItem value="holiday">{t("tasks.editor.workdayHoliday")}</SelectItem>
              </SelectContent>
            </Select>
            <FieldMessage />
          </Field>
        </div>
      </div>

      <section
        aria-label={t("tasks.editor.preview")}
        data-slot="schedule-preview"
        className="flex flex-col gap-2 rounded-lg border bg-muted/30 p-3"
      >
        <h3 className="text-sm font-medium">{t("tasks.editor.preview")}</h3>
        {!local.ok ? (
          <p className="text-sm text-muted-foreground">—</p>
        ) : preview.isPending ? (
          <div className="flex flex-col gap-1.5" aria-label={t("tasks.editor.previewLoading")}>
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-4 w-full" />
            ))}
          </div>
        ) : preview.isError ? (
          <p className="text-sm text-destructive">{errorText(preview.error, locale)}</p>
        ) : (
          <>
            <p className="text-sm" data-slot="schedule-description">
              {/* The server describes schedules in Chinese; other languages are described here. */}
              {locale === "zh" || !local.ok
                ? preview.data.description
                : `${describeSchedule(local.value, locale)} (${local.value.timezone})`}
            </p>
            {preview.data.fire_times.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("tasks.editor.previewNone")}</p>
            ) : (
              <ol className="flex flex-col gap-1 text-sm tabular-nums" data-slot="fire-times">
                {preview.data.fire_times.map((iso) => (
                  <li key={iso} className="flex justify-between gap-2">
                    <span>{wallTime(iso, locale)}</span>
                    <span className="text-xs text-muted-foreground">{formatRelative(iso, now, locale)}</span>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </section>
    </div>
  );
}

/** An hour after the last time point (so "add" never duplicates), wrapping at midnight. */
export function nextFreeTime(points: string[]): string {
  const taken = new Set(points);
  const last = [...points].sort().pop() ?? "08:00";
  const [h, m] = last.split(":").map(Number);
  for (let step = 1; step <= 24; step++) {
    const hour = ((h ?? 8) + step) % 24;
    const candidate = `${String(hour).padStart(2, "0")}:${String(m ?? 0).padStart(2, "0")}`;
    if (!taken.has(candidate)) return candidate;
  }
  return "12:00";
}
