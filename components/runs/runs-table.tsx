"use client";

import * as React from "react";
import Link from "next/link";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { HistoryIcon, RadioIcon } from "lucide-react";
import { parseAsString } from "nuqs";

import { DataTable, ListToolbar, useListState } from "@/components/data-table";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { RUN_STATUSES, RUN_TRIGGERS, type TRunTrigger } from "@/lib/schemas/run";
import { LoadMore } from "./load-more";
import { RunStatusBadge } from "./run-status-badge";
import { runFilters } from "./run-filters";

const FILTERS = { status: parseAsString, trigger: parseAsString };

/** While any visible run is running, the list refreshes every 2 s; otherwise it stays still. */
export const LIVE_POLL_MS = 2000;

type RunRow = {
  id: bigint | number | string;
  task_id: number;
  task_name?: string | null;
  status: string;
  trigger: string | null;
  started_at: Date | string | null;
  created_at: Date | string | null;
  scheduled_for: Date | string | null;
  duration_ms: number | null;
  retry_count: number | null;
  trace_id: string | null;
};

/**
 * Run history, newest first, with "load more" (keyset cursor), times in the display zone. With
 * `taskId` it shows one task's runs; without, the whole scope's runs with their task names (on a
 * phone too). Filters and the page live in the URL (`runs_status`, …); a click anywhere on a row
 * opens the run.
 */
export function RunsTable({
  taskId,
  onLiveChange,
}: {
  taskId?: number;
  onLiveChange?: (live: boolean) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const list = useListState({ filters: FILTERS, prefix: "runs_" });
  const status = RUN_STATUSES.find((s) => s === list.filters.status);
  const trigger = RUN_TRIGGERS.find((s) => s === list.filters.trigger);
  const traceId = list.q || undefined;

  const query = useInfiniteQuery({
    ...trpc.runs.list.infiniteQueryOptions(
      { task_id: taskId, status, trigger, trace_id: traceId, limit: 50 },
      { getNextPageParam: (last) => last.next_cursor ?? undefined },
    ),
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((r) => r.status === "running")) ? LIVE_POLL_MS : false,
  });
  const rows = React.useMemo(
    () => (query.data?.pages.flatMap((p) => p.items) ?? []) as RunRow[],
    [query.data],
  );
  const live = rows.some((r) => r.status === "running");
  const queryClient = useQueryClient();
  const wasLive = React.useRef(false);
  React.useEffect(() => {
    onLiveChange?.(live);
    // A run just finished: the chart and the tasks' "last run" are stale now.
    if (wasLive.current && !live) {
      void queryClient.invalidateQueries({ queryKey: trpc.runs.stats.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
    }
    wasLive.current = live;
  }, [live, onLiveChange, queryClient, trpc]);

  const columns = React.useMemo((): ColumnDef<RunRow, unknown>[] => {
    const cols: (ColumnDef<RunRow, unknown> | false)[] = [
      {
        id: "started",
        header: t("runs.columns.startedAt"),
        meta: { className: "whitespace-nowrap" },
        cell: ({ row: { original: r } }) => {
          const started = r.started_at ?? r.created_at;
          return (
            <Link href={runHref(r)} className="font-medium underline-offset-2 hover:underline">
              {started ? formatDateTime(started, undefined, true) : `#${String(r.id)}`}
            </Link>
          );
        },
      },
      {
        id: "status",
        header: t("runs.columns.status"),
        cell: ({ row }) => <RunStatusBadge status={row.original.status} />,
      },
      !taskId && {
        id: "task",
        header: t("runs.columns.task"),
        // A phone shows it too: time, status and which task is the least a run row says.
        meta: { className: "max-w-28 truncate sm:max-w-48" },
        cell: ({ row: { original: r } }) => (
          <Link href={`/tasks/${r.task_id}`} className="hover:underline">
            {r.task_name || `#${r.task_id}`}
          </Link>
        ),
      },
      {
        id: "trigger",
        header: t("runs.columns.trigger"),
        meta: { hideBelow: "md" },
        cell: ({ row }) =>
          row.original.trigger ? t(`labels.trigger.${row.original.trigger as TRunTrigger}`) : "—",
      },
      {
        id: "scheduled",
        header: t("runs.columns.scheduledFor"),
        meta: { hideBelow: "lg", className: "whitespace-nowrap" },
        cell: ({ row }) => (row.original.scheduled_for ? formatDateTime(row.original.scheduled_for) : "—"),
      },
      {
        id: "duration",
        header: t("runs.columns.duration"),
        meta: { hideBelow: "sm", className: "text-right tabular-nums" },
        cell: ({ row }) =>
          row.original.status === "running" ? "…" : formatDuration(row.original.duration_ms),
      },
      {
        id: "attempts",
        header: t("runs.columns.attempts"),
        meta: { hideBelow: "md", className: "text-right tabular-nums" },
        cell: ({ row }) => (row.original.retry_count ?? 0) + 1,
      },
      {
        id: "trace",
        header: t("runs.columns.traceId"),
        meta: { hideBelow: "xl", className: "font-mono text-xs text-muted-foreground" },
        cell: ({ row }) => row.original.trace_id,
      },
    ];
    return cols.filter((c): c is ColumnDef<RunRow, unknown> => !!c);
  }, [t, taskId]);

  return (
    <div className="flex flex-col gap-3" data-slot="runs-table">
      <DataTable
        id={taskId ? "task-runs" : "runs"}
        label={t("runs.title")}
        columns={columns}
        rows={rows}
        query={query}
        list={list}
        getRowId={(r) => String(r.id)}
        rowHref={runHref}
        more={query.hasNextPage}
        rowData={(r) => ({ "data-run-id": String(r.id), "data-status": r.status })}
        toolbar={
          <ListToolbar list={list} search={t("runs.filters.traceId")} filters={runFilters(t)}>
            {live ? (
              <span className="flex items-center gap-1.5 text-xs text-muted-foreground" role="status">
                <RadioIcon className="size-3.5 animate-pulse text-amber-500" aria-hidden />
                {t("runs.live")}
              </span>
            ) : null}
          </ListToolbar>
        }
        empty={{ icon: <HistoryIcon />, title: t("runs.emptyTitle"), description: t("runs.emptyHint") }}
      />
      <LoadMore query={query} />
    </div>
  );
}

function runHref(r: RunRow): string {
  return `/tasks/${r.task_id}/runs/${String(r.id)}`;
}
