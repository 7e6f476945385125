import { redirect } from "next/navigation";

/** /tasks/[id]/runs is the task page's runs tab. */
export default async function TaskRunsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/tasks/${encodeURIComponent(id)}?tab=runs`);
}
