import type { Metadata } from "next";

import { ChannelsPage } from "@/components/channels/channels-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("channels.title") };
}

export default function Page() {
  return <ChannelsPage />;
}
