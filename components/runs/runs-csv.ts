import type { inferRouterOutputs } from "@trpc/server";

import { label } from "@/components/i18n/labels";
import { runErrorText, triggeredByText } from "@/components/i18n/run-words";
import { formatDateTime } from "@/components/tasks/format-time";
import { DISPLAY_TIME_ZONE } from "@/lib/display-time";
import type { TFunction } from "@/lib/i18n";
import type { AppRouter } from "@/server/root";

type CsvRun = inferRouterOutputs<AppRouter>["ops"]["exportRunsCsv"]["items"][number];

/**
 * The run search's CSV, written in the viewer's language: headers, statuses, triggers, who
 * triggered and stored errors in words. Decision: each time twice, once on the wall clock of the
 * stated display zone (what people read) and once as UTC ISO 8601 (what a spreadsheet or script
 * imports without guessing a zone); ids, params (the run's own JSON) and trace ids as stored.
 * UTF-8 with a BOM so spreadsheets read the Chinese; CRLF lines.
 */
export function runsCsv(rows: CsvRun[], t: TFunction, timeZone = DISPLAY_TIME_ZONE): string {
  const locale = t.locale;
  const zone = timeZone === "Asia/Shanghai" ? t("runs.csv.beijing") : timeZone;
  const local = (d: Date | string | null) => (d ? formatDateTime(d, timeZone, true) : "");
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : "");
  const columns: [string, (r: CsvRun) => unknown][] = [
    [t("runs.csv.id"), (r) => r.id],
    [t("runs.csv.taskId"), (r) => r.task_id],
    [t("runs.csv.taskName"), (r) => r.task_name],
    [t("runs.csv.tenant"), (r) => r.tenant_id],
    [t("runs.csv.status"), (r) => label(locale, "runStatus", r.status)],
    [t("runs.csv.trigger"), (r) => label(locale, "trigger", r.trigger)],
    [t("runs.csv.triggeredBy"), (r) => triggeredByText(r.triggered_by, locale)],
    [t("runs.csv.scheduledFor", { zone }), (r) => local(r.scheduled_for)],
    [t("runs.csv.startedAt", { zone }), (r) => local(r.started_at)],
    [t("runs.csv.finishedAt", { zone }), (r) => local(r.finished_at)],
    [t("runs.csv.durationMs"), (r) => r.duration_ms],
    [t("runs.csv.traceId"), (r) => r.trace_id],
    [t("runs.csv.params"), (r) => r.params],
    [t("runs.csv.error"), (r) => runErrorText(r.error, locale)],
    [t("runs.csv.scheduledForUtc"), (r) => iso(r.scheduled_for)],
    [t("runs.csv.startedAtUtc"), (r) => iso(r.started_at)],
    [t("runs.csv.finishedAtUtc"), (r) => iso(r.finished_at)],
  ];
  const lines = [
    columns.map(([header]) => csvCell(header)).join(","),
    ...rows.map((r) => columns.map(([, cell]) => csvCell(cell(r))).join(",")),
  ];
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ""
      : typeof value === "string"
        ? value
        : typeof value === "number"
          ? String(value)
          : JSON.stringify(value);
  // A cell starting with = + - @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
