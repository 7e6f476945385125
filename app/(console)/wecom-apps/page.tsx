import type { Metadata } from "next";

import { WecomAppsPage } from "@/components/channels/wecom-apps-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("channels.wecomApps.title") };
}

export default function Page() {
  return <WecomAppsPage />;
}
