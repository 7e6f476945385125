import type { Metadata } from "next";

import { RunSearch } from "@/components/ops/run-search";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("ops.search.title") };
}

export default function RunSearchPage() {
  return <RunSearch />;
}
