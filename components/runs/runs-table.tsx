"use client";

import * as React from "react";
import Link from "next/link";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { HistoryIcon, RadioIcon } from "lucide-react";

import { ErrorPanel } from "@/components/shell/shell-states";
import { FilterSelect } from "@/components/tasks/filter-select";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { RunStatusBadge } from "./run-status-badge";

type Status = "running" | "success" | "failed" | "skipped";
type Trigger = "schedule" | "manual" | "retry" | "test";
const STATUSES: Status[] = ["running", "success", "failed", "skipped"];
const TRIGGERS: Trigger[] = ["schedule", "manual", "retry", "test"];

/** While any visible run is running, the list refreshes every 2 s; otherwise it stays still. */
export const LIVE_POLL_MS = 2000;

/**
 * Run history, newest first, with "load more" (keyset cursor). With `taskId` it shows one task's
 * runs in that task's time zone; without, the whole scope's runs with their task names.
 */
export function RunsTable({
  taskId,
  timeZone,
  onLiveChange,
}: {
  taskId?: number;
  timeZone?: string;
  onLiveChange?: (live: boolean) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const [status, setStatus] = React.useState<Status | undefined>();
  const [trigger, setTrigger] = React.useState<Trigger | undefined>();
  const [trace, setTrace] = React.useState("");
  const traceId = trace.trim() || undefined;

  const query = useInfiniteQuery({
    ...trpc.runs.list.infiniteQueryOptions(
      { task_id: taskId, status, trigger, trace_id: traceId, limit: 20 },
      { getNextPageParam: (last) => last.next_cursor ?? undefined },
    ),
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((r) => r.status === "running")) ? LIVE_POLL_MS : false,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
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
  const filtered = !!(status || trigger || traceId);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <FilterSelect
          label={t("runs.filters.status")}
          allLabel={t("runs.filters.allStatuses")}
          value={status}
          options={STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
          onChange={(v) => setStatus(v as Status | undefined)}
        />
        <FilterSelect
          label={t("runs.filters.trigger")}
          allLabel={t("runs.filters.allTriggers")}
          value={trigger}
          options={TRIGGERS.map((s) => ({ value: s, label: t(`runs.trigger.${s}`) }))}
          onChange={(v) => setTrigger(v as Trigger | undefined)}
        />
        <Input
          value={trace}
          onChange={(e) => setTrace(e.target.value)}
          placeholder={t("runs.filters.traceId")}
          aria-label={t("runs.filters.traceId")}
          className="h-8 sm:w-64"
        />
        {live ? (
          <span className="flex items-center gap-1.5 text-xs text-muted-foreground" role="status">
            <RadioIcon className="size-3.5 animate-pulse text-amber-500" aria-hidden />
            {t("runs.live")}
          </span>
        ) : null}
      </div>

      {query.isPending ? (
        <div className="flex flex-col gap-2" role="status" aria-label={t("common.loading")}>
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorPanel message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<HistoryIcon />}
          title={filtered ? t("tasks.noMatchTitle") : t("runs.emptyTitle")}
          description={filtered ? undefined : t("runs.emptyHint")}
        />
      ) : (
        <>
          <div className="rounded-lg border">
            <Table data-slot="runs-table">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("runs.columns.startedAt")}</TableHead>
                  {taskId ? null : <TableHead>{t("runs.columns.task")}</TableHead>}
                  <TableHead>{t("runs.columns.status")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("runs.columns.trigger")}</TableHead>
                  <TableHead className="hidden lg:table-cell">{t("runs.columns.scheduledFor")}</TableHead>
                  <TableHead className="text-right">{t("runs.columns.duration")}</TableHead>
                  <TableHead className="hidden text-right md:table-cell">
                    {t("runs.columns.attempts")}
                  </TableHead>
                  <TableHead className="hidden xl:table-cell">{t("runs.columns.traceId")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => {
                  const href = `/tasks/${r.task_id}/runs/${String(r.id)}`;
                  const started = r.started_at ?? r.created_at;
                  return (
                    <TableRow key={String(r.id)} data-run-id={String(r.id)} data-status={r.status}>
                      <TableCell className="whitespace-nowrap">
                        <Link href={href} className="font-medium underline-offset-2 hover:underline">
                          {started ? formatDateTime(started, timeZone, true) : `#${String(r.id)}`}
                        </Link>
                      </TableCell>
                      {taskId ? null : (
                        <TableCell className="max-w-48 truncate">
                          <Link href={`/tasks/${r.task_id}`} className="hover:underline">
                            {"task_name" in r && r.task_name ? r.task_name : `#${r.task_id}`}
                          </Link>
                        </TableCell>
                      )}
                      <TableCell>
                        <RunStatusBadge status={r.status} />
                      </TableCell>
                      <TableCell className="hidden md:table-cell">
                        {r.trigger ? t(`runs.trigger.${r.trigger as Trigger}`) : "—"}
                      </TableCell>
                      <TableCell className="hidden whitespace-nowrap lg:table-cell">
                        {r.scheduled_for ? formatDateTime(r.scheduled_for, timeZone) : "—"}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {r.status === "running" ? "…" : formatDuration(r.duration_ms)}
                      </TableCell>
                      <TableCell className="hidden text-right tabular-nums md:table-cell">
                        {(r.retry_count ?? 0) + 1}
                      </TableCell>
                      <TableCell className="hidden font-mono text-xs text-muted-foreground xl:table-cell">
                        {r.trace_id}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          {query.hasNextPage ? (
            <Button
              variant="outline"
              size="sm"
              className="self-center"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
            >
              {query.isFetchingNextPage ? t("runs.loadingMore") : t("runs.loadMore")}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
