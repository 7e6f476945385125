"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  CalendarClockIcon,
  CopyIcon,
  HistoryIcon,
  MoreHorizontalIcon,
  PencilIcon,
  PlayIcon,
  PlusIcon,
  SearchIcon,
  Trash2Icon,
  XIcon,
} from "lucide-react";

import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { LIVE_POLL_MS } from "@/components/runs/runs-table";
import { TaskBulkBar } from "@/components/ops/task-bulk";
import { PageHeader } from "@/components/shell/page-header";
import { Checkbox } from "@/components/ui/checkbox";
import { useMe } from "@/components/shell/me-context";
import { ErrorPanel } from "@/components/shell/shell-states";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { DataPagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { describeSchedule } from "./describe-schedule";
import { FilterSelect } from "./filter-select";
import { formatDateTime, formatRelative } from "./format-time";
import { useTaskActions } from "./task-actions";
import { useDebounced, useNow } from "./use-now";

const PAGE_SIZE = 20;
// The tenant filter's value for global (tenant-less) tasks; the API takes "" for them.
const GLOBAL = "__global__";

type Filters = {
  tenant?: string;
  status?: "success" | "failed" | "running";
  type?: "script" | "webhook";
  enabled?: "true" | "false";
};

/** /tasks: search, filters, the task table with its row actions, pagination. */
export function TasksList() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { me, scope, canWrite } = useMe();
  const now = useNow();
  const actions = useTaskActions();
  const [keyword, setKeywordRaw] = React.useState("");
  const [filters, setFiltersRaw] = React.useState<Filters>({});
  const [page, setPage] = React.useState(1);
  const [deleting, setDeleting] = React.useState<{ id: number; name: string } | null>(null);
  const debouncedKeyword = useDebounced(keyword.trim(), 300);

  // Any new search or filter starts again at page 1.
  const setKeyword = (v: string) => {
    setKeywordRaw(v);
    setPage(1);
  };
  const setFilters = (update: Filters | ((f: Filters) => Filters)) => {
    setFiltersRaw(update);
    setPage(1);
  };

  const input = {
    page,
    page_size: PAGE_SIZE,
    keyword: debouncedKeyword || undefined,
    tenant_id: filters.tenant === GLOBAL ? "" : filters.tenant,
    last_run_status: filters.status,
    execution_type: filters.type,
    is_enabled: filters.enabled === undefined ? undefined : filters.enabled === "true",
  };
  // Tasks started with "run now" (id → when): the list refreshes until their run has finished.
  const [watched, setWatched] = React.useState<Record<number, number>>({});
  const list = useQuery({
    ...trpc.tasks.list.queryOptions(input),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => {
      const items = q.state.data?.items ?? [];
      const now = Date.now();
      const waiting = items.some((task) => {
        if (task.last_run_status === "running") return true;
        const since = watched[task.id];
        // Five seconds of slack for a browser clock ahead of the server's; give up after 2 minutes.
        if (!since || now - since > 120_000) return false;
        return !task.last_run_at || new Date(task.last_run_at).getTime() < since - 5000;
      });
      return waiting ? LIVE_POLL_MS : false;
    },
  });
  const filtered = !!(debouncedKeyword || Object.values(filters).some((v) => v !== undefined));
  const platformView = scope.type === "platform";

  const [selected, setSelected] = React.useState<number[]>([]);
  const newButton = canWrite ? (
    <Button asChild>
      <Link href="/tasks/new">
        <PlusIcon aria-hidden />
        {t("tasks.newTask")}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader title={t("tasks.title")} description={t("tasks.subtitle")} actions={newButton} />

      <div className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-center">
        <div className="relative lg:w-72">
          <SearchIcon
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden
          />
          <Input
            type="search"
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            placeholder={t("tasks.searchPlaceholder")}
            aria-label={t("common.search")}
            className="h-8 pl-8"
          />
        </div>
        <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
          {platformView && me.isPlatformAdmin ? (
            <FilterSelect
              label={t("tasks.filters.tenant")}
              allLabel={t("tasks.filters.allTenants")}
              value={filters.tenant}
              options={[
                { value: GLOBAL, label: t("tasks.filters.globalOnly") },
                ...me.tenants.map((x) => ({ value: x.tenantId, label: x.name })),
              ]}
              onChange={(v) => setFilters((f) => ({ ...f, tenant: v }))}
            />
          ) : null}
          <FilterSelect
            label={t("tasks.filters.lastStatus")}
            allLabel={t("tasks.filters.allStatuses")}
            value={filters.status}
            options={(["success", "failed", "running"] as const).map((s) => ({
              value: s,
              label: t(`tasks.status.${s}`),
            }))}
            onChange={(v) => setFilters((f) => ({ ...f, status: v as Filters["status"] }))}
          />
          <FilterSelect
            label={t("tasks.filters.executionType")}
            allLabel={t("tasks.filters.allTypes")}
            value={filters.type}
            options={(["script", "webhook"] as const).map((s) => ({
              value: s,
              label: t(`tasks.execution.${s}`),
            }))}
            onChange={(v) => setFilters((f) => ({ ...f, type: v as Filters["type"] }))}
          />
          <FilterSelect
            label={t("tasks.filters.enabled")}
            allLabel={t("tasks.filters.all")}
            value={filters.enabled}
            options={[
              { value: "true", label: t("tasks.filters.enabledOnly") },
              { value: "false", label: t("tasks.filters.disabledOnly") },
            ]}
            onChange={(v) => setFilters((f) => ({ ...f, enabled: v as Filters["enabled"] }))}
          />
          {filtered ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setKeyword("");
                setFilters({});
              }}
            >
              <XIcon aria-hidden />
              {t("tasks.filters.clear")}
            </Button>
          ) : null}
        </div>
      </div>

      {list.isPending ? (
        <div className="flex flex-col gap-2" role="status" aria-label={t("common.loading")}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <ErrorPanel message={errorMessage(list.error, t)} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchIcon />}
            title={t("tasks.noMatchTitle")}
            description={t("tasks.noMatchHint")}
          />
        ) : (
          <EmptyState
            icon={<CalendarClockIcon />}
            title={t("tasks.emptyTitle")}
            description={t("tasks.emptyHint")}
            action={newButton}
          />
        )
      ) : (
        <>
          {canWrite ? <TaskBulkBar ids={selected} onDone={() => setSelected([])} /> : null}
          <div className="rounded-lg border">
            <Table data-slot="tasks-table">
              <TableHeader>
                <TableRow>
                  {canWrite ? (
                    <TableHead className="w-8">
                      <Checkbox
                        aria-label={t("kit.selectAll")}
                        checked={
                          list.data.items.length > 0 && list.data.items.every((x) => selected.includes(x.id))
                        }
                        onCheckedChange={(v) => setSelected(v ? list.data.items.map((x) => x.id) : [])}
                      />
                    </TableHead>
                  ) : null}
                  <TableHead>{t("tasks.columns.name")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("tasks.columns.schedule")}</TableHead>
                  <TableHead className="hidden lg:table-cell">{t("tasks.columns.nextRun")}</TableHead>
                  <TableHead>{t("tasks.columns.lastRun")}</TableHead>
                  <TableHead className="w-12">{t("tasks.columns.enabled")}</TableHead>
                  <TableHead className="w-12">
                    <span className="sr-only">{t("common.actions")}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.items.map((task) => (
                  <TableRow key={task.id} data-task-id={task.id}>
                    {canWrite ? (
                      <TableCell className="w-8">
                        <Checkbox
                          aria-label={task.task_name}
                          checked={selected.includes(task.id)}
                          onCheckedChange={(v) =>
                            setSelected((cur) => (v ? [...cur, task.id] : cur.filter((x) => x !== task.id)))
                          }
                        />
                      </TableCell>
                    ) : null}
                    <TableCell className="max-w-64 min-w-40 whitespace-normal">
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
                    </TableCell>
                    <TableCell className="hidden max-w-72 whitespace-normal md:table-cell">
                      <span className="text-sm">{describeSchedule(task, locale)}</span>
                      {task.timezone !== "Asia/Shanghai" ? (
                        <span className="block text-xs text-muted-foreground">{task.timezone}</span>
                      ) : null}
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap lg:table-cell">
                      {task.is_enabled && task.next_run_at ? (
                        <div className="flex flex-col">
                          <span className="tabular-nums">
                            {formatDateTime(task.next_run_at, task.timezone)}
                          </span>
                          <span className="text-xs text-muted-foreground">
                            {formatRelative(task.next_run_at, now, locale)}
                          </span>
                        </div>
                      ) : (
                        <span className="text-muted-foreground">{t("tasks.notScheduled")}</span>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
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
                    </TableCell>
                    <TableCell>
                      <Switch
                        checked={task.is_enabled}
                        disabled={!canWrite || actions.toggling === task.id}
                        onCheckedChange={(v) => actions.toggle(task.id, v)}
                        aria-label={t("tasks.toggleLabel", { name: task.task_name })}
                      />
                    </TableCell>
                    <TableCell>
                      <DropdownMenu>
                        <DropdownMenuTrigger asChild>
                          <Button
                            variant="ghost"
                            size="icon-sm"
                            aria-label={`${t("tasks.actions.more")}: ${task.task_name}`}
                          >
                            <MoreHorizontalIcon />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end">
                          {canWrite ? (
                            <DropdownMenuItem
                              disabled={actions.running === task.id}
                              onSelect={() => {
                                setWatched((w) => ({ ...w, [task.id]: Date.now() }));
                                void actions.run(task.id);
                              }}
                            >
                              <PlayIcon aria-hidden />
                              {t("tasks.actions.runNow")}
                            </DropdownMenuItem>
                          ) : null}
                          <DropdownMenuItem asChild>
                            <Link href={`/tasks/${task.id}`}>
                              <PencilIcon aria-hidden />
                              {t("tasks.actions.edit")}
                            </Link>
                          </DropdownMenuItem>
                          <DropdownMenuItem asChild>
                            <Link href={`/tasks/${task.id}?tab=runs`}>
                              <HistoryIcon aria-hidden />
                              {t("tasks.actions.logs")}
                            </Link>
                          </DropdownMenuItem>
                          {canWrite ? (
                            <>
                              <DropdownMenuItem onSelect={() => void actions.duplicate(task)}>
                                <CopyIcon aria-hidden />
                                {t("tasks.actions.duplicate")}
                              </DropdownMenuItem>
                              <DropdownMenuSeparator />
                              <DropdownMenuItem
                                variant="destructive"
                                onSelect={() => setDeleting({ id: task.id, name: task.task_name })}
                              >
                                <Trash2Icon aria-hidden />
                                {t("tasks.actions.delete")}
                              </DropdownMenuItem>
                            </>
                          ) : null}
                        </DropdownMenuContent>
                      </DropdownMenu>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <DataPagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPageChange={setPage} />
        </>
      )}

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("tasks.deleteTitle", { name: deleting?.name ?? "" })}</AlertDialogTitle>
            <AlertDialogDescription>{t("tasks.deleteDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("common.cancel")}</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                if (deleting) void actions.remove(deleting.id, deleting.name);
                setDeleting(null);
              }}
            >
              {t("common.delete")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
