import type { Metadata } from "next";

import { Overview } from "@/components/overview/overview";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("overview.title") };
}

export default function OverviewPage() {
  return <Overview />;
}
