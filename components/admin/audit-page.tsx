"use client";

import * as React from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { BotIcon, KeySquareIcon, ScrollTextIcon, UserRoundIcon } from "lucide-react";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { TenantSelect } from "./tenant-select";
import type { AuditRow } from "./types";

const PAGE = 50;
const ALL = "__all__";
const PLATFORM_LEVEL = "__platform_level__";

const ACTOR_ICON = { user: UserRoundIcon, token: KeySquareIcon, system: BotIcon } as const;

/** /audit: newest first, 50 at a time with "load more" (keyset cursor); platform admins filter by tenant. */
export function AuditPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { scope } = useMe();
  const [filter, setFilter] = React.useState<string>(ALL);
  const tenantId =
    scope.type !== "platform" || filter === ALL ? undefined : filter === PLATFORM_LEVEL ? "" : filter;
  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: PAGE, ...(tenantId !== undefined ? { tenant_id: tenantId } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const showTenant = scope.type === "platform";

  return (
    <div className="flex flex-col gap-5">
      <PageHeader title={t("admin.audit.title")} description={t("admin.audit.description")} />
      {showTenant ? (
        <TenantSelect
          value={filter}
          onChange={setFilter}
          className="w-full max-w-xs"
          aria-label={t("admin.audit.filterTenant")}
          extraOptions={[
            { value: ALL, label: t("admin.allTenants") },
            { value: PLATFORM_LEVEL, label: t("admin.audit.platformOnly") },
          ]}
        />
      ) : null}
      <ListStates
        query={query}
        isEmpty={rows.length === 0}
        empty={{ icon: <ScrollTextIcon />, title: t("admin.audit.emptyTitle") }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.audit.when")}</TableHead>
                <TableHead>{t("admin.audit.action")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.audit.who")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("admin.audit.entity")}</TableHead>
                {showTenant ? (
                  <TableHead className="hidden lg:table-cell">{t("admin.tenant")}</TableHead>
                ) : null}
                <TableHead className="hidden lg:table-cell">{t("admin.audit.details")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <AuditLine key={String(row.id)} row={row} locale={locale} showTenant={showTenant} />
              ))}
            </TableBody>
          </Table>
        </div>
        <div className="flex justify-center">
          {query.hasNextPage ? (
            <Button
              variant="outline"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
            >
              {query.isFetchingNextPage ? t("admin.audit.loadingMore") : t("admin.audit.loadMore")}
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">{t("admin.audit.end")}</p>
          )}
        </div>
      </ListStates>
    </div>
  );
}

function AuditLine({ row, locale, showTenant }: { row: AuditRow; locale: "zh" | "en"; showTenant: boolean }) {
  const t = useT();
  const Icon = ACTOR_ICON[row.actorType];
  const details = row.details == null ? null : JSON.stringify(row.details, null, 2);
  return (
    <TableRow className="align-top">
      <TableCell className="whitespace-nowrap text-muted-foreground">
        {formatDateTime(row.createdAt, locale)}
      </TableCell>
      <TableCell>
        <div className="flex min-w-0 flex-col gap-1">
          <code className="font-mono text-xs font-medium">{row.action}</code>
          {/* On phones who and what move under the action. */}
          <span className="truncate text-xs text-muted-foreground md:hidden">{row.actorId}</span>
          {details ? (
            <details className="lg:hidden">
              <summary className="cursor-pointer text-xs text-muted-foreground">
                {t("admin.audit.details")}
              </summary>
              <pre className="mt-1 max-w-[70vw] overflow-auto rounded bg-muted p-2 font-mono text-xs">
                {details}
              </pre>
            </details>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="hidden md:table-cell">
        <span className="flex min-w-0 items-center gap-1.5">
          <Icon
            className="size-3.5 shrink-0 text-muted-foreground"
            aria-label={t(`admin.audit.actor.${row.actorType}`)}
          />
          <span className="truncate">{row.actorId}</span>
        </span>
      </TableCell>
      <TableCell className="hidden sm:table-cell">
        <code className="font-mono text-xs whitespace-nowrap">
          {row.entityType}
          {row.entityId ? <span className="text-muted-foreground"> #{row.entityId}</span> : null}
        </code>
      </TableCell>
      {showTenant ? (
        <TableCell className="hidden lg:table-cell">
          {row.tenantId ? (
            <code className="font-mono text-xs">{row.tenantId}</code>
          ) : (
            <Badge variant="outline">{t("admin.audit.platformOnly")}</Badge>
          )}
        </TableCell>
      ) : null}
      <TableCell className="hidden max-w-[22rem] lg:table-cell">
        {details ? (
          <details>
            <summary className="cursor-pointer truncate font-mono text-xs text-muted-foreground">
              {JSON.stringify(row.details)}
            </summary>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-muted p-2 font-mono text-xs">
              {details}
            </pre>
          </details>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </TableCell>
    </TableRow>
  );
}
