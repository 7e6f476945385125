"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Loader2Icon, PlayIcon } from "lucide-react";

import { DialogFrame } from "@/components/forms";
import { useErrorText } from "@/components/i18n/use-errors";
import { parseParams } from "@/components/tasks/task-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";

/**
 * 立即运行 with parameters: prefilled with the task's saved input_params, checked as a JSON
 * object, run once with them (the task keeps its own). With unsaved edits it first asks whether
 * to save; then it opens the new run, where its output streams and it can be stopped. Mount it
 * only while open: each opening starts from the task's saved parameters. The tasks list opens it
 * too (a row has no unsaved edits).
 */
export function RunNowDialog({
  open,
  onOpenChange,
  task,
  dirty = false,
  save,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  task: { id: number; task_name: string; input_params: unknown };
  dirty?: boolean;
  /** Saves the editor; resolves true when saved (asked only when `dirty`). */
  save?: () => Promise<boolean>;
}) {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [askSave, setAskSave] = React.useState(dirty);
  const [text, setText] = React.useState(() => JSON.stringify(task.input_params ?? {}, null, 2));
  const [error, setError] = React.useState<string | null>(null);
  const [saving, setSaving] = React.useState(false);
  const run = useMutation(trpc.tasks.run.mutationOptions());

  const submit = () => {
    const params = parseParams(text);
    if (params === null) return setError(t("ops.runNow.invalidJson"));
    run.mutate(
      { id: task.id, input_params: params },
      {
        onSuccess: async (res) => {
          toast.success(t("ops.runNow.started"));
          onOpenChange(false);
          await queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
          router.push(`/tasks/${task.id}/runs/${String(res.log_id)}`);
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {askSave ? (
        <DialogFrame
          data-slot="run-now-dialog"
          title={t("ops.runNow.unsavedTitle")}
          description={t("ops.runNow.unsavedBody")}
          footer={
            <>
              <Button variant="outline" onClick={() => setAskSave(false)}>
                {t("ops.runNow.runSaved")}
              </Button>
              <Button
                disabled={saving}
                onClick={async () => {
                  setSaving(true);
                  const ok = await (save?.() ?? Promise.resolve(true)).finally(() => setSaving(false));
                  if (ok) setAskSave(false);
                }}
              >
                {saving ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                {t("ops.runNow.saveFirst")}
              </Button>
            </>
          }
        />
      ) : (
        <DialogFrame
          data-slot="run-now-dialog"
          title={t("ops.runNow.title", { name: task.task_name })}
          description={t("ops.runNow.description")}
          footer={
            <Button type="submit" form="run-now-form" disabled={run.isPending}>
              {run.isPending ? (
                <Loader2Icon className="animate-spin" aria-hidden />
              ) : (
                <PlayIcon aria-hidden />
              )}
              {t("ops.runNow.submit")}
            </Button>
          }
        >
          <form
            id="run-now-form"
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Label htmlFor="run-now-params">{t("ops.runNow.params")}</Label>
            <Textarea
              id="run-now-params"
              className="min-h-40 font-mono text-xs"
              value={text}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </form>
        </DialogFrame>
      )}
    </Dialog>
  );
}
