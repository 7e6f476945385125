"use client";

import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { useErrorText } from "@/components/i18n/use-errors";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";

/**
 * Downloads tasks as an export file (JSON, the import's format): the given ids (one row, the
 * selection) or, without ids, every task of the scope. Says how many in a toast.
 */
export function useTaskExport() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  return async (ids?: number[], name = "tasks") => {
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.ops.exportTasks.queryOptions(ids ? { ids } : {}),
        staleTime: 0,
      });
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = `${name}-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      URL.revokeObjectURL(url);
      toast.success(t("ops.transfer.exported", { count: file.tasks.length }));
    } catch (err) {
      toast.error(errorText(err));
    }
  };
}
