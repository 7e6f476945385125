"use client";

import { Button } from "@/components/ui/button";
import { DialogFrame } from "@/components/forms";
import { Dialog } from "@/components/ui/dialog";
import { useT } from "@/lib/i18n/client";
import { ShownOnce } from "./copy-button";
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
        <DialogFrame
          onInteractOutside={(e) => e.preventDefault()}
          data-token-created=""
          title={t("admin.tokens.createdTitle")}
          description={created.name}
          footer={<Button onClick={onClose}>{t("admin.tokens.done")}</Button>}
        >
          <ShownOnce warning={t("admin.tokens.createdWarning")} value={created.token} testId="new-token" />
        </DialogFrame>
      ) : null}
    </Dialog>
  );
}
