"use client";

import { CopyButton } from "@/components/admin/copy-button";
import { cn } from "@/lib/utils";

/** A code sample with a copy button in its corner. */
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
    <div className={cn("group relative min-w-0", className)}>
      <pre className="overflow-x-auto rounded-md border bg-muted/50 p-3 pr-12 font-mono text-xs leading-5">
        <code>{code}</code>
      </pre>
      <CopyButton
        value={code}
        label={copyLabel}
        size="icon-sm"
        variant="ghost"
        className="absolute top-1.5 right-1.5 bg-muted/90 backdrop-blur-sm"
      />
    </div>
  );
}
