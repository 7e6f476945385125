import type { Metadata } from "next";

import { OpsOverview } from "@/components/ops/ops-overview";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("ops.home.title") };
}

/** The console's home: 运维总览 (what ran today, what failed, what fires next). */
export default function OverviewPage() {
  return <OpsOverview />;
}
