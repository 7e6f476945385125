"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { parseAsString } from "nuqs";
import { Building2Icon, GlobeIcon, PencilIcon, PlusIcon, Trash2Icon, UsersIcon } from "lucide-react";

import {
  actionsColumn,
  DataTable,
  ListPage,
  ListToolbar,
  useConfirmAction,
  useDialogState,
  useListState,
} from "@/components/data-table";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { useSwitchTenant } from "@/components/shell/tenant-switcher";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { ForbiddenState } from "./forbidden-state";
import { formatDateTime } from "./format";
import { MembersDialog } from "./members-dialog";
import { TenantCreateDialog, TenantEditDialog } from "./tenant-form-dialog";
import type { TenantRow } from "./types";

const FILTERS = { status: parseAsString };
const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** /tenants: platform admins only, from the platform view. Everyone else gets a 403 state. */
export function TenantsPage() {
  const t = useT();
  const { me, scope } = useMe();
  const { switchTo, pending } = useSwitchTenant();
  if (!me.isPlatformAdmin) return <ForbiddenState />;
  if (scope.type !== "platform") {
    return (
      <div className="flex flex-col gap-5">
        <PageHeader title={t("admin.tenants.title")} description={t("admin.tenants.description")} />
        <EmptyState
          icon={<GlobeIcon />}
          title={t("admin.tenants.platformViewNeeded")}
          action={
            <Button onClick={() => switchTo(null)} disabled={pending}>
              {t("admin.tenants.switchToPlatform")}
            </Button>
          }
        />
      </div>
    );
  }
  return <TenantsAdmin />;
}

function TenantsAdmin() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useListState({ filters: FILTERS });
  const query = useQuery(trpc.tenants.list.queryOptions());
  const editing = useDialogState<TenantRow>();
  const [membersOf, setMembersOf] = React.useState<TenantRow | null>(null);
  const remove = useConfirmAction({
    mutation: trpc.tenants.delete.mutationOptions(),
    variables: (r: TenantRow) => ({ tenant_id: r.tenantId }),
    invalidate: [trpc.tenants.pathFilter(), trpc.me.pathFilter()],
    title: (r) => t("admin.tenants.removeTitle", { name: r.name }),
    description: () => t("admin.tenants.removeHint"),
    success: (r) => t("admin.tenants.removed", { name: r.name }),
  });

  // Tenants are few: the whole list comes at once, search and filter happen here.
  const q = list.q.toLowerCase();
  const status = list.filters.status;
  const rows = query.data?.filter(
    (r) =>
      (!q || r.tenantId.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)) &&
      (!status || (status === "enabled") === r.isEnabled),
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
    {
      id: "members",
      enableHiding: false,
      header: () => <span className="sr-only">{t("admin.tenants.members")}</span>,
      meta: { className: "w-0" },
      cell: ({ row: { original: r } }) => (
        <Button
          variant="outline"
          size="sm"
          onClick={() => setMembersOf(r)}
          aria-label={`${t("admin.tenants.members")} ${r.name}`}
        >
          <UsersIcon aria-hidden />
          <span className="hidden sm:inline">{t("admin.tenants.members")}</span>
        </Button>
      ),
    },
    actionsColumn<TenantRow>(t("common.actions"), (r) => ({
      label: `${t("common.actions")} ${r.name}`,
      actions: [
        { label: t("common.edit"), icon: <PencilIcon aria-hidden />, onSelect: () => editing.edit(r) },
        {
          label: t("common.delete"),
          icon: <Trash2Icon aria-hidden />,
          destructive: true,
          onSelect: () => remove.ask(r),
        },
      ],
    })),
  ];

  const createButton = (
    <Button onClick={editing.create}>
      <PlusIcon aria-hidden />
      {t("admin.tenants.create")}
    </Button>
  );

  return (
    <ListPage
      title={t("admin.tenants.title")}
      description={t("admin.tenants.description")}
      actions={createButton}
    >
      <DataTable
        id="tenants"
        label={t("admin.tenants.title")}
        columns={columns}
        rows={rows}
        query={query}
        list={list}
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
        empty={{ icon: <Building2Icon />, title: t("admin.tenants.emptyTitle"), action: createButton }}
      />
      <TenantCreateDialog open={editing.open && editing.row === null} onOpenChange={editing.onOpenChange} />
      <TenantEditDialog
        open={editing.open && editing.row !== null}
        onOpenChange={editing.onOpenChange}
        tenant={editing.row}
      />
      <MembersDialog tenant={membersOf} onOpenChange={(o) => !o && setMembersOf(null)} />
      {remove.dialog}
    </ListPage>
  );
}
