import type { Metadata } from "next";

import { TokensPage } from "@/components/admin/tokens-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("admin.tokens.title") };
}

export default function Page() {
  return <TokensPage />;
}
