"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { duplicateInput, type TaskLike } from "./task-form";

/** Toggle, duplicate and delete (立即运行 is RunNowDialog), with their toasts; lists refresh after each. */
export function useTaskActions() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
  };
  const onError = (e: unknown) => toast.error(errorMessage(e, t));

  const toggle = useMutation(
    trpc.tasks.toggle.mutationOptions({
      onSuccess: (task) => {
        // The switch shows the new state at once, not after the list's refetch.
        queryClient.setQueriesData<{ items: { id: number }[] }>(
          { queryKey: trpc.tasks.list.pathKey() },
          (old) => (old ? { ...old, items: old.items.map((x) => (x.id === task.id ? task : x)) } : old),
        );
        toast.success(
          t(task.is_enabled ? "tasks.toast.enabled" : "tasks.toast.disabled", { name: task.task_name }),
        );
        refresh();
      },
      onError,
    }),
  );
  const create = useMutation(trpc.tasks.create.mutationOptions());
  const remove = useMutation(trpc.tasks.delete.mutationOptions());

  return {
    toggle: (id: number, enabled: boolean) => toggle.mutate({ id, is_enabled: enabled }),
    toggling: toggle.isPending ? toggle.variables?.id : undefined,
    duplicate: async (task: TaskLike) => {
      try {
        const copy = await create.mutateAsync(duplicateInput(task, t("tasks.copySuffix")));
        toast.success(t("tasks.toast.duplicated", { name: copy.task_name }));
        refresh();
        return copy;
      } catch (e) {
        onError(e);
        return undefined;
      }
    },
    remove: async (id: number, name: string) => {
      try {
        await remove.mutateAsync({ id });
        toast.success(t("tasks.toast.deleted", { name }));
        refresh();
        return true;
      } catch (e) {
        onError(e);
        return false;
      }
    },
  };
}
