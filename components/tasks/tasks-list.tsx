"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import {
  CalendarClockIcon,
  CopyIcon,
  HistoryIcon,
  PencilIcon,
  PlayIcon,
  PlusIcon,
  Trash2Icon,
} from "lucide-react";
import { parseAsString } from "nuqs";

import {
  actionsColumn,
  DataTable,
  ListPage,
  ListToolbar,
  useConfirmAction,
  useListState,
} from "@/components/data-table";
import { TaskBulkBar } from "@/components/ops/task-bulk";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { LIVE_POLL_MS } from "@/components/runs/runs-table";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { runStatusLabel } from "@/components/runs/run-status-label";
import { LAST_RUN_STATUSES } from "@/lib/schemas/run";
import { describeSchedule } from "./describe-schedule";
import { formatDateTime, formatRelative } from "./format-time";
import { useTaskActions } from "./task-actions";
import { useNow } from "./use-now";

// The tenant filter's value for global (tenant-less) tasks; the API takes "" for them.
const GLOBAL = "__global__";
const FILTERS = { tenant: parseAsString, status: parseAsString, type: parseAsString, enabled: parseAsString };
const TYPES = ["script", "webhook"] as const;

type TaskRow = {
  id: number;
  task_name: string;
  tenant_id: string | null;
  execution_type: string;
  timezone: string;
  is_enabled: boolean;
  next_run_at: Date | string | null;
  last_run_at: Date | string | null;
  last_run_status: string | null;
} & Parameters<typeof describeSchedule>[0];

/** /tasks: search and filters in the URL, the task table with its row actions, paging. */
export function TasksList() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { me, scope, canWrite } = useMe();
  const now = useNow();
  const router = useRouter();
  const actions = useTaskActions();
  const list = useListState({ filters: FILTERS });
  const f = list.filters;
  const input = {
    page: list.page,
    page_size: list.pageSize,
    keyword: list.q || undefined,
    tenant_id: f.tenant === GLOBAL ? "" : (f.tenant ?? undefined),
    last_run_status: LAST_RUN_STATUSES.find((s) => s === f.status),
    execution_type: TYPES.find((s) => s === f.type),
    is_enabled: f.enabled === undefined || f.enabled === "" ? undefined : f.enabled === "true",
  };
  // Tasks started with "run now" (id → when): the list refreshes until their run has finished.
  const [watched, setWatched] = React.useState<Record<number, number>>({});
  const query = useQuery({
    ...trpc.tasks.list.queryOptions(input),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => {
      const at = Date.now();
      const waiting = (q.state.data?.items ?? []).some((task) => {
        if (task.last_run_status === "running") return true;
        const since = watched[task.id];
        // Five seconds of slack for a browser clock ahead of the server's; give up after 2 minutes.
        if (!since || at - since > 120_000) return false;
        return !task.last_run_at || new Date(task.last_run_at).getTime() < since - 5000;
      });
      return waiting ? LIVE_POLL_MS : false;
    },
  });
  const remove = useConfirmAction({
    mutation: trpc.tasks.delete.mutationOptions(),
    variables: (task: TaskRow) => ({ id: task.id }),
    invalidate: [trpc.tasks.pathFilter(), trpc.runs.pathFilter()],
    title: (task) => t("tasks.deleteTitle", { name: task.task_name }),
    description: () => t("tasks.deleteDescription"),
    success: (task) => t("tasks.toast.deleted", { name: task.task_name }),
  });
  const platformView = scope.type === "platform";
  // Rows ticked for a bulk action (components/ops/task-bulk).
  const [selection, setSelection] = React.useState<Record<string, boolean>>({});
  const selectedIds = Object.keys(selection)
    .filter((k) => selection[k])
    .map(Number);

  const columns: ColumnDef<TaskRow, unknown>[] = [
    {
      id: "name",
      header: t("tasks.columns.name"),
      enableHiding: false,
      meta: { className: "max-w-64 min-w-40 whitespace-normal" },
      cell: ({ row: { original: task } }) => (
        <div className="flex flex-col gap-0.5">
          <Link
            href={`/tasks/${task.id}`}
            className="font-medium break-words underline-offset-2 hover:underline"
          >
            {task.task_name}
          </Link>
          <div className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
            <Badge variant="outline" className="font-normal">
              {t(`tasks.execution.${task.execution_type === "webhook" ? "webhook" : "script"}`)}
            </Badge>
            {platformView ? (
              <Badge variant="secondary" className="font-normal">
                {task.tenant_id ?? t("tasks.global")}
              </Badge>
            ) : null}
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
      meta: { hideBelow: "lg", className: "whitespace-nowrap" },
      cell: ({ row: { original: task } }) =>
        task.is_enabled && task.next_run_at ? (
          <div className="flex flex-col">
            <span className="tabular-nums">{formatDateTime(task.next_run_at, task.timezone)}</span>
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
      meta: { className: "whitespace-nowrap" },
      cell: ({ row: { original: task } }) => (
        <div className="flex flex-col items-start gap-0.5">
          <RunStatusBadge status={task.last_run_status} />
          {task.last_run_at ? (
            <span
              className="text-xs text-muted-foreground"
              title={formatDateTime(task.last_run_at, task.timezone)}
            >
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
          disabled: actions.running === task.id,
          onSelect: () => {
            setWatched((w) => ({ ...w, [task.id]: Date.now() }));
            void actions.run(task.id);
          },
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
          onSelect: () => remove.ask(task),
        },
      ],
    })),
  ];

  const newButton = canWrite ? (
    <Button asChild>
      <Link href="/tasks/new">
        <PlusIcon aria-hidden />
        {t("tasks.newTask")}
      </Link>
    </Button>
  ) : null;

  return (
    <ListPage title={t("tasks.title")} description={t("tasks.subtitle")} actions={newButton}>
      {canWrite ? <TaskBulkBar ids={selectedIds} onDone={() => setSelection({})} /> : null}
      <div data-slot="tasks-table">
        <DataTable
          id="tasks"
          label={t("tasks.title")}
          columns={columns}
          rows={query.data?.items as TaskRow[] | undefined}
          total={query.data?.total}
          query={query}
          list={list}
          getRowId={(task) => String(task.id)}
          rowData={(task) => ({ "data-task-id": String(task.id) })}
          selection={
            canWrite
              ? { value: selection, onChange: setSelection, label: (task) => task.task_name }
              : undefined
          }
          toolbar={
            <ListToolbar
              list={list}
              search={t("tasks.searchPlaceholder")}
              filters={[
                ...(platformView && me.isPlatformAdmin
                  ? [
                      {
                        key: "tenant",
                        label: t("tasks.filters.tenant"),
                        allLabel: t("tasks.filters.allTenants"),
                        options: [
                          { value: GLOBAL, label: t("tasks.filters.globalOnly") },
                          ...me.tenants.map((x) => ({ value: x.tenantId, label: x.name })),
                        ],
                      },
                    ]
                  : []),
                {
                  key: "status",
                  label: t("tasks.filters.lastStatus"),
                  allLabel: t("tasks.filters.allStatuses"),
                  options: LAST_RUN_STATUSES.map((s) => ({ value: s, label: runStatusLabel(t, s) })),
                },
                {
                  key: "type",
                  label: t("tasks.filters.executionType"),
                  allLabel: t("tasks.filters.allTypes"),
                  options: TYPES.map((s) => ({ value: s, label: t(`tasks.execution.${s}`) })),
                },
                {
                  key: "enabled",
                  label: t("tasks.filters.enabled"),
                  allLabel: t("tasks.filters.all"),
                  options: [
                    { value: "true", label: t("tasks.filters.enabledOnly") },
                    { value: "false", label: t("tasks.filters.disabledOnly") },
                  ],
                },
              ]}
            />
          }
          empty={{
            icon: <CalendarClockIcon />,
            title: t("tasks.emptyTitle"),
            description: t("tasks.emptyHint"),
            action: newButton,
          }}
          noMatch={{ title: t("tasks.noMatchTitle"), description: t("tasks.noMatchHint") }}
        />
      </div>
      {remove.dialog}
    </ListPage>
  );
}
