import type { Metadata } from "next";

import { TenantsPage } from "@/components/admin/tenants-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("admin.tenants.title") };
}

export default function Page() {
  return <TenantsPage />;
}
