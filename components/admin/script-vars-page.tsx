"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { parseAsInteger, useQueryState } from "nuqs";
import { VariableIcon } from "lucide-react";

import { ListToolbar, TablePage, useCrudList } from "@/components/data-table";
import { pageParams } from "@/components/data-table/use-list-state";
import { useErrorText } from "@/components/i18n/use-errors";
import { useMe } from "@/components/shell/me-context";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { updatedColumn } from "./updated-column";
import { ScriptVarFormDialog } from "./script-var-form-dialog";
import type { ScriptVarRow } from "./types";

/** No task chosen yet: nothing loads, the table shows the hint to pick one. */
const IDLE = { isPending: false, isError: false, error: null, refetch: () => undefined };

/** /script-vars?task=<id>: pick a task, then see, edit (as JSON) or delete the values its script keeps. */
export function ScriptVarsPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite } = useMe();
  const [taskId, setTaskId] = useQueryState("task", parseAsInteger.withOptions({ history: "push" }));
  const { list, table, dialog, remove, menu } = useCrudList({
    query: (list) => ({
      ...trpc.scriptVars.list.queryOptions({ ...pageParams(list), task_id: taskId ?? 0 }),
      enabled: taskId !== null,
    }),
    words: "admin.vars",
    vars: (v) => ({ key: v.key }),
    remove: {
      mutation: trpc.scriptVars.delete.mutationOptions(),
      variables: (v: ScriptVarRow) => ({ task_id: taskId ?? 0, key: v.key }),
      invalidate: trpc.scriptVars.pathFilter(),
    },
    canWrite,
    name: (v) => v.key,
  });

  const columns: ColumnDef<ScriptVarRow, unknown>[] = [
    {
      id: "key",
      accessorKey: "key",
      header: t("admin.vars.key"),
      enableSorting: true,
      enableHiding: false,
      meta: { label: t("admin.vars.key"), className: "max-w-[12rem]" },
      cell: ({ row }) => <code className="block truncate font-mono font-medium">{row.original.key}</code>,
    },
    {
      id: "value",
      header: t("admin.vars.value"),
      meta: { label: t("admin.vars.value"), className: "max-w-[10rem] sm:max-w-[28rem]" },
      cell: ({ row }) => {
        const text = JSON.stringify(row.original.value);
        return (
          <code className="block truncate font-mono text-xs" title={text}>
            {text}
          </code>
        );
      },
    },
    updatedColumn<ScriptVarRow>(t("admin.updatedAt"), locale),
    ...menu,
  ];

  return (
    <TablePage
      {...table}
      {...(taskId === null ? { onCreate: undefined, rows: [], total: 0, query: IDLE } : {})}
      words="admin.vars"
      icon={<VariableIcon />}
      readOnly={canWrite ? null : t("admin.readOnly")}
      id="script-vars"
      columns={columns}
      getRowId={(v) => v.key}
      empty={taskId === null ? { icon: <VariableIcon />, title: t("admin.vars.pickHint") } : undefined}
      toolbar={
        <div className="flex flex-col gap-3">
          <TaskPicker
            value={taskId}
            onChange={(id) => {
              list.clear();
              void setTaskId(id);
            }}
          />
          {taskId !== null ? <ListToolbar list={list} search={t("admin.vars.search")} /> : null}
        </div>
      }
    >
      {taskId !== null ? <ScriptVarFormDialog dialog={dialog} taskId={taskId} /> : null}
      {remove.dialog}
    </TablePage>
  );
}

/** The task whose variables are listed (its id lives in the URL as `task`). */
function TaskPicker({ value, onChange }: { value: number | null; onChange: (id: number) => void }) {
  const t = useT();
  const say = useErrorText();
  const trpc = useTRPC();
  const tasks = useQuery(trpc.tasks.list.queryOptions({ page: 1, page_size: 100 }));
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor="script-vars-task">{t("admin.vars.pickTask")}</Label>
      {tasks.isPending ? (
        <Skeleton className="h-9 w-full max-w-md" />
      ) : tasks.isError ? (
        <p className="text-sm text-destructive">{say(tasks.error)}</p>
      ) : tasks.data.items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("admin.vars.noTasks")}</p>
      ) : (
        <Select value={value === null ? undefined : String(value)} onValueChange={(v) => onChange(Number(v))}>
          <SelectTrigger id="script-vars-task" className="w-full max-w-md">
            <SelectValue placeholder={t("admin.vars.pickTaskPlaceholder")} />
          </SelectTrigger>
          <SelectContent className="max-h-80">
            {tasks.data.items.map((task) => (
              <SelectItem key={task.id} value={String(task.id)}>
                <span className="text-muted-foreground">#{task.id}</span>
                <span className="truncate">{task.task_name}</span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    </div>
  );
}
