"use client";

import { ClockIcon } from "lucide-react";

import { DISPLAY_TIME_ZONE } from "@/lib/display-time";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";

/** "时间：北京时间 (Asia/Shanghai)": says which zone the page's times are in. */
export function TimeZoneNote({ className }: { className?: string }) {
  const t = useT();
  return (
    <span
      className={cn("inline-flex items-center gap-1 text-xs text-muted-foreground", className)}
      data-slot="time-zone-note"
    >
      <ClockIcon className="size-3.5" aria-hidden />
      {t("ops.time.note", { zone: DISPLAY_TIME_ZONE })}
    </span>
  );
}
