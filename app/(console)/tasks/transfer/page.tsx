import type { Metadata } from "next";

import { TaskTransfer } from "@/components/ops/task-transfer";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("ops.transfer.title") };
}

export default function TaskTransferPage() {
  return <TaskTransfer />;
}
