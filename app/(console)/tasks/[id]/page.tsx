import { Suspense } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PageSkeleton } from "@/components/shell/shell-states";
import { TaskPage } from "@/components/tasks/task-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("tasks.editor.editTitle") };
}

export default async function TaskDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const taskId = Number(id);
  if (!Number.isSafeInteger(taskId) || taskId <= 0) notFound();
  return (
    <Suspense fallback={<PageSkeleton />}>
      <TaskPage id={taskId} />
    </Suspense>
  );
}
