"use client";

import { Badge } from "@/components/ui/badge";
import type { ChannelType } from "@/lib/schemas/channel";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";

// DingTalk blue, WeCom green: the colours operators know from the two apps.
const COLORS: Record<ChannelType, string> = {
  dingtalk_bot: "border-sky-500/30 bg-sky-500/10 text-sky-700 dark:text-sky-300",
  wecom_bot: "border-emerald-500/30 bg-emerald-500/10 text-emerald-700 dark:text-emerald-300",
};

export function ChannelTypeBadge({ type, className }: { type: ChannelType; className?: string }) {
  const t = useT();
  return (
    <Badge variant="outline" className={cn(COLORS[type], className)}>
      {t(`channels.types.${type}`)}
    </Badge>
  );
}
