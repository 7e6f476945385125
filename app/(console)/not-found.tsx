"use client";

import Link from "next/link";
import { SearchXIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useT } from "@/lib/i18n/client";

/** Shown inside the shell when a console page calls notFound() (e.g. a task id that is not visible). */
export default function ConsoleNotFound() {
  const t = useT();
  return (
    <EmptyState
      className="mt-8"
      icon={<SearchXIcon />}
      title={t("common.notFound")}
      description={t("common.notFoundHint")}
      action={
        <Button asChild variant="outline" size="sm">
          <Link href="/">{t("common.backHome")}</Link>
        </Button>
      }
    />
  );
}
