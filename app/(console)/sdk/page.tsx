import type { Metadata } from "next";

import { SdkPage } from "@/components/sdk/sdk-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("sdk.title") };
}

export default function Page() {
  return <SdkPage />;
}
