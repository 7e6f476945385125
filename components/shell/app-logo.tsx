import { Clock3Icon } from "lucide-react";

import { cn } from "@/lib/utils";
import { createT, type Locale } from "@/lib/i18n";

/** Mark + product name. Server-safe: takes the locale instead of reading context. */
export function AppLogo({
  locale = "zh",
  collapsed = false,
  className,
}: {
  locale?: Locale;
  collapsed?: boolean;
  className?: string;
}) {
  const t = createT(locale);
  return (
    <span className={cn("flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <Clock3Icon className="size-4" aria-hidden />
      </span>
      {collapsed ? (
        <span className="sr-only">{t("common.appName")}</span>
      ) : (
        <span className="truncate">{t("common.appName")}</span>
      )}
    </span>
  );
}
