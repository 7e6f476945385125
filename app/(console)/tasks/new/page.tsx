import { Suspense } from "react";
import type { Metadata } from "next";

import { PageSkeleton } from "@/components/shell/shell-states";
import { TaskEditor } from "@/components/tasks/task-editor";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("tasks.editor.newTitle") };
}

export default function NewTaskPage() {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <TaskEditor />
    </Suspense>
  );
}
