"use client";

import { TriangleAlertIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { useT } from "@/lib/i18n/client";
import { CopyButton } from "./copy-button";
import type { CreatedToken } from "./token-create-dialog";

/** The plain token, shown exactly once; closing discards it for good. */
export function TokenCreatedDialog({
  created,
  onClose,
}: {
  created: CreatedToken | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog open={created !== null} onOpenChange={(o) => !o && onClose()}>
      {created ? (
        // A click outside must not lose the only copy of the token.
        <DialogContent onInteractOutside={(e) => e.preventDefault()} data-token-created="">
          <DialogHeader>
            <DialogTitle>{t("admin.tokens.createdTitle")}</DialogTitle>
            <DialogDescription>{created.name}</DialogDescription>
          </DialogHeader>
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm"
          >
            <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>{t("admin.tokens.createdWarning")}</span>
          </div>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              data-testid="new-token"
              className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-xs break-all select-all"
            >
              {created.token}
            </code>
            <CopyButton value={created.token} />
          </div>
          <DialogFooter>
            <Button onClick={onClose}>{t("admin.tokens.done")}</Button>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
