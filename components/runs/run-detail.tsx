"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, CheckCircle2Icon, SkipForwardIcon, XCircleIcon } from "lucide-react";

import { RobotPreview } from "@/components/messages/robot-preview";
import { PageHeader } from "@/components/shell/page-header";
import { TimeZoneNote } from "@/components/shell/time-zone-note";
import { ErrorPanel, PageSkeleton } from "@/components/shell/shell-states";
import { formatDateTime, formatDuration } from "@/components/tasks/format-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useLocale, useT } from "@/lib/i18n/client";
import { runErrorText, runOutputText, storedText } from "@/components/i18n/run-words";
import { errorCode, errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { RunControls, RunFacts } from "@/components/ops/run-controls";
import { useMe } from "@/components/shell/me-context";
import { useLabels } from "@/components/i18n/use-labels";
import { DISPLAY_TIME_ZONE } from "@/lib/display-time";
import { RunStatusBadge } from "./run-status-badge";
import { LIVE_POLL_MS } from "./runs-table";

type Delivery = {
  target?: string;
  id?: number;
  name?: string;
  channel_type?: string;
  ok?: boolean;
  errcode?: number;
  errmsg?: string;
  explanation?: string | null;
  messages?: number;
  skipped?: boolean;
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-3">
      <dt className="w-28 shrink-0 text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** One run: when and how it ran, its output and error, the message sent and each channel's outcome. */
export function RunDetail({ taskId, runId }: { taskId: number; runId: number }) {
  const t = useT();
  const { label } = useLabels();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite } = useMe();
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ id: runId }),
    // A running run updates itself until it finishes.
    refetchInterval: (q) => (q.state.data?.status === "running" ? LIVE_POLL_MS : false),
  });
  const result = run.data?.result ?? null;
  const preview = useQuery({ ...trpc.messages.preview.queryOptions({ result }), enabled: result !== null });

  if (run.isPending) return <PageSkeleton />;
  if (run.isError) {
    return (
      <ErrorPanel
        title={errorCode(run.error) === "NOT_FOUND" ? t("runs.detail.notFound") : t("runs.detail.loadFailed")}
        message={errorMessage(run.error, t)}
        onRetry={() => void run.refetch()}
      />
    );
  }
  const r = run.data;
  const deliveries = (Array.isArray(r.deliveries) ? r.deliveries : []) as Delivery[];
  const backHref = `/tasks/${taskId}?tab=runs`;
  const channelTypes = new Set(deliveries.map((d) => d.channel_type));
  const pushed = deliveries.length > 0;
  const showDing = channelTypes.size === 0 || channelTypes.has("dingtalk_bot");
  const showWecom = channelTypes.size === 0 || channelTypes.has("wecom_bot") || channelTypes.has("wecom_app");

  return (
    <div className="flex flex-col gap-5">
      <div>
        <Button asChild variant="ghost" size="sm" className="-ml-2">
          <Link href={backHref}>
            <ArrowLeftIcon aria-hidden />
            {r.task_name ?? `#${r.task_id}`}
          </Link>
        </Button>
      </div>
      <PageHeader
        title={t("runs.detail.title", { id: String(r.id) })}
        description={
          <span className="flex flex-col gap-1">
            {r.status === "running" ? <span>{t("runs.detail.running")}</span> : null}
            <TimeZoneNote />
          </span>
        }
        actions={<RunStatusBadge status={r.status} />}
      />

      <RunControls run={r} canWrite={canWrite} />

      <Card>
        <CardContent>
          <dl className="grid gap-2 text-sm md:grid-cols-2">
            <Row label={t("runs.detail.task")}>
              <Link href={`/tasks/${r.task_id}`} className="underline-offset-2 hover:underline">
                {r.task_name ?? `#${r.task_id}`}
              </Link>
            </Row>
            <Row label={t("runs.detail.status")}>
              <RunStatusBadge status={r.status} />
            </Row>
            <Row label={t("runs.detail.trigger")}>
              {r.trigger ? t(`labels.trigger.${r.trigger as "schedule"}`) : "—"}
            </Row>
            <Row label={t("runs.detail.scheduledFor")}>
              {r.scheduled_for ? formatDateTime(r.scheduled_for) : "—"}
              {/* The schedule's own clock, when the task fires in another zone than the page's. */}
              {r.scheduled_for && r.timezone && r.timezone !== DISPLAY_TIME_ZONE ? (
                <span className="text-muted-foreground">
                  {t("runs.detail.inTaskZone", {
                    zone: r.timezone,
                    time: formatDateTime(r.scheduled_for, r.timezone),
                  })}
                </span>
              ) : null}
            </Row>
            <Row label={t("runs.detail.startedAt")}>
              {r.started_at ? formatDateTime(r.started_at, undefined, true) : "—"}
            </Row>
            <Row label={t("runs.detail.finishedAt")}>
              {r.finished_at ? formatDateTime(r.finished_at, undefined, true) : "—"}
            </Row>
            <Row label={t("runs.detail.duration")}>
              {r.status === "running" ? "…" : formatDuration(r.duration_ms)}
            </Row>
            <Row label={t("runs.detail.attempts")}>{(r.retry_count ?? 0) + 1}</Row>
            <Row label={t("runs.detail.traceId")}>
              <code className="font-mono text-xs">{r.trace_id}</code>
            </Row>
          </dl>
        </CardContent>
      </Card>

      {r.error ? (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle className="text-destructive">{t("runs.detail.error")}</CardTitle>
          </CardHeader>
          <CardContent>
            <pre className="overflow-x-auto rounded-md bg-destructive/5 p-3 font-mono text-xs whitespace-pre-wrap text-destructive">
              {runErrorText(r.error, locale)}
            </pre>
          </CardContent>
        </Card>
      ) : null}

      <RunFacts run={r} />

      <Card>
        <CardHeader>
          <CardTitle>
            {r.status === "running" ? t("ops.controls.liveOutput") : t("runs.detail.output")}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <pre
            data-slot="run-output"
            className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap"
          >
            {r.output ? runOutputText(r.output, locale) : t("runs.detail.noOutput")}
          </pre>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{pushed ? t("runs.detail.message") : t("taskSettings.notPushedTitle")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {result !== null && !pushed ? (
            <p className="text-sm text-muted-foreground" data-slot="not-pushed-note">
              {t("taskSettings.notPushedNote")}
            </p>
          ) : null}
          {result === null ? (
            <p className="text-sm text-muted-foreground">{t("runs.detail.noMessage")}</p>
          ) : preview.isPending ? (
            <Skeleton className="h-40 w-full" />
          ) : preview.data ? (
            <div className="grid gap-4 lg:grid-cols-2">
              {showDing ? (
                <div className="flex flex-col gap-2">
                  <h3 className="text-sm font-medium">{t("runs.preview.dingtalk")}</h3>
                  <RobotPreview channelType="dingtalk_bot" payloads={preview.data.dingtalk_bot} />
                </div>
              ) : null}
              {showWecom ? (
                <div className="flex flex-col gap-2">
                  <h3 className="text-sm font-medium">{t("runs.preview.wecom")}</h3>
                  <RobotPreview channelType="wecom_bot" payloads={preview.data.wecom_bot} />
                </div>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{t("taskSettings.resultUnreadable")}</p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("runs.detail.deliveries")}</CardTitle>
        </CardHeader>
        <CardContent>
          {deliveries.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("runs.detail.noDeliveries")}</p>
          ) : (
            <ul className="flex flex-col divide-y" data-slot="deliveries">
              {deliveries.map((d, i) => (
                <li key={i} className="flex flex-col gap-1 py-2 text-sm first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-2">
                    {d.skipped ? (
                      <SkipForwardIcon className="size-4 text-muted-foreground" aria-hidden />
                    ) : d.ok ? (
                      <CheckCircle2Icon className="size-4 text-success" aria-hidden />
                    ) : (
                      <XCircleIcon className="size-4 text-destructive" aria-hidden />
                    )}
                    <span className="font-medium">{d.name ?? `#${d.id}`}</span>
                    <Badge variant="outline">{label("channelType", d.channel_type)}</Badge>
                    <span
                      className={
                        d.skipped ? "text-muted-foreground" : d.ok ? "text-success" : "text-destructive"
                      }
                    >
                      {d.skipped
                        ? t("ops.controls.skipped")
                        : d.ok
                          ? t("runs.detail.deliveryOk")
                          : t("runs.detail.deliveryFailed")}
                    </span>
                    {d.messages && d.messages > 1 ? (
                      <span className="text-xs text-muted-foreground">
                        {t("runs.detail.deliveryParts", { count: d.messages })}
                      </span>
                    ) : null}
                  </div>
                  {d.skipped ? (
                    <p className="text-xs text-muted-foreground">{storedText(d.errmsg, locale)}</p>
                  ) : !d.ok ? (
                    <p className="text-xs text-muted-foreground">
                      {t("runs.detail.errcode", { code: d.errcode ?? "?" })}
                      {d.errmsg ? ` · ${storedText(d.errmsg, locale)}` : ""}
                      {d.explanation ? ` — ${d.explanation}` : ""}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
