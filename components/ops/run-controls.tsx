"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { RotateCcwIcon, SendIcon, SquareIcon } from "lucide-react";

import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { useErrorText } from "@/components/i18n/use-errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useLocale, useT } from "@/lib/i18n/client";
import { storedText, triggeredByText } from "@/components/i18n/run-words";
import { useTRPC } from "@/components/trpc/react";

type RunLike = {
  id: number | string | bigint;
  task_id: number;
  task_name?: string | null;
  status: string | null;
  result?: unknown;
  deliveries?: unknown;
  params?: unknown;
  triggered_by?: string | null;
  alert?: unknown;
};

type Delivery = { ok?: boolean; skipped?: boolean };

/** Stop a running run, run it again with its parameters, push failed deliveries again. */
export function RunControls({ run, canWrite }: { run: RunLike; canWrite: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [confirm, setConfirm] = React.useState<"cancel" | "repush" | "rerun" | null>(null);
  const id = Number(run.id);
  const refresh = () => queryClient.invalidateQueries(trpc.runs.pathFilter());
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  const repush = useMutation(trpc.ops.repush.mutationOptions());
  const rerun = useMutation(trpc.ops.rerun.mutationOptions());
  const deliveries = (Array.isArray(run.deliveries) ? run.deliveries : []) as Delivery[];
  const canRepush =
    run.status !== "running" && run.result != null && deliveries.some((d) => !d.ok && !d.skipped);
  if (!canWrite) return null;

  return (
    <div className="flex flex-wrap gap-2" data-slot="run-controls">
      {run.status === "running" ? (
        <Button variant="destructive" size="sm" onClick={() => setConfirm("cancel")}>
          <SquareIcon aria-hidden />
          {t("ops.controls.cancel")}
        </Button>
      ) : null}
      {canRepush ? (
        <Button variant="outline" size="sm" onClick={() => setConfirm("repush")}>
          <SendIcon aria-hidden />
          {t("ops.controls.repush")}
        </Button>
      ) : null}
      {/* Running the script again pushes to the task's groups again: ask first. */}
      <Button variant="outline" size="sm" disabled={rerun.isPending} onClick={() => setConfirm("rerun")}>
        <RotateCcwIcon aria-hidden />
        {t("ops.controls.rerun")}
      </Button>
      <Button asChild variant="ghost" size="sm">
        <Link href={`/tasks/${run.task_id}/history`}>{t("ops.controls.history")}</Link>
      </Button>
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={
          confirm === "rerun"
            ? t("ops.controls.rerunTitle", { name: run.task_name ?? `#${run.task_id}` })
            : confirm === "cancel"
              ? t("ops.controls.cancelTitle")
              : t("ops.controls.repushTitle")
        }
        description={t(`ops.controls.${confirm ?? "cancel"}Body`)}
        confirmLabel={t(`ops.controls.${confirm ?? "cancel"}`)}
        pending={cancel.isPending || repush.isPending || rerun.isPending}
        onConfirm={() => {
          const done = (message: string) => {
            toast.success(message);
            setConfirm(null);
            void refresh();
          };
          const failed = (err: unknown) => toast.error(errorText(err));
          if (confirm === "cancel")
            cancel.mutate({ id }, { onSuccess: () => done(t("ops.controls.cancelled")), onError: failed });
          else if (confirm === "repush")
            repush.mutate({ id }, { onSuccess: () => done(t("ops.controls.repushDone")), onError: failed });
          else
            rerun.mutate(
              { id },
              {
                onSuccess: (out) => {
                  done(t("ops.controls.rerunDone"));
                  router.push(`/tasks/${out.task_id}/runs/${out.log_id}`);
                },
                onError: failed,
              },
            );
        }}
      />
    </div>
  );
}

type AlertTarget = { name?: string; ok?: boolean; errmsg?: string };
type AlertRecord = {
  kind?: string;
  consecutive_failures?: number;
  threshold?: number;
  targets?: AlertTarget[];
};

/** The run's parameters, who started it, and whether and where its alert went. */
export function RunFacts({ run }: { run: RunLike }) {
  const t = useT();
  const locale = useLocale();
  const alert = (run.alert ?? null) as AlertRecord | null;
  const params = run.params && typeof run.params === "object" ? run.params : null;
  const count = alert?.consecutive_failures ?? 0;
  const alertText = !alert
    ? t("ops.controls.alertNone")
    : alert.kind === "failure"
      ? t("ops.controls.alertFailure", { count })
      : alert.kind === "recovery"
        ? t("ops.controls.alertRecovery")
        : alert.kind === "not_yet"
          ? t("ops.controls.alertNotYet", { count, threshold: alert.threshold ?? 1 })
          : alert.kind === "already_open"
            ? t("ops.controls.alertAlreadyOpen", { count })
            : t("ops.controls.alertNoTarget");
  return (
    <Card data-slot="run-facts">
      <CardHeader>
        <CardTitle>{t("ops.controls.params")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
          {params && Object.keys(params).length
            ? JSON.stringify(params, null, 2)
            : t("ops.controls.noParams")}
        </pre>
        <p>
          <span className="text-muted-foreground">{t("ops.controls.triggeredBy")}：</span>
          {triggeredByText(run.triggered_by, locale)}
        </p>
        <div data-slot="run-alert">
          <span className="text-muted-foreground">{t("ops.controls.alert")}：</span>
          {alertText}
          {alert?.targets?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {alert.targets.map((target, i) => (
                <li key={i} className={target.ok ? "text-success" : "text-destructive"}>
                  {t("ops.controls.alertSentTo", {
                    name: target.name ?? "?",
                    result: target.ok
                      ? t("ops.controls.alertOk")
                      : `${t("ops.controls.alertFailed")} ${storedText(target.errmsg, locale)}`,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
