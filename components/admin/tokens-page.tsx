"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { parseAsString } from "nuqs";
import { BanIcon, KeySquareIcon } from "lucide-react";

import { ListToolbar, TablePage, useConfirmAction, useListState, useRowMenu } from "@/components/data-table";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { formatDateTime } from "./format";
import { tenantColumns } from "./tenant-column";
import { TokenCreateDialog, type CreatedToken } from "./token-create-dialog";
import { TokenCreatedDialog } from "./token-created-dialog";
import type { TokenRow } from "./types";

const STATUSES = ["active", "revoked", "expired"] as const;
type Status = (typeof STATUSES)[number];
const FILTERS = { status: parseAsString };

function statusOf(token: TokenRow): Status {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return "expired";
  return "active";
}

const time = (v: Date | string | null) => (v ? new Date(v).getTime() : 0);

/** /tokens: API tokens by prefix; the full token is only ever shown once, at creation. */
export function TokensPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite, scope } = useMe();
  const list = useListState({ filters: FILTERS });
  const query = useQuery(trpc.tokens.list.queryOptions());
  const [creating, setCreating] = React.useState(false);
  const [created, setCreated] = React.useState<CreatedToken | null>(null);
  const revoke = useConfirmAction({
    mutation: trpc.tokens.revoke.mutationOptions(),
    variables: (x: TokenRow) => ({ id: x.id }),
    invalidate: trpc.tokens.pathFilter(),
    title: (x) => t("admin.tokens.revokeTitle", { name: x.name }),
    description: () => t("admin.tokens.revokeHint"),
    confirmLabel: t("admin.tokens.revoke"),
    success: (x) => t("admin.tokens.revokedToast", { name: x.name }),
  });

  // A short list: searched and filtered here; the table sorts and pages it.
  const q = list.q.toLowerCase();
  const rows = query.data?.filter(
    (x) =>
      (!q || x.name.toLowerCase().includes(q) || x.tokenPrefix.toLowerCase().includes(q)) &&
      (!list.filters.status || statusOf(x) === list.filters.status),
  );

  const menu = useRowMenu<TokenRow>({
    canWrite,
    name: (x) => x.name,
    remove: {
      ask: revoke.ask,
      label: t("admin.tokens.revoke"),
      icon: <BanIcon aria-hidden />,
      hidden: (x) => statusOf(x) === "revoked",
    },
  });
  const columns: ColumnDef<TokenRow, unknown>[] = [
    {
      id: "name",
      accessorKey: "name",
      header: t("admin.tokens.name"),
      enableSorting: true,
      enableHiding: false,
      meta: { className: "max-w-[12rem]" },
      cell: ({ row: { original: x } }) => (
        <div className="flex min-w-0 flex-col gap-0.5">
          <span className="truncate font-medium">{x.name}</span>
          <code className="font-mono text-xs text-muted-foreground sm:hidden">{x.tokenPrefix}…</code>
        </div>
      ),
    },
    {
      id: "prefix",
      header: t("admin.tokens.prefix"),
      meta: { hideBelow: "sm", label: t("admin.tokens.prefix") },
      cell: ({ row }) => <code className="font-mono text-xs">{row.original.tokenPrefix}…</code>,
    },
    {
      id: "role",
      header: t("admin.tokens.role"),
      meta: { hideBelow: "md", label: t("admin.tokens.role") },
      cell: ({ row }) => t(`common.roles.${row.original.role}`),
    },
    ...tenantColumns<TokenRow>(scope.type === "platform", {
      header: t("admin.tenant"),
      tenant: (x) => x.tenantId,
      none: t("admin.global"),
      hideBelow: "lg",
    }),
    {
      id: "lastUsed",
      accessorFn: (x) => time(x.lastUsedAt),
      header: t("admin.tokens.lastUsed"),
      enableSorting: true,
      meta: { hideBelow: "lg", label: t("admin.tokens.lastUsed"), className: "whitespace-nowrap" },
      cell: ({ row }) =>
        row.original.lastUsedAt ? formatDateTime(row.original.lastUsedAt, locale) : t("admin.never"),
    },
    {
      id: "expires",
      accessorFn: (x) => time(x.expiresAt),
      header: t("admin.tokens.expires"),
      enableSorting: true,
      meta: { hideBelow: "md", label: t("admin.tokens.expires"), className: "whitespace-nowrap" },
      cell: ({ row }) =>
        row.original.expiresAt ? formatDateTime(row.original.expiresAt, locale) : t("admin.tokens.noExpiry"),
    },
    {
      id: "status",
      header: t("admin.tokens.status"),
      meta: { label: t("admin.tokens.status") },
      cell: ({ row }) => {
        const status = statusOf(row.original);
        const variant = status === "active" ? "success" : status === "revoked" ? "destructive" : "warning";
        return <Badge variant={variant}>{t(`admin.tokens.${status}`)}</Badge>;
      },
    },
    ...menu,
  ];

  return (
    <TablePage
      words="admin.tokens"
      icon={<KeySquareIcon />}
      onCreate={canWrite ? () => setCreating(true) : undefined}
      readOnly={canWrite ? null : t("admin.readOnly")}
      id="tokens"
      columns={columns}
      rows={rows}
      query={query}
      list={list}
      getRowId={(x) => String(x.id)}
      rowData={(x) => ({ "data-status": statusOf(x) })}
      toolbar={
        <ListToolbar
          list={list}
          search={t("admin.tokens.search")}
          filters={[
            {
              key: "status",
              label: t("admin.tokens.status"),
              options: STATUSES.map((s) => ({ value: s, label: t(`admin.tokens.${s}`) })),
            },
          ]}
        />
      }
    >
      <TokenCreateDialog open={creating} onOpenChange={setCreating} onCreated={setCreated} />
      <TokenCreatedDialog created={created} onClose={() => setCreated(null)} />
      {revoke.dialog}
    </TablePage>
  );
}
