import type { Metadata } from "next";

import { TenantConfigsPage } from "@/components/admin/tenant-configs-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("admin.configs.title") };
}

export default function Page() {
  return <TenantConfigsPage />;
}
