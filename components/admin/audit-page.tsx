"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { parseAsString } from "nuqs";
import { BotIcon, KeySquareIcon, ScrollTextIcon, UserRoundIcon } from "lucide-react";

import { DataTable, ListPage, ListToolbar, useListState } from "@/components/data-table";
import { useLabels } from "@/components/i18n/use-labels";
import { useMe } from "@/components/shell/me-context";
import { useLocale, useT } from "@/lib/i18n/client";
import { AUDIT_ACTIONS, type TAuditAction } from "@/lib/audit-actions";
import { useTRPC } from "@/components/trpc/react";
import { AuditDetails } from "./audit-details";
import { formatDateTime } from "./format";
import { tenantColumns } from "./tenant-column";
import { TenantSelect } from "./tenant-select";
import type { AuditRow } from "./types";

const ALL = "__all__";
const PLATFORM_LEVEL = "__platform_level__";
const FILTERS = { action: parseAsString, tenant: parseAsString };

const ACTOR_ICON = { user: UserRoundIcon, token: KeySquareIcon, system: BotIcon } as const;

/** /audit: who changed what, newest first; actions and fields in words, changes with before and after. */
export function AuditPage() {
  const t = useT();
  const locale = useLocale();
  const words = useLabels();
  const trpc = useTRPC();
  const { scope } = useMe();
  const list = useListState({ filters: FILTERS });
  const platform = scope.type === "platform";
  const tenantFilter = list.filters.tenant;
  const tenantId =
    !platform || !tenantFilter ? undefined : tenantFilter === PLATFORM_LEVEL ? "" : tenantFilter;
  const action = AUDIT_ACTIONS.find((a) => a === list.filters.action);
  const query = useQuery({
    ...trpc.audit.list.queryOptions({
      page: list.page,
      page_size: list.pageSize,
      ...(action ? { action } : {}),
      ...(tenantId !== undefined ? { tenant_id: tenantId } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnDef<AuditRow, unknown>[] = [
    {
      id: "when",
      header: t("admin.audit.when"),
      enableHiding: false,
      meta: { className: "whitespace-nowrap text-muted-foreground align-top" },
      cell: ({ row }) => formatDateTime(row.original.createdAt, locale),
    },
    {
      id: "action",
      header: t("admin.audit.action"),
      enableHiding: false,
      meta: { className: "align-top" },
      cell: ({ row: { original: r } }) => (
        <div className="flex min-w-0 flex-col gap-1" data-action={r.action}>
          <span className="font-medium">{words.auditAction(r.action)}</span>
          {/* On phones who and what move under the action. */}
          <span className="truncate text-xs text-muted-foreground md:hidden">{r.actorId}</span>
          <div className="lg:hidden">
            <AuditDetails row={r} collapsible />
          </div>
        </div>
      ),
    },
    {
      id: "who",
      header: t("admin.audit.who"),
      meta: { hideBelow: "md", className: "align-top" },
      cell: ({ row: { original: r } }) => {
        const Icon = ACTOR_ICON[r.actorType];
        return (
          <span className="flex min-w-0 items-center gap-1.5">
            <Icon
              className="size-3.5 shrink-0 text-muted-foreground"
              aria-label={words.label("actorType", r.actorType)}
            />
            <span className="truncate">{r.actorId}</span>
          </span>
        );
      },
    },
    {
      id: "entity",
      header: t("admin.audit.entity"),
      meta: { hideBelow: "sm", className: "whitespace-nowrap align-top" },
      cell: ({ row: { original: r } }) => (
        <span>
          {words.label("entity", r.entityType)}
          {r.entityId ? <span className="text-muted-foreground"> #{r.entityId}</span> : null}
        </span>
      ),
    },
    ...tenantColumns<AuditRow>(platform, {
      header: t("admin.tenant"),
      tenant: (r) => r.tenantId,
      none: t("admin.audit.platformOnly"),
      hideBelow: "lg",
      className: "align-top",
    }),
    {
      id: "details",
      header: t("admin.audit.details"),
      meta: { hideBelow: "lg", className: "max-w-[28rem] align-top" },
      cell: ({ row }) => <AuditDetails row={row.original} />,
    },
  ];

  return (
    <ListPage title={t("admin.audit.title")} description={t("admin.audit.description")}>
      <DataTable
        id="audit"
        label={t("admin.audit.title")}
        columns={columns}
        rows={query.data?.items}
        total={query.data?.total}
        query={query}
        list={list}
        getRowId={(r) => String(r.id)}
        toolbar={
          <ListToolbar
            list={list}
            filters={[
              {
                key: "action",
                label: t("admin.audit.action"),
                allLabel: t("admin.audit.allActions"),
                options: AUDIT_ACTIONS.map((a: TAuditAction) => ({ value: a, label: words.auditAction(a) })),
              },
            ]}
          >
            {platform ? (
              <TenantSelect
                value={tenantFilter ?? ALL}
                onChange={(v) => list.setFilter("tenant", v === ALL ? undefined : v)}
                className="h-8 w-full sm:w-56"
                aria-label={t("admin.audit.filterTenant")}
                extraOptions={[
                  { value: ALL, label: t("admin.allTenants") },
                  { value: PLATFORM_LEVEL, label: t("admin.audit.platformOnly") },
                ]}
              />
            ) : null}
          </ListToolbar>
        }
        empty={{ icon: <ScrollTextIcon />, title: t("admin.audit.emptyTitle") }}
      />
    </ListPage>
  );
}
