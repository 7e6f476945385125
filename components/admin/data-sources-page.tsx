"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { DatabaseIcon, RefreshCwIcon, ShieldCheckIcon, UsersIcon } from "lucide-react";
import { toast } from "sonner";

import { ListToolbar, searchRows, TablePage, useCrudList } from "@/components/data-table";
import { RowDialog } from "@/components/forms";
import { useErrorText } from "@/components/i18n/use-errors";
import { Badge } from "@/components/ui/badge";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import type { DataSourceSummary } from "@/server/services/data-sources";
import { DataSourceFormDialog } from "./data-source-form-dialog";
import { DataSourceGrantsDialog } from "./data-source-grants-dialog";
import { formatDateTime } from "./format";
import { PlatformOnly } from "./platform-only";

/** /data-sources: platform admins only, from the platform view. */
export function DataSourcesPage() {
  return (
    <PlatformOnly words="dataSources">
      <DataSourcesAdmin />
    </PlatformOnly>
  );
}

function DataSourcesAdmin() {
  const t = useT();
  const locale = useLocale();
  const say = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [granting, setGranting] = React.useState<number | null>(null);
  const recheck = useMutation(
    trpc.dataSources.recheck.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries(trpc.dataSources.pathFilter());
        toast.success(t("dataSources.rechecked", { name: row.name }));
      },
      onError: (err) => toast.error(say(err)),
    }),
  );
  const { list, query, table, dialog, remove, menu } = useCrudList({
    query: () => trpc.dataSources.list.queryOptions(),
    words: "dataSources",
    remove: {
      mutation: trpc.dataSources.delete.mutationOptions(),
      variables: (s: DataSourceSummary) => ({ id: s.id }),
      invalidate: trpc.dataSources.pathFilter(),
    },
    canWrite: true,
    name: (s) => s.name,
    extra: (s) => [
      { label: t("dataSources.grants"), icon: <UsersIcon aria-hidden />, onSelect: () => setGranting(s.id) },
      {
        label: t("dataSources.recheck"),
        icon: <RefreshCwIcon aria-hidden />,
        disabled: recheck.isPending,
        onSelect: () => recheck.mutate({ id: s.id }),
      },
    ],
  });
  // Open by id, so the dialog shows the grants as they are refetched.
  const grantingSource = query.data?.find((s) => s.id === granting) ?? null;
  const rows = searchRows(query.data, list.q, (s) => [s.name, s.description]);

  const columns: ColumnDef<DataSourceSummary, unknown>[] = [
    {
      id: "name",
      accessorKey: "name",
      header: t("dataSources.name"),
      enableSorting: true,
      enableHiding: false,
      meta: { className: "max-w-[16rem]" },
      cell: ({ row: { original: s } }) => (
        <div className="flex min-w-0 flex-col gap-0.5">
          <span className="flex items-center gap-2">
            <code className="truncate font-mono font-medium">{s.name}</code>
            {!s.is_enabled ? <Badge variant="outline">{t("dataSources.disabledBadge")}</Badge> : null}
          </span>
          {s.description ? (
            <span className="truncate text-xs text-muted-foreground">{s.description}</span>
          ) : null}
        </div>
      ),
    },
    {
      id: "target",
      accessorKey: "target",
      header: t("dataSources.target"),
      meta: {
        hideBelow: "md",
        label: t("dataSources.target"),
        className: "font-mono text-xs text-muted-foreground",
      },
    },
    {
      id: "check",
      header: t("dataSources.check"),
      meta: { label: t("dataSources.check"), className: "max-w-[22rem]" },
      cell: ({ row: { original: s } }) => (
        <div className="flex flex-col gap-1">
          <span>
            {s.check_ok ? (
              <Badge variant="secondary">
                <ShieldCheckIcon aria-hidden />
                {t("dataSources.checkOk")}
              </Badge>
            ) : (
              <Badge variant="destructive">{t("dataSources.checkFailed")}</Badge>
            )}
          </span>
          {!s.check_ok && s.check_message ? (
            <span className="text-xs break-words text-destructive">{s.check_message}</span>
          ) : null}
          {s.checked_at ? (
            <span className="hidden text-xs text-muted-foreground sm:inline">
              {t("dataSources.checkedAt", { time: formatDateTime(s.checked_at, locale) })}
            </span>
          ) : null}
        </div>
      ),
    },
    {
      id: "grants",
      header: t("dataSources.grants"),
      meta: { hideBelow: "sm", label: t("dataSources.grants") },
      cell: ({ row: { original: s } }) => (
        <div className="flex flex-wrap gap-1">
          {s.grants.length === 0 ? (
            <span className="text-xs text-muted-foreground">{t("dataSources.grantNone")}</span>
          ) : (
            s.grants.map((g) => (
              <Badge key={g.tenant_id ?? ""} variant="outline" className="font-mono">
                {g.tenant_id ?? t("dataSources.globalTasks")}
                {g.is_default ? ` · ${t("dataSources.defaultBadge")}` : ""}
              </Badge>
            ))
          )}
        </div>
      ),
    },
    ...menu,
  ];

  return (
    <TablePage
      {...table}
      words="dataSources"
      icon={<DatabaseIcon />}
      id="data-sources"
      columns={columns}
      rows={rows}
      getRowId={(s) => String(s.id)}
      toolbar={<ListToolbar list={list} search={t("dataSources.search")} />}
    >
      <DataSourceFormDialog dialog={dialog} />
      <RowDialog row={grantingSource} rowKey={(s) => s.id} onOpenChange={(o) => !o && setGranting(null)}>
        {(s) => <DataSourceGrantsDialog source={s} />}
      </RowDialog>
      {remove.dialog}
    </TablePage>
  );
}
