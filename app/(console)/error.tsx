"use client";

import { ErrorPanel } from "@/components/shell/shell-states";
import { useT } from "@/lib/i18n/client";

/** A page of the console crashed while rendering; the shell around it keeps working. */
export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useT();
  return (
    <ErrorPanel
      message={error.digest ? `${t("common.errorGeneric")} (${error.digest})` : t("common.errorGeneric")}
      onRetry={reset}
    />
  );
}
