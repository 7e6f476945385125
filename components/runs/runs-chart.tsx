"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";

import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { averageDuration, chartBars, successRate } from "./chart-geometry";

const W = 600;
const H = 80;

/** Duration and outcome of recent runs as an inline SVG bar chart (no chart library). */
export function RunsChart({
  taskId,
  refetchInterval,
}: {
  taskId?: number;
  refetchInterval?: number | false;
}) {
  const t = useT();
  const trpc = useTRPC();
  const stats = useQuery({
    ...trpc.runs.stats.queryOptions({ task_id: taskId, limit: 60 }),
    refetchInterval,
  });
  if (stats.isPending) return <Skeleton className="h-28 w-full" />;
  if (stats.isError) return null;
  const points = stats.data;
  if (points.length === 0) {
    return (
      <p className="rounded-lg border border-dashed p-4 text-center text-sm text-muted-foreground">
        {t("runs.chart.empty")}
      </p>
    );
  }
  const { bars, max } = chartBars(points, W, H);
  return (
    <figure className="flex flex-col gap-2 rounded-lg border p-3" data-slot="runs-chart">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">{t("runs.chart.title")}</span>
        <span className="text-muted-foreground">
          {t("runs.chart.summary", {
            count: points.length,
            rate: successRate(points),
            avg: formatDuration(averageDuration(points)),
          })}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-28 w-full"
        preserveAspectRatio="none"
        role="img"
        aria-label={t("runs.chart.title")}
      >
        <line x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} className="stroke-border" strokeWidth={1} />
        {bars.map((b) => (
          <Link key={b.id} href={taskId ? `/tasks/${taskId}/runs/${b.id}` : "#"}>
            <rect
              x={b.x}
              y={b.y}
              width={b.width}
              height={b.height}
              rx={1}
              className={b.ok ? "fill-emerald-500/80" : "fill-red-500/80"}
            >
              <title>
                {`#${b.id} · ${b.ok ? t("runs.chart.success") : t("runs.chart.failed")} · ${formatDuration(b.duration_ms)}${
                  points.find((p) => p.id === b.id)?.started_at
                    ? ` · ${formatDateTime(points.find((p) => p.id === b.id)!.started_at!)}`
                    : ""
                }`}
              </title>
            </rect>
          </Link>
        ))}
      </svg>
      <div className="flex flex-wrap gap-4 text-xs text-muted-foreground">
        <span>{t("runs.chart.max", { duration: formatDuration(max) })}</span>
        <span className="flex items-center gap-1">
          <span className="size-2.5 rounded-sm bg-emerald-500/80" aria-hidden />
          {t("runs.chart.success")}
        </span>
        <span className="flex items-center gap-1">
          <span className="size-2.5 rounded-sm bg-red-500/80" aria-hidden />
          {t("runs.chart.failed")}
        </span>
      </div>
    </figure>
  );
}
