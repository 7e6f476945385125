"use client";

import * as React from "react";
import { CheckIcon, CopyIcon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

/** Copies `value` to the clipboard; the icon turns into a tick for a moment. */
export function CopyButton({
  value,
  label,
  size = "sm",
  variant = "outline",
  className,
}: {
  value: string;
  label?: string;
  size?: "sm" | "icon-sm";
  variant?: "outline" | "ghost" | "secondary";
  className?: string;
}) {
  const t = useT();
  const [copied, setCopied] = React.useState(false);

  async function copy() {
    try {
      await writeClipboard(value);
      setCopied(true);
      toast.success(t("common.copied"));
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error(t("sdk.copyFailed"));
    }
  }

  const text = label ?? t("common.copy");
  return (
    <Button
      type="button"
      size={size}
      variant={variant}
      onClick={copy}
      aria-label={text}
      className={className}
    >
      {copied ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
      {size === "icon-sm" ? null : copied ? t("common.copied") : text}
    </Button>
  );
}

/** navigator.clipboard needs a secure context; plain-http installs fall back to execCommand. */
async function writeClipboard(value: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(value);
    return;
  }
  const area = document.createElement("textarea");
  area.value = value;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}
