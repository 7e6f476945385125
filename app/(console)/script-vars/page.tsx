import type { Metadata } from "next";

import { ScriptVarsPage } from "@/components/admin/script-vars-page";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("admin.vars.title") };
}

/** `?task=<id>` opens the page on that task (links from a task's page). */
export default function Page() {
  return <ScriptVarsPage />;
}
