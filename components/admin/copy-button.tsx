"use client";

import * as React from "react";
import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";
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

/**
 * A secret shown this once only (a new API token, a new member's password): the warning, the
 * value ready to select, and a copy button. `testId` names the value for tests.
 */
export function ShownOnce({ warning, value, testId }: { warning: string; value: string; testId: string }) {
  return (
    <div
      role="alert"
      className="flex flex-col gap-2 rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm"
    >
      <p className="flex items-start gap-2">
        <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
        {warning}
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 rounded-md border bg-background px-3 py-2 font-mono text-xs break-all select-all"
        >
          {value}
        </code>
        <CopyButton value={value} />
      </div>
    </div>
  );
}
