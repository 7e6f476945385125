import type { Metadata } from "next";

import { AuditPage } from "@/components/admin/audit-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("admin.audit.title") };
}

export default function Page() {
  return <AuditPage />;
}
