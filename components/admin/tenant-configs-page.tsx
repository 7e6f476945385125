"use client";

import * as React from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { parseAsString } from "nuqs";
import { LockIcon, SlidersHorizontalIcon } from "lucide-react";

import { ListToolbar, TablePage, useCrudList } from "@/components/data-table";
import { pageParams } from "@/components/data-table/use-list-state";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { tenantColumns } from "./tenant-column";
import { updatedColumn } from "./updated-column";
import { TenantConfigFormDialog } from "./tenant-config-form-dialog";
import type { TenantConfigRow } from "./types";

const FILTERS = { tenant: parseAsString };

/** /tenant-configs: tenant × app_code × key values; secret values are masked and write-only. */
export function TenantConfigsPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite, scope, me } = useMe();
  const { list, table, dialog, remove, menu } = useCrudList({
    filters: FILTERS,
    query: (list) =>
      trpc.tenantConfigs.list.queryOptions({
        ...pageParams(list),
        tenant_id: list.filters.tenant || undefined,
      }),
    words: "admin.configs",
    vars: (c) => ({ app: c.app_code, key: c.config_key }),
    remove: {
      mutation: trpc.tenantConfigs.delete.mutationOptions(),
      variables: (c: TenantConfigRow) => ({ id: c.id }),
      invalidate: trpc.tenantConfigs.pathFilter(),
    },
    canWrite,
    name: (c) => `${c.app_code}.${c.config_key}`,
  });

  const columns: ColumnDef<TenantConfigRow, unknown>[] = [
    {
      id: "key",
      // An accessor, or TanStack offers no sort (the server sorts; components/README.md).
      accessorFn: (c) => `${c.app_code}.${c.config_key}`,
      header: t("admin.configs.key"),
      enableSorting: true,
      enableHiding: false,
      meta: { label: t("admin.configs.key"), className: "max-w-[16rem]" },
      cell: ({ row: { original: c } }) => (
        <div className="flex min-w-0 flex-col gap-0.5">
          <code className="truncate font-mono text-xs">
            <span className="text-muted-foreground">{c.app_code}.</span>
            <span className="font-medium">{c.config_key}</span>
          </code>
          {scope.type === "platform" ? (
            <span className="truncate font-mono text-xs text-muted-foreground sm:hidden">{c.tenant_id}</span>
          ) : null}
        </div>
      ),
    },
    ...tenantColumns<TenantConfigRow>(scope.type === "platform", {
      header: t("admin.tenant"),
      tenant: (c) => c.tenant_id,
      hideBelow: "sm",
    }),
    {
      id: "value",
      header: t("admin.configs.value"),
      meta: { label: t("admin.configs.value"), className: "max-w-[10rem] sm:max-w-[18rem]" },
      cell: ({ row: { original: c } }) => <ConfigValue config={c} />,
    },
    updatedColumn<TenantConfigRow>(t("admin.updatedAt"), locale),
    ...menu,
  ];

  return (
    <TablePage
      {...table}
      words="admin.configs"
      icon={<SlidersHorizontalIcon />}
      readOnly={canWrite ? null : t("admin.readOnly")}
      id="tenant-configs"
      columns={columns}
      getRowId={(c) => String(c.id)}
      toolbar={
        <ListToolbar
          list={list}
          search={t("admin.configs.search")}
          filters={
            scope.type === "platform"
              ? [
                  {
                    key: "tenant",
                    label: t("admin.tenant"),
                    options: me.tenants.map((x) => ({ value: x.tenantId, label: x.name })),
                  },
                ]
              : []
          }
        />
      }
    >
      <TenantConfigFormDialog dialog={dialog} />
      {remove.dialog}
    </TablePage>
  );
}

function ConfigValue({ config: c }: { config: TenantConfigRow }) {
  const t = useT();
  if (c.is_secret)
    return (
      <span className="flex items-center gap-2">
        <Badge variant="secondary">
          <LockIcon aria-hidden />
          {t("admin.configs.secretBadge")}
        </Badge>
        <span className="hidden font-mono text-muted-foreground sm:inline">
          {c.value_set ? t("admin.secrets.masked") : t("admin.configs.notSet")}
        </span>
      </span>
    );
  if (c.config_value === null)
    return <span className="text-muted-foreground">{t("admin.configs.notSet")}</span>;
  return (
    <code className="block truncate font-mono text-xs" title={c.config_value}>
      {c.config_value}
    </code>
  );
}
