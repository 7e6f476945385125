"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { parseAsString } from "nuqs";
import { DownloadIcon, SearchXIcon } from "lucide-react";
import { toast } from "sonner";

import { DataTable, ListPage, ListToolbar, useListState } from "@/components/data-table";
import { useErrorText } from "@/components/i18n/use-errors";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { runFilters } from "@/components/runs/run-filters";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useT } from "@/lib/i18n/client";
import { ZRunStatus, ZRunTrigger } from "@/lib/schemas/run";
import { useTRPC } from "@/components/trpc/react";
import type { AppRouter } from "@/server/root";

type Row = inferRouterOutputs<AppRouter>["ops"]["searchRuns"]["items"][number];

const FILTERS = {
  status: parseAsString,
  trigger: parseAsString,
  from: parseAsString,
  to: parseAsString,
  trace: parseAsString,
  task: parseAsString,
};

/** `2026-11-30T09:00` (a datetime-local value, the browser's time) → Date, or undefined. */
function toDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** 运行搜索: runs across tasks by time, status, trigger, trace id and text; CSV export. */
export function RunSearch() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useListState({ filters: FILTERS, pageSize: 20 });
  const f = list.filters;
  const input = {
    q: list.q || undefined,
    status: ZRunStatus.safeParse(f.status).data,
    trigger: ZRunTrigger.safeParse(f.trigger).data,
    trace_id: f.trace || undefined,
    task_id: f.task && /^\d+$/.test(f.task) ? Number(f.task) : undefined,
    from: toDate(f.from),
    to: toDate(f.to),
    limit: 200,
  };
  const query = useQuery({ ...trpc.ops.searchRuns.queryOptions(input), placeholderData: keepPreviousData });
  const [exporting, setExporting] = React.useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const out = await queryClient.fetchQuery(trpc.ops.exportRunsCsv.queryOptions(input));
      const url = URL.createObjectURL(new Blob([out.csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = out.filename;
      a.click();
      URL.revokeObjectURL(url);
      toast.success(t("ops.search.exported", { count: out.rows }));
    } catch (err) {
      toast.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "started",
      header: t("runs.columns.startedAt"),
      cell: ({ row }) => (
        <span className="whitespace-nowrap">
          {formatDateTime(row.original.started_at ?? row.original.created_at ?? new Date(), undefined, true)}
        </span>
      ),
    },
    {
      id: "task",
      header: t("runs.columns.task"),
      cell: ({ row }) => (
        <span className="font-medium">{row.original.task_name ?? `#${row.original.task_id}`}</span>
      ),
    },
    {
      id: "status",
      header: t("runs.columns.status"),
      cell: ({ row }) => <RunStatusBadge status={row.original.status} />,
    },
    {
      id: "trigger",
      header: t("runs.columns.trigger"),
      meta: { hideBelow: "md", label: t("runs.columns.trigger") },
      cell: ({ row }) => t(`labels.trigger.${row.original.trigger as "schedule"}`),
    },
    {
      id: "by",
      header: t("ops.search.triggeredBy"),
      meta: { hideBelow: "lg", label: t("ops.search.triggeredBy") },
      cell: ({ row }) => row.original.triggered_by ?? t("ops.search.scheduler"),
    },
    {
      id: "params",
      header: t("ops.search.params"),
      meta: { hideBelow: "lg", label: t("ops.search.params") },
      cell: ({ row }) => (
        <code className="line-clamp-2 max-w-56 font-mono text-xs break-all">
          {row.original.params ? JSON.stringify(row.original.params) : "—"}
        </code>
      ),
    },
    {
      id: "duration",
      header: t("runs.columns.duration"),
      meta: { hideBelow: "md", label: t("runs.columns.duration") },
      cell: ({ row }) => formatDuration(row.original.duration_ms),
    },
    {
      id: "error",
      header: t("ops.search.error"),
      meta: { hideBelow: "xl", label: t("ops.search.error") },
      cell: ({ row }) => (
        <span className="line-clamp-2 max-w-72 text-xs break-all text-muted-foreground">
          {row.original.error ?? ""}
        </span>
      ),
    },
  ];

  const dateBox = (key: "from" | "to", label: string) => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`run-search-${key}`} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Input
        id={`run-search-${key}`}
        type="datetime-local"
        className="h-8"
        value={f[key] ?? ""}
        onChange={(e) => list.setFilter(key, e.target.value || undefined)}
      />
    </div>
  );

  return (
    <ListPage
      title={t("ops.search.title")}
      description={t("ops.search.subtitle")}
      actions={
        <Button variant="outline" size="sm" onClick={() => void exportCsv()} disabled={exporting}>
          <DownloadIcon aria-hidden />
          {t("ops.search.exportCsv")}
        </Button>
      }
    >
      <DataTable
        id="run-search"
        label={t("ops.search.title")}
        columns={columns}
        rows={query.data?.items}
        query={query}
        list={list}
        getRowId={(r) => String(r.id)}
        rowHref={(r) => `/tasks/${r.task_id}/runs/${r.id}`}
        toolbar={
          <div className="flex flex-col gap-2">
            <ListToolbar list={list} search={t("ops.search.textPlaceholder")} filters={runFilters(t)} />
            <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end">
              {dateBox("from", t("ops.search.from"))}
              {dateBox("to", t("ops.search.to"))}
              <div className="flex flex-col gap-1">
                <Label htmlFor="run-search-trace" className="text-xs text-muted-foreground">
                  {t("ops.search.traceId")}
                </Label>
                <Input
                  id="run-search-trace"
                  className="h-8"
                  value={f.trace ?? ""}
                  onChange={(e) => list.setFilter("trace", e.target.value.trim() || undefined)}
                />
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="run-search-task" className="text-xs text-muted-foreground">
                  {t("ops.search.taskId")}
                </Label>
                <Input
                  id="run-search-task"
                  inputMode="numeric"
                  className="h-8 w-24"
                  value={f.task ?? ""}
                  onChange={(e) => list.setFilter("task", e.target.value.trim() || undefined)}
                />
              </div>
            </div>
            <p className="text-xs text-muted-foreground">{t("ops.search.textRangeHint")}</p>
          </div>
        }
        empty={{
          icon: <SearchXIcon />,
          title: t("ops.search.noResults"),
          description: t("ops.search.noResultsHint"),
        }}
      />
      <p className="text-xs text-muted-foreground">
        <Link href="/runs" className="hover:underline">
          {t("runs.title")}
        </Link>
      </p>
    </ListPage>
  );
}
