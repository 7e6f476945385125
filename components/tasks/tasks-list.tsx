"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CalendarClockIcon, PlusIcon } from "lucide-react";
import { parseAsString } from "nuqs";

import { DataTable, ListPage, ListToolbar, useConfirmAction, useListState } from "@/components/data-table";
import { formatSort } from "@/components/data-table/use-list-state";
import { RunNowDialog } from "@/components/ops/run-now-dialog";
import { TaskBulkBar } from "@/components/ops/task-bulk";
import { useTaskExport } from "@/components/ops/task-export";
import { LIVE_POLL_MS } from "@/components/runs/runs-table";
import { useMe } from "@/components/shell/me-context";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { runStatusLabel } from "@/components/runs/run-status-label";
import { LAST_RUN_STATUSES } from "@/lib/schemas/run";
import { useTaskColumns, type TaskRow } from "./task-columns";

// The tenant filter's value for global (tenant-less) tasks; the API takes "" for them.
const GLOBAL = "__global__";
const FILTERS = { tenant: parseAsString, status: parseAsString, type: parseAsString, enabled: parseAsString };
const TYPES = ["script", "webhook"] as const;
/** The columns the server sorts by (task-columns.tsx gives them these ids). */
const SORTS = ["name", "next", "last"];

/** /tasks: search, filters and sort in the URL, the task table with its row actions, paging. */
export function TasksList() {
  const t = useT();
  const trpc = useTRPC();
  const { me, scope, canWrite } = useMe();
  const list = useListState({ filters: FILTERS });
  const f = list.filters;
  const sort = formatSort(list.sorting);
  const input = {
    page: list.page,
    page_size: list.pageSize,
    keyword: list.q || undefined,
    tenant_id: f.tenant === GLOBAL ? "" : (f.tenant ?? undefined),
    last_run_status: LAST_RUN_STATUSES.find((s) => s === f.status),
    execution_type: TYPES.find((s) => s === f.type),
    is_enabled: f.enabled === undefined || f.enabled === "" ? undefined : f.enabled === "true",
    sort: SORTS.includes(sort.split(".")[0]!) ? sort : undefined,
  };
  const query = useQuery({
    ...trpc.tasks.list.queryOptions(input),
    placeholderData: keepPreviousData,
    // A run in progress shows its end without a reload.
    refetchInterval: (q) =>
      (q.state.data?.items ?? []).some((task) => task.last_run_status === "running") ? LIVE_POLL_MS : false,
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
  // 立即运行 asks for this run's parameters first, as in the editor.
  const [running, setRunning] = React.useState<TaskRow | null>(null);
  const download = useTaskExport();
  const columns = useTaskColumns({
    canWrite,
    platformView,
    run: setRunning,
    exportOne: (task) => void download([task.id], `task-${task.id}`),
    remove: remove.ask,
  });

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
      {canWrite ? (
        <TaskBulkBar
          ids={selectedIds}
          onDone={() => setSelection({})}
          onExport={() => void download(selectedIds)}
        />
      ) : null}
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
      {running ? (
        <RunNowDialog open onOpenChange={(open) => !open && setRunning(null)} task={running} />
      ) : null}
      {remove.dialog}
    </ListPage>
  );
}
