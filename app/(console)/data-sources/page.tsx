import type { Metadata } from "next";

import { DataSourcesPage } from "@/components/admin/data-sources-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("dataSources.title") };
}

export default function Page() {
  return <DataSourcesPage />;
}
