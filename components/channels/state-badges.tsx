import { KeyRoundIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { useT } from "@/lib/i18n/client";

/** Whether a write-only secret (加签 secret, app Secret) is stored; the value is never shown. */
export function SecretSetBadge({ set }: { set: boolean }) {
  const t = useT();
  return set ? (
    <Badge variant="secondary">
      <KeyRoundIcon aria-hidden />
      {t("channels.signSet")}
    </Badge>
  ) : (
    <span className="text-xs text-muted-foreground">{t("channels.signUnset")}</span>
  );
}

/** 启用 in green, 停用 muted: a channel's or an app's switch as a list shows it. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const t = useT();
  return enabled ? (
    <Badge variant="success">{t("channels.enabled")}</Badge>
  ) : (
    <Badge variant="outline" className="text-muted-foreground">
      {t("channels.disabled")}
    </Badge>
  );
}
