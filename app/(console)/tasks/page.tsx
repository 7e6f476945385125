import type { Metadata } from "next";

import { TasksList } from "@/components/tasks/tasks-list";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("tasks.title") };
}

export default function TasksPage() {
  return <TasksList />;
}
