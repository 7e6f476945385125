"use client";

import { ShieldOffIcon } from "lucide-react";

import { EmptyState } from "@/components/ui/empty-state";
import { useT } from "@/lib/i18n/client";

/** A platform-only page opened by someone else: a 403 state, not a broken page. */
export function ForbiddenState() {
  const t = useT();
  return (
    <EmptyState
      icon={<ShieldOffIcon />}
      title={t("admin.forbiddenTitle")}
      description={t("admin.forbiddenHint")}
    />
  );
}
