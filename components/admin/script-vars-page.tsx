"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PencilIcon, PlusIcon, Trash2Icon, VariableIcon } from "lucide-react";
import { toast } from "sonner";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { ReadOnlyNote } from "./read-only-note";
import { RowActions } from "@/components/data-table/row-actions";
import { ScriptVarFormDialog } from "./script-var-form-dialog";
import type { ScriptVarRow } from "./types";

/** /script-vars: pick a task, then see, edit (as JSON) or delete the values its script keeps. */
export function ScriptVarsPage({ initialTaskId }: { initialTaskId?: number }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite } = useMe();
  const [taskId, setTaskId] = React.useState<number | undefined>(initialTaskId);
  const tasks = useQuery(trpc.tasks.list.queryOptions({ page: 1, page_size: 100 }));
  const vars = useQuery({
    ...trpc.scriptVars.list.queryOptions({ task_id: taskId ?? 0 }),
    enabled: taskId !== undefined,
  });
  const [editing, setEditing] = React.useState<{ variable: ScriptVarRow | null } | null>(null);
  const [deleting, setDeleting] = React.useState<ScriptVarRow | null>(null);
  const remove = useMutation(
    trpc.scriptVars.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.scriptVars.pathFilter());
        toast.success(t("admin.vars.removed", { key: deleting?.key ?? "" }));
        setDeleting(null);
      },
    }),
  );

  function pickTask(value: string) {
    const id = Number(value);
    setTaskId(id);
    // Keep the choice in the address so a reload or a shared link shows the same task.
    window.history.replaceState(null, "", `?task=${id}`);
  }

  const createButton =
    canWrite && taskId !== undefined ? (
      <Button onClick={() => setEditing({ variable: null })}>
        <PlusIcon aria-hidden />
        {t("admin.vars.create")}
      </Button>
    ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("admin.vars.title")}
        description={t("admin.vars.description")}
        actions={createButton}
      />
      {!canWrite ? <ReadOnlyNote>{t("admin.readOnly")}</ReadOnlyNote> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor="script-vars-task">{t("admin.vars.pickTask")}</Label>
        {tasks.isPending ? (
          <Skeleton className="h-9 w-full max-w-md" />
        ) : tasks.isError ? (
          <p className="text-sm text-destructive">{errorMessage(tasks.error, t)}</p>
        ) : tasks.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("admin.vars.noTasks")}</p>
        ) : (
          <Select value={taskId === undefined ? undefined : String(taskId)} onValueChange={pickTask}>
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

      {taskId === undefined ? (
        <EmptyState icon={<VariableIcon />} title={t("admin.vars.pickHint")} />
      ) : (
        <ListStates
          query={vars}
          isEmpty={vars.data?.length === 0}
          empty={{
            icon: <VariableIcon />,
            title: t("admin.vars.emptyTitle"),
            description: t("admin.vars.emptyHint"),
            action: createButton,
          }}
        >
          <ul className="flex flex-col gap-3">
            {vars.data?.map((v) => (
              <li key={v.key} className="rounded-lg border">
                <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
                  <code className="truncate font-mono text-sm font-medium">{v.key}</code>
                  <div className="flex shrink-0 items-center gap-2">
                    <span className="hidden text-xs text-muted-foreground sm:inline">
                      {t("admin.updatedAt")} {formatDateTime(v.updated_at, locale)}
                    </span>
                    {canWrite ? (
                      <RowActions
                        label={`${t("common.actions")} ${v.key}`}
                        actions={[
                          {
                            label: t("common.edit"),
                            icon: <PencilIcon aria-hidden />,
                            onSelect: () => setEditing({ variable: v }),
                          },
                          {
                            label: t("common.delete"),
                            icon: <Trash2Icon aria-hidden />,
                            destructive: true,
                            onSelect: () => {
                              remove.reset();
                              setDeleting(v);
                            },
                          },
                        ]}
                      />
                    ) : null}
                  </div>
                </div>
                <pre className="max-h-64 overflow-auto px-3 py-2 font-mono text-xs leading-5">
                  {JSON.stringify(v.value, null, 2)}
                </pre>
              </li>
            ))}
          </ul>
        </ListStates>
      )}

      {taskId !== undefined ? (
        <ScriptVarFormDialog
          open={editing !== null}
          onOpenChange={(o) => !o && setEditing(null)}
          taskId={taskId}
          variable={editing?.variable ?? null}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("admin.vars.removeTitle", { key: deleting?.key ?? "" })}
        description={t("admin.vars.removeHint", { key: deleting?.key ?? "" })}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() =>
          deleting && taskId !== undefined && remove.mutate({ task_id: taskId, key: deleting.key })
        }
      />
    </div>
  );
}
