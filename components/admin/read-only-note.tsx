"use client";

import { EyeIcon } from "lucide-react";

/** Tells a viewer why there are no create/edit/delete buttons. */
export function ReadOnlyNote({ children }: { children: React.ReactNode }) {
  return (
    <p className="flex items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
      <EyeIcon className="size-4 shrink-0" aria-hidden />
      {children}
    </p>
  );
}
