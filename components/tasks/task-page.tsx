"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { SearchXIcon } from "lucide-react";

import { ErrorPanel, PageSkeleton } from "@/components/shell/shell-states";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useT } from "@/lib/i18n/client";
import { errorCode, errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { TaskEditor } from "./task-editor";

/** /tasks/[id]: loads the task, then the editor (read-only for viewers). */
export function TaskPage({ id }: { id: number }) {
  const t = useT();
  const trpc = useTRPC();
  const task = useQuery({
    ...trpc.tasks.get.queryOptions({ id }),
    retry: (n, e) => errorCode(e) !== "NOT_FOUND" && n < 2,
  });
  if (task.isPending) return <PageSkeleton />;
  if (task.isError) {
    if (errorCode(task.error) === "NOT_FOUND") {
      return (
        <EmptyState
          className="mt-8"
          icon={<SearchXIcon />}
          title={t("common.notFound")}
          description={t("common.notFoundHint")}
          action={
            <Button asChild variant="outline" size="sm">
              <Link href="/tasks">{t("tasks.editor.back")}</Link>
            </Button>
          }
        />
      );
    }
    return (
      <ErrorPanel
        title={t("tasks.editor.loadFailed")}
        message={errorMessage(task.error, t)}
        onRetry={() => void task.refetch()}
      />
    );
  }
  return <TaskEditor key={task.data.id} task={task.data} />;
}
