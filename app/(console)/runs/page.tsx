import type { Metadata } from "next";

import { RunsPage } from "@/components/runs/runs-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("runs.title") };
}

export default function Runs() {
  return <RunsPage />;
}
