"use client";

import * as React from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

import { useTheme } from "@/components/theme/theme-provider";
import { useT } from "@/lib/i18n/client";

/** App-wide toasts; `import { toast } from "sonner"` anywhere to show one. */
function Toaster(props: ToasterProps) {
  const { theme } = useTheme();
  const t = useT();
  return (
    <Sonner
      theme={theme}
      className="toaster group"
      // Bottom: the header (tenant switcher, user menu) stays clickable while a toast shows.
      position="bottom-right"
      closeButton
      containerAriaLabel={t("common.notifications")}
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}

export { Toaster };
