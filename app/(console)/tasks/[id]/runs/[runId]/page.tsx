import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { RunDetail } from "@/components/runs/run-detail";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ runId: string }>;
}): Promise<Metadata> {
  const { t } = await getT();
  const { runId } = await params;
  return { title: t("runs.detail.title", { id: runId }) };
}

/** A run's detail; failure alerts link here (`${APP_URL}/tasks/<taskId>/runs/<logId>`). */
export default async function RunDetailPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  const taskId = Number(id);
  const logId = Number(runId);
  if (!Number.isSafeInteger(taskId) || taskId <= 0 || !Number.isSafeInteger(logId) || logId <= 0) notFound();
  return <RunDetail taskId={taskId} runId={logId} />;
}
