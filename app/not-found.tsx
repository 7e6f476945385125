import Link from "next/link";
import { SearchXIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getT } from "@/lib/i18n/server";

/** Any address that matches no route. */
export default async function NotFound() {
  const { t } = await getT();
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 p-4">
      <EmptyState
        className="w-full max-w-md bg-background"
        icon={<SearchXIcon />}
        title={t("common.notFound")}
        description={t("common.notFoundHint")}
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/">{t("common.backHome")}</Link>
          </Button>
        }
      />
    </main>
  );
}
