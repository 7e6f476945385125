"use client";

import { CopyButton } from "@/components/admin/copy-button";
import { cn } from "@/lib/utils";

/** A code sample with its copy button in a bar above it, never over the code. */
export function CodeBlock({
  code,
  copyLabel,
  className,
}: {
  code: string;
  copyLabel?: string;
  className?: string;
}) {
  return (
    <div className={cn("flex min-w-0 flex-col overflow-hidden rounded-md border bg-muted/50", className)}>
      <div className="flex justify-end border-b bg-muted/70 px-1 py-0.5">
        <CopyButton value={code} label={copyLabel} size="icon-sm" variant="ghost" />
      </div>
      <pre data-slot="code-block" className="overflow-x-auto p-3 font-mono text-xs leading-5">
        <code>{code}</code>
      </pre>
    </div>
  );
}
