"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ColumnDef } from "@tanstack/react-table";
import {
  CopyIcon,
  DownloadIcon,
  FileClockIcon,
  HistoryIcon,
  PencilIcon,
  PlayIcon,
  Trash2Icon,
} from "lucide-react";

import { actionsColumn } from "@/components/data-table";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { Switch } from "@/components/ui/switch";
import { useLocale, useT } from "@/lib/i18n/client";
import { describeSchedule } from "./describe-schedule";
import { formatDateTime, formatRelative } from "./format-time";
import { useTaskActions } from "./task-actions";
import { useNow } from "./use-now";

export type TaskRow = {
  id: number;
  task_name: string;
  tenant_id: string | null;
  execution_type: string;
  timezone: string;
  is_enabled: boolean;
  input_params: unknown;
  next_run_at: Date | string | null;
  last_run_at: Date | string | null;
  last_run_status: string | null;
} & Parameters<typeof describeSchedule>[0];

/**
 * The tasks table's columns. On a phone (below sm) only the name, 启用 and the "…" menu stay: the
 * name cell then carries the schedule and the last run's status, and wraps instead of widening
 * the table. Name, next fire and last run sort on the server (their ids are its sort columns).
 */
export function useTaskColumns(opts: {
  canWrite: boolean;
  platformView: boolean;
  run: (task: TaskRow) => void;
  exportOne: (task: TaskRow) => void;
  remove: (task: TaskRow) => void;
}): ColumnDef<TaskRow, unknown>[] {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const router = useRouter();
  const actions = useTaskActions();
  const { canWrite } = opts;
  return [
    {
      id: "name",
      header: t("tasks.columns.name"),
      // An accessor makes TanStack offer the sort; the server does the sorting.
      accessorFn: (task) => task.task_name,
      enableHiding: false,
      enableSorting: true,
      meta: { className: "w-full min-w-0 whitespace-normal sm:w-auto sm:max-w-64 sm:min-w-40" },
      cell: ({ row: { original: task } }) => (
        <div className="flex min-w-0 flex-col gap-0.5">
          <Link
            href={`/tasks/${task.id}`}
            className="font-medium wrap-anywhere underline-offset-2 hover:underline"
          >
            {task.task_name}
          </Link>
          <div className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
            <Badge variant="outline" className="font-normal">
              {t(`tasks.execution.${task.execution_type === "webhook" ? "webhook" : "script"}`)}
            </Badge>
            {opts.platformView ? (
              <Badge variant="secondary" className="max-w-full truncate font-normal">
                {task.tenant_id ?? t("tasks.global")}
              </Badge>
            ) : null}
            <span className="sm:hidden">
              <RunStatusBadge status={task.last_run_status} />
            </span>
            <span className="md:hidden">{describeSchedule(task, locale)}</span>
          </div>
        </div>
      ),
    },
    {
      id: "schedule",
      header: t("tasks.columns.schedule"),
      meta: { hideBelow: "md", className: "max-w-72 whitespace-normal" },
      cell: ({ row: { original: task } }) => (
        <>
          <span className="text-sm">{describeSchedule(task, locale)}</span>
          {task.timezone !== "Asia/Shanghai" ? (
            <span className="block text-xs text-muted-foreground">{task.timezone}</span>
          ) : null}
        </>
      ),
    },
    {
      id: "next",
      header: t("tasks.columns.nextRun"),
      accessorFn: (task) => String(task.next_run_at ?? ""),
      enableSorting: true,
      meta: { hideBelow: "lg", className: "whitespace-nowrap" },
      cell: ({ row: { original: task } }) =>
        task.is_enabled && task.next_run_at ? (
          <div className="flex flex-col">
            <span className="tabular-nums">{formatDateTime(task.next_run_at)}</span>
            <span className="text-xs text-muted-foreground">
              {formatRelative(task.next_run_at, now, locale)}
            </span>
          </div>
        ) : (
          <span className="text-muted-foreground">{t("tasks.notScheduled")}</span>
        ),
    },
    {
      id: "last",
      header: t("tasks.columns.lastRun"),
      accessorFn: (task) => String(task.last_run_at ?? ""),
      enableSorting: true,
      meta: { hideBelow: "sm", className: "whitespace-nowrap" },
      cell: ({ row: { original: task } }) => (
        <div className="flex flex-col items-start gap-0.5">
          <RunStatusBadge status={task.last_run_status} />
          {task.last_run_at ? (
            <span className="text-xs text-muted-foreground" title={formatDateTime(task.last_run_at)}>
              {formatRelative(task.last_run_at, now, locale)}
            </span>
          ) : null}
        </div>
      ),
    },
    {
      id: "enabled",
      header: t("tasks.columns.enabled"),
      meta: { className: "w-12" },
      cell: ({ row: { original: task } }) => (
        <Switch
          checked={task.is_enabled}
          disabled={!canWrite || actions.toggling === task.id}
          onCheckedChange={(v) => actions.toggle(task.id, v)}
          aria-label={t("tasks.toggleLabel", { name: task.task_name })}
        />
      ),
    },
    actionsColumn<TaskRow>(t("common.actions"), (task) => ({
      label: `${t("tasks.actions.more")}: ${task.task_name}`,
      actions: [
        {
          label: t("tasks.actions.runNow"),
          icon: <PlayIcon aria-hidden />,
          hidden: !canWrite,
          onSelect: () => opts.run(task),
        },
        {
          label: t("tasks.actions.edit"),
          icon: <PencilIcon aria-hidden />,
          onSelect: () => router.push(`/tasks/${task.id}`),
        },
        {
          label: t("tasks.actions.logs"),
          icon: <HistoryIcon aria-hidden />,
          onSelect: () => router.push(`/tasks/${task.id}?tab=runs`),
        },
        {
          label: t("ops.controls.history"),
          icon: <FileClockIcon aria-hidden />,
          hidden: task.execution_type !== "script",
          onSelect: () => router.push(`/tasks/${task.id}/history`),
        },
        {
          label: t("tasks.actions.export"),
          icon: <DownloadIcon aria-hidden />,
          onSelect: () => opts.exportOne(task),
        },
        {
          label: t("tasks.actions.duplicate"),
          icon: <CopyIcon aria-hidden />,
          hidden: !canWrite,
          onSelect: () => void actions.duplicate(task as never),
        },
        {
          label: t("tasks.actions.delete"),
          icon: <Trash2Icon aria-hidden />,
          hidden: !canWrite,
          destructive: true,
          onSelect: () => opts.remove(task),
        },
      ],
    })),
  ];
}
