"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { parseAsInteger, useQueryStates } from "nuqs";
import { toast } from "sonner";
import { ArrowLeftIcon, HistoryIcon, RotateCcwIcon } from "lucide-react";

import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { useErrorText } from "@/components/i18n/use-errors";
import { useMe } from "@/components/shell/me-context";
import { PageHeader } from "@/components/shell/page-header";
import { TimeZoneNote } from "@/components/shell/time-zone-note";
import { ErrorPanel, PageSkeleton } from "@/components/shell/shell-states";
import { formatDateTime } from "@/components/tasks/format-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { DiffLine } from "@/lib/line-diff";
import { useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { cn } from "@/lib/utils";

type Cell = { no?: number; text: string; op: "same" | "add" | "del" } | null;

/** A line diff as rows of two columns: old on the left, new on the right, changes paired. */
export function sideBySide(lines: DiffLine[]): [Cell, Cell][] {
  const rows: [Cell, Cell][] = [];
  let dels: Cell[] = [];
  let adds: Cell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++)
      rows.push([dels[i] ?? null, adds[i] ?? null]);
    dels = [];
    adds = [];
  };
  for (const l of lines) {
    if (l.op === "del") dels.push({ no: l.oldNo, text: l.text, op: "del" });
    else if (l.op === "add") adds.push({ no: l.newNo, text: l.text, op: "add" });
    else {
      flush();
      rows.push([
        { no: l.oldNo, text: l.text, op: "same" },
        { no: l.newNo, text: l.text, op: "same" },
      ]);
    }
  }
  flush();
  return rows;
}

function DiffCell({ cell }: { cell: Cell }) {
  return (
    <td
      className={cn(
        "w-1/2 align-top font-mono text-xs break-all whitespace-pre-wrap",
        cell?.op === "del" && "bg-destructive/10",
        cell?.op === "add" && "bg-success/10",
      )}
    >
      {cell ? (
        <span className="flex gap-2">
          <span className="w-8 shrink-0 text-right text-muted-foreground select-none">{cell.no}</span>
          <span>{cell.text || " "}</span>
        </span>
      ) : null}
    </td>
  );
}

/** The right side's value for the task's current script (a select item cannot be empty). */
const CURRENT = "current";

/**
 * 脚本历史: a task's saved scripts, a side-by-side diff of any two (the left side a saved
 * version, the right side another or the current script; both in the URL), restore the left one.
 */
export function ScriptHistory({ taskId }: { taskId: number }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { canWrite } = useMe();
  const task = useQuery(trpc.tasks.get.queryOptions({ id: taskId }));
  const versions = useQuery(trpc.tasks.versions.queryOptions({ id: taskId }));
  const [sides, setSides] = useQueryStates({ from: parseAsInteger, to: parseAsInteger });
  const [confirm, setConfirm] = React.useState(false);
  const list = versions.data ?? [];
  const known = (v: number | null) => (v !== null && list.some((x) => x.version === v) ? v : null);
  const chosen = known(sides.from) ?? list[1]?.version ?? list[0]?.version ?? null;
  const target = known(sides.to);
  const diff = useQuery({
    ...trpc.tasks.diff.queryOptions({ id: taskId, from: chosen ?? 1, ...(target ? { to: target } : {}) }),
    enabled: chosen !== null,
  });
  const sideName = (v: number | null) =>
    v === null ? t("ops.history.currentScript") : t("ops.history.version", { version: v });
  const sideSelect = (side: "from" | "to", value: number | null) => (
    <div className="flex min-w-0 flex-col gap-1">
      <Label htmlFor={`history-${side}`} className="text-xs text-muted-foreground">
        {side === "from" ? t("ops.history.base") : t("ops.history.target")}
      </Label>
      <Select
        value={value === null ? CURRENT : String(value)}
        onValueChange={(v) => void setSides({ [side]: v === CURRENT ? null : Number(v) })}
      >
        <SelectTrigger id={`history-${side}`} size="sm" className="w-full sm:w-44">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {side === "to" ? <SelectItem value={CURRENT}>{t("ops.history.currentScript")}</SelectItem> : null}
          {list.map((v) => (
            <SelectItem key={v.version} value={String(v.version)}>
              {t("ops.history.version", { version: v.version })}
              {v.current ? ` · ${t("ops.history.current")}` : ""}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
  const restore = useMutation(trpc.tasks.restore.mutationOptions());

  if (task.isPending || versions.isPending) return <PageSkeleton />;
  if (task.isError || versions.isError)
    return (
      <ErrorPanel
        title={t("ops.history.noVersions")}
        message={errorMessage(task.error ?? versions.error, t)}
        onRetry={() => void versions.refetch()}
      />
    );
  const rows = diff.data ? sideBySide(diff.data.lines) : [];
  const changed = diff.data?.lines.some((l) => l.op !== "same") ?? false;

  return (
    <div className="flex flex-col gap-5" data-slot="script-history">
      <div>
        <Button asChild variant="ghost" size="sm" className="-ml-2">
          <Link href={`/tasks/${taskId}`}>
            <ArrowLeftIcon aria-hidden />
            {t("ops.history.back")}
          </Link>
        </Button>
      </div>
      <PageHeader
        title={t("ops.history.title", { name: task.data.task_name })}
        description={
          <span className="flex flex-col gap-1">
            <span>{t("ops.history.subtitle")}</span>
            <TimeZoneNote />
          </span>
        }
      />
      {list.length === 0 ? (
        <EmptyState icon={<HistoryIcon />} title={t("ops.history.noVersions")} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
          <Card>
            <CardHeader>
              <CardTitle>{t("ops.history.versions")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="flex flex-col gap-1" data-slot="versions">
                {list.map((v) => (
                  <li key={v.version}>
                    <button
                      type="button"
                      onClick={() => void setSides({ from: v.version })}
                      aria-pressed={v.version === chosen}
                      className={cn(
                        "flex w-full flex-col rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted",
                        v.version === chosen && "bg-muted",
                      )}
                    >
                      <span className="flex items-center gap-2 font-medium">
                        {t("ops.history.version", { version: v.version })}
                        {v.current ? <Badge variant="secondary">{t("ops.history.current")}</Badge> : null}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {t("ops.history.savedBy", {
                          who: v.createdBy ?? "—",
                          time: formatDateTime(v.createdAt),
                        })}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
          <Card className="min-w-0">
            <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
              <div className="flex min-w-0 flex-col gap-2">
                <CardTitle>
                  {sideName(chosen)} → {sideName(target)}
                </CardTitle>
                <div className="grid grid-cols-2 gap-2 sm:flex" data-slot="diff-sides">
                  {sideSelect("from", chosen)}
                  {sideSelect("to", target)}
                </div>
              </div>
              {canWrite && chosen !== null && changed ? (
                <Button size="sm" variant="outline" onClick={() => setConfirm(true)}>
                  <RotateCcwIcon aria-hidden />
                  {t("ops.history.restore")}
                </Button>
              ) : null}
            </CardHeader>
            <CardContent className="overflow-x-auto">
              {!changed ? (
                <p className="text-sm text-muted-foreground">{t("ops.history.noChanges")}</p>
              ) : (
                <table className="w-full border-collapse" data-slot="diff">
                  <thead>
                    <tr className="text-left text-xs text-muted-foreground">
                      <th className="w-1/2 font-normal">{sideName(chosen)}</th>
                      <th className="w-1/2 font-normal">{sideName(target)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map(([left, right], i) => (
                      <tr key={i}>
                        <DiffCell cell={left} />
                        <DiffCell cell={right} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </CardContent>
          </Card>
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t("ops.history.restoreTitle", { version: chosen ?? 0 })}
        description={t("ops.history.restoreBody")}
        confirmLabel={t("ops.history.restore")}
        pending={restore.isPending}
        onConfirm={() =>
          restore.mutate(
            { id: taskId, version: chosen ?? 1 },
            {
              onSuccess: async () => {
                toast.success(t("ops.history.restored", { version: chosen ?? 0 }));
                setConfirm(false);
                void setSides({ from: null, to: null });
                await queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
              },
              onError: (err) => toast.error(errorText(err)),
            },
          )
        }
      />
    </div>
  );
}
