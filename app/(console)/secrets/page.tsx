import type { Metadata } from "next";

import { SecretsPage } from "@/components/admin/secrets-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("admin.secrets.title") };
}

export default function Page() {
  return <SecretsPage />;
}
