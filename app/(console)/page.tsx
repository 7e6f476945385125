import type { Metadata } from "next";

import { OpsOverview } from "@/components/ops/ops-overview";
import { Overview } from "@/components/overview/overview";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("ops.home.title") };
}

/**
 * The console's home: 运维总览 first (what ran today, what failed, what fires next), then the
 * account, the current scope and the way to every section.
 */
export default function OverviewPage() {
  return (
    <div className="flex flex-col gap-10">
      <OpsOverview />
      <Overview />
    </div>
  );
}
