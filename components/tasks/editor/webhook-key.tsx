"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { EyeIcon, EyeOffIcon, RefreshCwIcon } from "lucide-react";
import { toast } from "sonner";

import { CopyButton } from "@/components/admin/copy-button";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { useErrorText } from "@/components/i18n/use-errors";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { SIGNATURE_HEADER } from "@/lib/webhook-signature";

/**
 * The webhook task's signing key: not even fetched until 显示 is clicked; then copy, rotate
 * (audited on the server).
 */
export function WebhookKey({ taskId }: { taskId: number | undefined }) {
  const t = useT();
  const say = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = React.useState(false);
  const [asking, setAsking] = React.useState(false);
  const key = useQuery({
    ...trpc.tasks.webhookKey.queryOptions({ id: taskId ?? 0 }),
    enabled: taskId !== undefined && shown,
  });
  const rotate = useMutation(trpc.tasks.rotateWebhookKey.mutationOptions());

  return (
    <div className="flex flex-col gap-2 rounded-md border p-3" data-testid="webhook-key">
      <p className="text-sm font-medium">{t("taskSettings.keyTitle")}</p>
      {taskId === undefined ? (
        <p className="text-xs text-muted-foreground">{t("taskSettings.keySaveFirst")}</p>
      ) : key.isError ? (
        <p className="text-xs text-destructive">{say(key.error)}</p>
      ) : (
        <>
          <p className="text-xs text-muted-foreground">
            {t("taskSettings.keyHint", { header: SIGNATURE_HEADER, format: "t=…,v1=…" })}
          </p>
          <code
            className="rounded bg-muted px-2 py-1 font-mono text-xs break-all"
            data-testid="webhook-key-value"
          >
            {!shown ? "•".repeat(32) : key.data ? key.data.key : t("common.loading")}
          </code>
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => setShown((s) => !s)}
              disabled={shown && !key.data}
            >
              {shown ? <EyeOffIcon aria-hidden /> : <EyeIcon aria-hidden />}
              {shown ? t("taskSettings.keyHide") : t("taskSettings.keyShow")}
            </Button>
            {shown && key.data ? <CopyButton value={key.data.key} label={t("taskSettings.keyCopy")} /> : null}
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => {
                rotate.reset();
                setAsking(true);
              }}
            >
              <RefreshCwIcon aria-hidden />
              {t("taskSettings.keyRotate")}
            </Button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={t("taskSettings.keyRotateTitle")}
        description={t("taskSettings.keyRotateBody")}
        confirmLabel={t("taskSettings.keyRotate")}
        pending={rotate.isPending}
        error={rotate.error ? say(rotate.error) : null}
        onConfirm={async () => {
          if (taskId === undefined) return;
          try {
            await rotate.mutateAsync({ id: taskId });
          } catch {
            return; // shown in the dialog
          }
          await queryClient.invalidateQueries(trpc.tasks.webhookKey.queryFilter({ id: taskId }));
          setShown(true);
          setAsking(false);
          toast.success(t("taskSettings.keyRotated"));
        }}
      />
    </div>
  );
}
