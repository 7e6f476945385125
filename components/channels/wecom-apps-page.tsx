"use client";

import * as React from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { MessageSquareTextIcon } from "lucide-react";

import { ListToolbar, searchRows, TablePage, useCrudList } from "@/components/data-table";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { EnabledBadge, SecretSetBadge } from "./state-badges";
import type { WecomApp } from "./types";
import { WecomAppFormDialog } from "./wecom-app-form-dialog";

/** /wecom-apps: WeCom applications that tasks may send application messages through. */
export function WecomAppsPage() {
  const t = useT();
  const trpc = useTRPC();
  const { canWrite, scope } = useMe();
  // A tenant may change only its own apps; the platform's shared ones are read-only to it.
  const { list, query, table, dialog, remove, menu } = useCrudList({
    query: () => trpc.wecomApps.list.queryOptions(),
    words: "channels.wecomApps",
    remove: {
      mutation: trpc.wecomApps.delete.mutationOptions(),
      variables: (a: WecomApp) => ({ id: a.id }),
      invalidate: trpc.wecomApps.pathFilter(),
    },
    canWrite,
    name: (a) => a.app_name,
    may: (a) => scope.type === "platform" || a.tenant_id === scope.tenantId,
  });
  // A short list: searched here; the table sorts and pages it.
  const rows = searchRows(query.data, list.q, (a) => [a.app_name, a.corp_id]);

  const columns: ColumnDef<WecomApp, unknown>[] = [
    {
      id: "name",
      accessorKey: "app_name",
      header: t("channels.wecomApps.col.name"),
      enableSorting: true,
      enableHiding: false,
      meta: { className: "max-w-[14rem]" },
      cell: ({ row: { original: a } }) => (
        <div className="flex min-w-0 flex-col gap-1">
          <span className="truncate font-medium">{a.app_name}</span>
          <span className="flex flex-wrap items-center gap-1">
            {a.tenant_id === null ? (
              <Badge variant="outline" title={t("channels.wecomApps.sharedHint")}>
                {t("channels.wecomApps.shared")}
              </Badge>
            ) : scope.type === "platform" ? (
              <code className="font-mono text-xs text-muted-foreground">{a.tenant_id}</code>
            ) : null}
            <code className="font-mono text-xs text-muted-foreground md:hidden">
              {a.corp_id} · {a.agent_id}
            </code>
          </span>
        </div>
      ),
    },
    {
      id: "corp",
      accessorKey: "corp_id",
      header: t("channels.wecomApps.col.corp"),
      enableSorting: true,
      meta: { hideBelow: "md", label: t("channels.wecomApps.col.corp"), className: "font-mono text-xs" },
    },
    {
      id: "agent",
      accessorKey: "agent_id",
      header: t("channels.wecomApps.col.agent"),
      meta: { hideBelow: "md", label: t("channels.wecomApps.col.agent"), className: "font-mono text-xs" },
    },
    {
      id: "recipients",
      header: t("channels.wecomApps.col.recipients"),
      meta: { hideBelow: "lg", label: t("channels.wecomApps.col.recipients") },
      cell: ({ row }) => <Recipients app={row.original} />,
    },
    {
      id: "secret",
      header: t("channels.wecomApps.col.secret"),
      meta: { hideBelow: "sm", label: t("channels.wecomApps.col.secret") },
      cell: ({ row }) => <SecretSetBadge set={row.original.secret_set} />,
    },
    {
      id: "enabled",
      header: t("channels.wecomApps.col.enabled"),
      meta: { label: t("channels.wecomApps.col.enabled") },
      cell: ({ row }) => <EnabledBadge enabled={row.original.is_enabled} />,
    },
    ...menu,
  ];

  return (
    <TablePage
      {...table}
      words="channels.wecomApps"
      icon={<MessageSquareTextIcon />}
      readOnly={canWrite ? null : t("channels.readOnly")}
      id="wecom-apps"
      columns={columns}
      rows={rows}
      getRowId={(a) => String(a.id)}
      toolbar={<ListToolbar list={list} search={t("channels.wecomApps.search")} />}
    >
      <WecomAppFormDialog dialog={dialog} />
      {remove.dialog}
    </TablePage>
  );
}

function Recipients({ app }: { app: WecomApp }) {
  const t = useT();
  const rows = [
    { label: t("channels.wecomApps.recipients.user"), value: app.to_user },
    { label: t("channels.wecomApps.recipients.party"), value: app.to_party },
    { label: t("channels.wecomApps.recipients.tag"), value: app.to_tag },
  ].filter((r) => r.value);
  return (
    <div className="flex flex-col gap-0.5 text-xs">
      {rows.map((r) => (
        <span key={r.label} className="truncate">
          <span className="mr-1 text-muted-foreground">{r.label}</span>
          <code className="font-mono">{r.value}</code>
        </span>
      ))}
    </div>
  );
}
