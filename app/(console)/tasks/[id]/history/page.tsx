import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { ScriptHistory } from "@/components/ops/script-history";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("ops.controls.history") };
}

export default async function ScriptHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const taskId = Number(id);
  if (!Number.isSafeInteger(taskId) || taskId <= 0) notFound();
  return <ScriptHistory taskId={taskId} />;
}
