"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ArrowRightLeftIcon, CheckCircle2Icon, DownloadIcon, XCircleIcon } from "lucide-react";

import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { DialogFrame } from "@/components/forms";
import { reasonText } from "@/components/i18n/errors";
import { useErrorText } from "@/components/i18n/use-errors";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { useT } from "@/lib/i18n/client";
import { BULK_ACTIONS } from "@/lib/schemas/ops";
import { useTRPC } from "@/components/trpc/react";
import type { BulkRowResult } from "@/server/ops/task-bulk";

type Action = (typeof BULK_ACTIONS)[number];
type Report = BulkRowResult[];

const LABEL: Record<Action, "enable" | "disable" | "run" | "delete" | "setChannels"> = {
  enable: "enable",
  disable: "disable",
  run: "run",
  delete: "delete",
  set_channels: "setChannels",
};

/**
 * Bulk actions on the selected tasks: enable, disable, run now, delete, set channels. Each asks
 * for confirmation, then reports per task what happened.
 */
export function TaskBulkBar({
  ids,
  onDone,
  onExport,
}: {
  ids: number[];
  onDone: () => void;
  /** 导出所选: downloads the selected tasks (no confirmation: it changes nothing). */
  onExport: () => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [action, setAction] = React.useState<Action | null>(null);
  const [channels, setChannels] = React.useState<number[]>([]);
  const [report, setReport] = React.useState<{ action: Action; rows: Report } | null>(null);
  const bulk = useMutation(trpc.ops.bulkTasks.mutationOptions());
  const channelList = useQuery({
    ...trpc.channels.list.queryOptions({ page: 1, page_size: 100 }),
    enabled: action === "set_channels",
  });

  const actionLabel = (a: Action) => t(`ops.bulk.${LABEL[a]}`);
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/40 p-2" data-slot="bulk-bar">
      <span className="text-sm font-medium">{t("ops.bulk.selected", { count: ids.length })}</span>
      {BULK_ACTIONS.map((a) => (
        <Button
          key={a}
          size="sm"
          variant={a === "delete" ? "destructive" : "outline"}
          disabled={ids.length === 0}
          onClick={() => setAction(a)}
        >
          {actionLabel(a)}
        </Button>
      ))}
      <Button size="sm" variant="outline" disabled={ids.length === 0} onClick={onExport}>
        <DownloadIcon aria-hidden />
        {t("ops.bulk.export")}
      </Button>
      <Button asChild size="sm" variant="ghost" className="ml-auto">
        <Link href="/tasks/transfer">
          <ArrowRightLeftIcon aria-hidden />
          {t("ops.nav.transfer")}
        </Link>
      </Button>
      <ConfirmDialog
        open={action !== null}
        onOpenChange={(open) => !open && setAction(null)}
        title={action ? t("ops.bulk.confirmTitle", { count: ids.length, action: actionLabel(action) }) : ""}
        description={
          <span className="flex flex-col gap-3">
            <span>{t("ops.bulk.confirmBody")}</span>
            {action === "set_channels" ? (
              <span className="flex flex-col gap-1">
                <span className="font-medium text-foreground">{t("ops.bulk.channels")}</span>
                {(channelList.data?.items ?? []).map((c) => (
                  <label key={c.id} className="flex items-center gap-2">
                    <Checkbox
                      checked={channels.includes(c.id)}
                      onCheckedChange={(v) =>
                        setChannels((cur) => (v ? [...cur, c.id] : cur.filter((x) => x !== c.id)))
                      }
                    />
                    {c.channel_name}
                  </label>
                ))}
                {channels.length === 0 ? <span>{t("ops.bulk.noChannels")}</span> : null}
              </span>
            ) : null}
          </span>
        }
        confirmLabel={t("ops.bulk.confirm")}
        pending={bulk.isPending}
        onConfirm={() =>
          action &&
          bulk.mutate(
            { ids, action, ...(action === "set_channels" ? { channel_ids: channels } : {}) },
            {
              onSuccess: async (rows) => {
                setAction(null);
                setReport({ action, rows });
                const ok = rows.filter((r) => r.ok).length;
                toast.success(t("ops.bulk.done", { ok, failed: rows.length - ok }));
                await queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
                onDone();
              },
              onError: (err) => toast.error(errorText(err)),
            },
          )
        }
      />
      <Dialog open={report !== null} onOpenChange={(open) => !open && setReport(null)}>
        <DialogFrame
          data-slot="bulk-report"
          title={t("ops.bulk.report")}
          footer={
            <Button variant="outline" onClick={() => setReport(null)}>
              {t("ops.bulk.close")}
            </Button>
          }
        >
          <ul className="flex max-h-80 flex-col divide-y overflow-auto text-sm">
            {(report?.rows ?? []).map((r) => (
              <li key={r.id} className="flex items-start gap-2 py-1.5" data-ok={r.ok}>
                {r.ok ? (
                  <CheckCircle2Icon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
                ) : (
                  <XCircleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
                )}
                <span className="min-w-0">
                  <span className="font-medium">{r.task_name ?? `#${r.id}`}</span>
                  <span className="text-muted-foreground">
                    {" · "}
                    {r.ok
                      ? t(`labels.bulkDone.${report!.action}`)
                      : `${t("ops.bulk.refused")}：${reasonText(r.reason, r.params, t.locale)}`}
                  </span>
                  {r.trace_id ? (
                    <code className="ml-2 font-mono text-xs text-muted-foreground">{r.trace_id}</code>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </DialogFrame>
      </Dialog>
    </div>
  );
}
