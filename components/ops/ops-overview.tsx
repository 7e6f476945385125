"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { SearchIcon } from "lucide-react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { useMe } from "@/components/shell/me-context";
import { PageHeader } from "@/components/shell/page-header";
import { TimeZoneNote } from "@/components/shell/time-zone-note";
import { ErrorPanel, PageSkeleton } from "@/components/shell/shell-states";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useLocale, useT } from "@/lib/i18n/client";
import { runErrorText } from "@/components/i18n/run-words";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { startOfDayInput } from "@/lib/display-time";
import { RUN_STATUSES, type TRunStatus } from "@/lib/schemas/run";

export const OVERVIEW_REFRESH_MS = 30_000;
/** Every run status (a Record, so a new one in schema.prisma fails the typecheck here), in reading order. */
const STATUS_RANK: Record<TRunStatus, number> = {
  running: 0,
  success: 1,
  partial: 2,
  failed: 3,
  cancelled: 4,
  skipped: 5,
};
const STATUS_ORDER = [...RUN_STATUSES].sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b]);

/** The run search for today's runs of one status: from the start of today in the display zone. */
function todayRuns(status: TRunStatus, now: Date | string): string {
  const from = startOfDayInput(new Date(now));
  return `/runs/search?${new URLSearchParams({ status, from }).toString()}`;
}

/** 运维总览: the console's home, refreshed every 30 s; the scope's tenant, or all for the platform. */
export function OpsOverview() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { scope } = useMe();
  const q = useQuery({ ...trpc.ops.overview.queryOptions(), refetchInterval: OVERVIEW_REFRESH_MS });

  if (q.isPending) return <PageSkeleton />;
  if (q.isError)
    return (
      <ErrorPanel
        title={t("ops.home.title")}
        message={errorMessage(q.error, t)}
        onRetry={() => void q.refetch()}
      />
    );
  const d = q.data;
  const hours = d.runs_per_hour.map((h) => ({
    hour: t("ops.home.hour", { hour: h.hour }),
    [t("ops.home.success")]: h.success,
    [t("ops.home.failed")]: h.failed,
    [t("ops.home.other")]: h.other,
  }));

  return (
    <div className="flex flex-col gap-5" data-slot="ops-overview">
      <PageHeader
        title={t("ops.home.title")}
        description={
          <>
            {t("ops.home.subtitle")} {scope.type === "platform" ? t("ops.home.platformView") : null}
          </>
        }
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/runs/search">
              <SearchIcon aria-hidden />
              {t("ops.home.searchRuns")}
            </Link>
          </Button>
        }
      />
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span>{t("ops.home.refreshedAt", { time: formatDateTime(d.generated_at, undefined, true) })}</span>
        <TimeZoneNote />
      </p>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Card data-slot="today-runs">
          <CardHeader>
            <CardDescription>{t("ops.home.todayRuns")}</CardDescription>
            <CardTitle className="text-2xl">{t("ops.home.todayTotal", { count: d.today.total })}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-2">
            {STATUS_ORDER.filter((s) => d.today.by_status[s]).map((s) => (
              <Link key={s} href={todayRuns(s, d.generated_at)} className="flex items-center gap-1">
                <RunStatusBadge status={s} />
                <span className="text-sm font-medium">{d.today.by_status[s]}</span>
              </Link>
            ))}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>{t("ops.home.dueNextHour")}</CardDescription>
            <CardTitle className="text-2xl">
              {t("ops.home.dueCount", { count: d.due_next_hour.count })}
            </CardTitle>
          </CardHeader>
          <CardContent>
            {d.due_next_hour.tasks.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("ops.home.noDue")}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm">
                {d.due_next_hour.tasks.slice(0, 5).map((task) => (
                  <li key={task.id} className="flex justify-between gap-2">
                    <Link href={`/tasks/${task.id}`} className="truncate hover:underline">
                      {task.task_name}
                    </Link>
                    <span className="shrink-0 text-muted-foreground">
                      {task.next_run_at ? formatDateTime(task.next_run_at).slice(-5) : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>{t("ops.home.lateness")}</CardDescription>
            <CardTitle className="text-2xl">
              {d.lateness_p95_ms === null ? "—" : formatDuration(d.lateness_p95_ms)}
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">
            {d.lateness_samples
              ? t("ops.home.latenessSamples", { count: d.lateness_samples })
              : t("ops.home.noLateness")}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>{t("ops.home.deliveryFailures")}</CardDescription>
          </CardHeader>
          <CardContent>
            {d.delivery_failures.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("ops.home.noDeliveryFailures")}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm">
                {d.delivery_failures.slice(0, 5).map((f) => (
                  <li key={`${f.channel_type}:${f.channel}`} className="flex justify-between gap-2">
                    <span className="truncate">{f.channel}</span>
                    <Badge variant="destructive">{f.failures}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card data-slot="failing-tasks">
          <CardHeader>
            <CardTitle>{t("ops.home.failingTasks")}</CardTitle>
          </CardHeader>
          <CardContent>
            {d.failing_tasks.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("ops.home.noFailing")}</p>
            ) : (
              <ul className="flex flex-col divide-y text-sm">
                {d.failing_tasks.map((task) => (
                  <li key={task.id} className="flex flex-col gap-1 py-2 first:pt-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <RunStatusBadge status={task.last_run_status} />
                      <Link href={`/tasks/${task.id}`} className="font-medium hover:underline">
                        {task.task_name}
                      </Link>
                      <span className="text-xs text-muted-foreground">
                        {task.last_run_at ? formatDateTime(task.last_run_at) : ""}
                      </span>
                      {task.last_failed_run_id ? (
                        <Link
                          href={`/tasks/${task.id}/runs/${task.last_failed_run_id}`}
                          className="text-xs text-primary hover:underline"
                        >
                          {t("ops.home.viewRun")}
                        </Link>
                      ) : null}
                    </div>
                    {task.last_run_message ? (
                      <p className="line-clamp-2 text-xs break-all text-muted-foreground">
                        {runErrorText(task.last_run_message, locale)}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("ops.home.ranking")}</CardTitle>
          </CardHeader>
          <CardContent>
            {d.failure_ranking.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("ops.home.noRanking")}</p>
            ) : (
              <ol className="flex flex-col gap-1 text-sm">
                {d.failure_ranking.map((r, i) => (
                  <li key={r.task_id} className="flex justify-between gap-2">
                    <Link href={`/tasks/${r.task_id}`} className="truncate hover:underline">
                      {i + 1}. {r.task_name}
                    </Link>
                    <span className="shrink-0 text-destructive">
                      {t("ops.home.failures", { count: r.failures })}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("ops.home.perHour")}</CardTitle>
        </CardHeader>
        <CardContent className="h-64 min-w-0">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={hours} margin={{ left: -20, right: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="hour" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} tick={{ fontSize: 10 }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey={t("ops.home.success")} stackId="a" fill="var(--color-success, #16a34a)" />
              <Bar dataKey={t("ops.home.failed")} stackId="a" fill="var(--color-destructive, #dc2626)" />
              <Bar dataKey={t("ops.home.other")} stackId="a" fill="var(--color-muted-foreground, #94a3b8)" />
            </BarChart>
          </ResponsiveContainer>
        </CardContent>
      </Card>
    </div>
  );
}
