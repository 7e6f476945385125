"use client";

import * as React from "react";
import Link from "next/link";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { parseAsString } from "nuqs";
import { DownloadIcon, SearchXIcon, TriangleAlertIcon } from "lucide-react";
import { toast } from "sonner";

import { tenantColumns } from "@/components/admin/tenant-column";
import { DataTable, ListPage, ListToolbar, useListState } from "@/components/data-table";
import { useErrorText } from "@/components/i18n/use-errors";
import { runErrorText, triggeredByText } from "@/components/i18n/run-words";
import { LoadMore } from "@/components/runs/load-more";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { runFilters } from "@/components/runs/run-filters";
import { runsCsv } from "@/components/runs/runs-csv";
import { useMe } from "@/components/shell/me-context";
import { TimeZoneNote } from "@/components/shell/time-zone-note";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { fromZonedInput } from "@/lib/display-time";
import { useLocale, useT } from "@/lib/i18n/client";
import { ZRunStatus, ZRunTrigger } from "@/lib/schemas/run";
import { useTRPC } from "@/components/trpc/react";
import type { AppRouter } from "@/server/root";
import { TaskPicker } from "./task-picker";

type Row = inferRouterOutputs<AppRouter>["ops"]["searchRuns"]["items"][number];

const FILTERS = {
  status: parseAsString,
  trigger: parseAsString,
  from: parseAsString,
  to: parseAsString,
  trace: parseAsString,
  task: parseAsString,
  tenant: parseAsString,
};

/** Runs asked of the server at a time; "加载更多" asks the next ones by cursor. */
const BATCH = 100;
/** The tenant filter's value for global (tenant-less) runs; the API takes "" for them. */
const GLOBAL = "__global__";

/**
 * 运行搜索: runs across tasks by time (display zone), status, trigger, task, tenant (platform
 * view), trace id and text; every match reachable by "加载更多"; CSV export that says when it
 * was cut at the export limit. All filters live in the URL.
 */
export function RunSearch() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { me, scope } = useMe();
  const platform = scope.type === "platform";
  const list = useListState({ filters: FILTERS, pageSize: 20 });
  const f = list.filters;
  const tenantId = !platform || !f.tenant ? undefined : f.tenant === GLOBAL ? "" : f.tenant;
  const input = {
    q: list.q || undefined,
    status: ZRunStatus.safeParse(f.status).data,
    trigger: ZRunTrigger.safeParse(f.trigger).data,
    trace_id: f.trace || undefined,
    task_id: f.task && /^\d+$/.test(f.task) ? Number(f.task) : undefined,
    tenant_id: tenantId,
    from: fromZonedInput(f.from),
    to: fromZonedInput(f.to),
  };
  const query = useInfiniteQuery(
    trpc.ops.searchRuns.infiniteQueryOptions(
      { ...input, limit: BATCH },
      { getNextPageParam: (last) => last.next_cursor ?? undefined },
    ),
  );
  const rows = React.useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const [exporting, setExporting] = React.useState(false);
  const [truncatedAt, setTruncatedAt] = React.useState<number | null>(null);

  const exportCsv = async () => {
    setExporting(true);
    setTruncatedAt(null);
    try {
      const out = await queryClient.fetchQuery(trpc.ops.exportRunsCsv.queryOptions(input));
      const url = URL.createObjectURL(new Blob([runsCsv(out.items, t)], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = out.filename;
      a.click();
      URL.revokeObjectURL(url);
      if (out.truncated) {
        setTruncatedAt(out.rows);
        toast.warning(t("ops.search.csvTruncated", { count: out.rows }));
      } else toast.success(t("ops.search.exported", { count: out.rows }));
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
      meta: { className: "max-w-28 truncate sm:max-w-56" },
      cell: ({ row }) => (
        <span className="font-medium">{row.original.task_name ?? `#${row.original.task_id}`}</span>
      ),
    },
    {
      id: "status",
      header: t("runs.columns.status"),
      cell: ({ row }) => <RunStatusBadge status={row.original.status} />,
    },
    ...tenantColumns<Row>(platform, {
      header: t("ops.search.tenantColumn"),
      tenant: (r) => r.tenant_id,
      none: t("ops.search.globalTenant"),
      hideBelow: "md",
    }),
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
      cell: ({ row }) => triggeredByText(row.original.triggered_by, locale),
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
          {runErrorText(row.original.error, locale)}
        </span>
      ),
    },
  ];

  const field = (id: string, label: string, control: React.ReactNode) => (
    <div className="flex min-w-0 flex-col gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {control}
    </div>
  );
  const dateBox = (key: "from" | "to", label: string) =>
    field(
      `run-search-${key}`,
      label,
      <Input
        id={`run-search-${key}`}
        type="datetime-local"
        className="h-8 w-full min-w-0 lg:w-52"
        value={f[key] ?? ""}
        onChange={(e) => list.setFilter(key, e.target.value || undefined)}
      />,
    );
  const tenantFilter = platform
    ? [
        {
          key: "tenant",
          label: t("ops.search.tenant"),
          allLabel: t("ops.search.allTenants"),
          options: [
            { value: GLOBAL, label: t("ops.search.globalTenant") },
            ...me.tenants.map((x) => ({ value: x.tenantId, label: x.name })),
          ],
        },
      ]
    : [];

  return (
    <ListPage
      title={t("ops.search.title")}
      description={
        <span className="flex flex-col gap-1">
          <span>{t("ops.search.subtitle")}</span>
          <TimeZoneNote />
        </span>
      }
      actions={
        <Button variant="outline" size="sm" onClick={() => void exportCsv()} disabled={exporting}>
          <DownloadIcon aria-hidden />
          {t("ops.search.exportCsv")}
        </Button>
      }
    >
      {truncatedAt !== null ? (
        <p
          className="flex items-start gap-2 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm"
          role="status"
          data-slot="csv-truncated"
        >
          <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          {t("ops.search.csvTruncated", { count: truncatedAt })}
        </p>
      ) : null}
      <DataTable
        id="run-search"
        label={t("ops.search.title")}
        columns={columns}
        rows={rows}
        query={query}
        list={list}
        getRowId={(r) => String(r.id)}
        rowHref={(r) => `/tasks/${r.task_id}/runs/${r.id}`}
        more={query.hasNextPage}
        rowData={(r) => ({ "data-run-id": String(r.id) })}
        toolbar={
          <div className="flex flex-col gap-2">
            <ListToolbar
              list={list}
              search={t("ops.search.textPlaceholder")}
              filters={[...tenantFilter, ...runFilters(t)]}
            />
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:flex lg:flex-wrap lg:items-end">
              {dateBox("from", t("ops.search.from"))}
              {dateBox("to", t("ops.search.to"))}
              {field(
                "run-search-task",
                t("ops.search.task"),
                <TaskPicker
                  id="run-search-task"
                  value={f.task}
                  onChange={(v) => list.setFilter("task", v)}
                  tenantId={tenantId}
                  className="w-full lg:w-56"
                />,
              )}
              {field(
                "run-search-trace",
                t("ops.search.traceId"),
                <Input
                  id="run-search-trace"
                  className="h-8 w-full min-w-0 lg:w-56"
                  value={f.trace ?? ""}
                  onChange={(e) => list.setFilter("trace", e.target.value.trim() || undefined)}
                />,
              )}
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
      <LoadMore query={query} />
      <p className="text-xs text-muted-foreground">
        <Link href="/runs" className="hover:underline">
          {t("runs.title")}
        </Link>
      </p>
    </ListPage>
  );
}
