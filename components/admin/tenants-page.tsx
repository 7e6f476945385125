"use client";

import * as React from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { parseAsString } from "nuqs";
import { Building2Icon, UsersIcon } from "lucide-react";

import { buttonColumn, ListToolbar, searchRows, TablePage, useCrudList } from "@/components/data-table";
import { RowDialog } from "@/components/forms";
import { Badge } from "@/components/ui/badge";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { formatDateTime } from "./format";
import { MembersDialog } from "./members-dialog";
import { PlatformOnly } from "./platform-only";
import { TenantCreateDialog, TenantEditDialog } from "./tenant-form-dialog";
import type { TenantRow } from "./types";

const FILTERS = { status: parseAsString };
const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** /tenants: platform admins only, from the platform view. Everyone else gets a 403 state. */
export function TenantsPage() {
  return (
    <PlatformOnly words="admin.tenants">
      <TenantsAdmin />
    </PlatformOnly>
  );
}

function TenantsAdmin() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const [membersOf, setMembersOf] = React.useState<TenantRow | null>(null);
  const { list, query, table, dialog, remove, menu } = useCrudList({
    filters: FILTERS,
    query: () => trpc.tenants.list.queryOptions(),
    words: "admin.tenants",
    remove: {
      mutation: trpc.tenants.delete.mutationOptions(),
      variables: (r: TenantRow) => ({ tenant_id: r.tenantId }),
      invalidate: [trpc.tenants.pathFilter(), trpc.me.pathFilter()],
    },
    canWrite: true,
    name: (r) => r.name,
  });

  // Tenants are few: the whole list comes at once, search and filter happen here.
  const status = list.filters.status;
  const rows = searchRows(query.data, list.q, (r) => [r.tenantId, r.name])?.filter(
    (r) => !status || (status === "enabled") === r.isEnabled,
  );

  const columns: ColumnDef<TenantRow, unknown>[] = [
    {
      id: "name",
      accessorKey: "name",
      header: t("admin.tenants.name"),
      enableSorting: true,
      enableHiding: false,
      meta: { className: "max-w-[16rem]" },
      cell: ({ row: { original: r } }) => (
        <div className="flex min-w-0 flex-col">
          <span className="truncate font-medium">{r.name}</span>
          <code className="truncate font-mono text-xs text-muted-foreground">{r.tenantId}</code>
        </div>
      ),
    },
    {
      id: "status",
      header: t("admin.tenants.status"),
      cell: ({ row }) =>
        row.original.isEnabled ? (
          <Badge variant="success">{t("admin.tenants.enabledOn")}</Badge>
        ) : (
          <Badge variant="outline" className="text-muted-foreground">
            {t("admin.tenants.enabledOff")}
          </Badge>
        ),
    },
    {
      id: "quota",
      accessorFn: (r) => r.maxConcurrentRuns ?? 0,
      header: t("admin.tenants.quota"),
      enableSorting: true,
      meta: { hideBelow: "md", label: t("admin.tenants.quota") },
      cell: ({ row }) =>
        row.original.maxConcurrentRuns == null ? (
          <span className="text-muted-foreground">{t("admin.tenants.quotaDefault")}</span>
        ) : (
          <span className="tabular-nums">{row.original.maxConcurrentRuns}</span>
        ),
    },
    {
      id: "holidays",
      header: t("admin.tenants.holidays"),
      meta: { hideBelow: "lg" },
      cell: ({ row }) => count(row.original.extraHolidays) || "—",
    },
    {
      id: "workdays",
      header: t("admin.tenants.workdays"),
      meta: { hideBelow: "lg" },
      cell: ({ row }) => count(row.original.extraWorkdays) || "—",
    },
    {
      id: "created",
      accessorFn: (r) => String(r.createdAt),
      header: t("admin.createdAt"),
      enableSorting: true,
      meta: { hideBelow: "xl", className: "whitespace-nowrap text-muted-foreground" },
      cell: ({ row }) => formatDateTime(row.original.createdAt, locale),
    },
    buttonColumn<TenantRow>("members", t("admin.tenants.members"), {
      icon: <UsersIcon aria-hidden />,
      name: (r) => r.name,
      onClick: setMembersOf,
    }),
    ...menu,
  ];

  return (
    <TablePage
      {...table}
      words="admin.tenants"
      icon={<Building2Icon />}
      id="tenants"
      columns={columns}
      rows={rows}
      getRowId={(r) => r.tenantId}
      toolbar={
        <ListToolbar
          list={list}
          search={t("admin.tenants.search")}
          filters={[
            {
              key: "status",
              label: t("admin.tenants.status"),
              options: [
                { value: "enabled", label: t("admin.tenants.enabledOn") },
                { value: "disabled", label: t("admin.tenants.enabledOff") },
              ],
            },
          ]}
        />
      }
    >
      <TenantCreateDialog open={dialog.open && dialog.row === null} onOpenChange={dialog.onOpenChange} />
      <TenantEditDialog
        open={dialog.open && dialog.row !== null}
        onOpenChange={dialog.onOpenChange}
        tenant={dialog.row}
      />
      <RowDialog row={membersOf} rowKey={(r) => r.tenantId} onOpenChange={(o) => !o && setMembersOf(null)}>
        {(r) => <MembersDialog tenant={r} />}
      </RowDialog>
      {remove.dialog}
    </TablePage>
  );
}
