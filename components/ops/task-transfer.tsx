"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, UploadIcon } from "lucide-react";

import { TenantSelect } from "@/components/admin/tenant-select";
import { fieldLabel, issueText } from "@/components/i18n/errors";
import { useErrorText } from "@/components/i18n/use-errors";
import { useMe } from "@/components/shell/me-context";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { useTaskExport } from "./task-export";

type Result = {
  index: number;
  task_name: string | null;
  outcome: "created" | "updated" | "refused";
  errors: { path: string; message: string }[];
};

/** The target tenant choice "each task's own" (a platform export names each task's tenant). */
const FROM_FILE = "__file__";

/** The tasks of an export file: `{format, tasks}` or a bare array; null when it is neither. */
function tasksOf(text: string): Record<string, unknown>[] | null {
  try {
    const value: unknown = JSON.parse(text);
    const list = Array.isArray(value) ? value : (value as { tasks?: unknown })?.tasks;
    return Array.isArray(list) && list.length > 0 && list.every((x) => x && typeof x === "object")
      ? (list as Record<string, unknown>[])
      : null;
  } catch {
    return null;
  }
}

/** 导入 / 导出: tasks as JSON, validated before anything is written, reported per task. */
export function TaskTransfer() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { scope, canWrite } = useMe();
  const [text, setText] = React.useState("");
  const [tenant, setTenant] = React.useState(FROM_FILE);
  const [results, setResults] = React.useState<{ dry: boolean; rows: Result[] } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const importTasks = useMutation(trpc.ops.importTasks.mutationOptions());
  const download = useTaskExport();

  const send = (dryRun: boolean) => {
    const tasks = tasksOf(text);
    if (!tasks) return setError(t("ops.transfer.invalidFile"));
    setError(null);
    importTasks.mutate(
      {
        tasks,
        dry_run: dryRun,
        ...(scope.type === "platform" && tenant !== FROM_FILE ? { tenant_id: tenant } : {}),
      },
      {
        onSuccess: async (out) => {
          setResults({ dry: out.dry_run, rows: out.results });
          if (!out.dry_run) await queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };

  const count = (o: Result["outcome"]) => results?.rows.filter((r) => r.outcome === o).length ?? 0;

  return (
    <div className="flex flex-col gap-5" data-slot="task-transfer">
      <PageHeader title={t("ops.transfer.title")} description={t("ops.transfer.subtitle")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("ops.transfer.export")}</CardTitle>
        </CardHeader>
        <CardContent>
          <Button variant="outline" onClick={() => void download()}>
            <DownloadIcon aria-hidden />
            {t("ops.transfer.exportAll")}
          </Button>
        </CardContent>
      </Card>
      {canWrite ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("ops.transfer.import")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <div className="flex flex-col gap-1">
              <Label htmlFor="transfer-file">{t("ops.transfer.file")}</Label>
              <Input
                id="transfer-file"
                type="file"
                accept="application/json,.json"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (file) setText(await file.text());
                }}
              />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="transfer-text">{t("ops.transfer.paste")}</Label>
              <Textarea
                id="transfer-text"
                className="min-h-32 font-mono text-xs"
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            {scope.type === "platform" ? (
              <div className="flex flex-col gap-1">
                <Label htmlFor="transfer-tenant">{t("ops.transfer.tenant")}</Label>
                <TenantSelect
                  id="transfer-tenant"
                  value={tenant}
                  onChange={setTenant}
                  extraOptions={[{ value: FROM_FILE, label: t("ops.transfer.tenantFromFile") }]}
                />
              </div>
            ) : null}
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" disabled={importTasks.isPending || !text} onClick={() => send(true)}>
                {t("ops.transfer.validate")}
              </Button>
              <Button disabled={importTasks.isPending || !text} onClick={() => send(false)}>
                <UploadIcon aria-hidden />
                {t("ops.transfer.doImport")}
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : null}
      {results ? (
        <Card data-slot="import-results">
          <CardHeader>
            <CardTitle>{t("ops.transfer.results")}</CardTitle>
            <CardDescription>
              {t("ops.transfer.summary", {
                created: count("created"),
                updated: count("updated"),
                refused: count("refused"),
              })}
              {results.dry ? ` · ${t("ops.transfer.dryRunNote")}` : ""}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col divide-y text-sm">
              {results.rows.map((r) => (
                <li key={r.index} className="flex flex-col gap-1 py-2 first:pt-0" data-outcome={r.outcome}>
                  <div className="flex items-center gap-2">
                    <Badge
                      variant={
                        r.outcome === "refused"
                          ? "destructive"
                          : r.outcome === "created"
                            ? "success"
                            : "secondary"
                      }
                    >
                      {r.outcome === "refused"
                        ? t("ops.transfer.refusedOutcome")
                        : t(`ops.transfer.${r.outcome}`)}
                    </Badge>
                    <span className="font-medium">{r.task_name ?? `#${r.index + 1}`}</span>
                  </div>
                  {r.errors.map((e, i) => (
                    <p key={i} className="text-xs text-destructive">
                      {fieldLabel(e.path, t.locale)}：{issueText(e, t.locale)}
                    </p>
                  ))}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
