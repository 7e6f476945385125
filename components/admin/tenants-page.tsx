"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2Icon, GlobeIcon, PencilIcon, PlusIcon, Trash2Icon, UsersIcon } from "lucide-react";
import { toast } from "sonner";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { useSwitchTenant } from "@/components/shell/tenant-switcher";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { ForbiddenState } from "./forbidden-state";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { MembersDialog } from "./members-dialog";
import { RowActions } from "@/components/data-table/row-actions";
import { TenantFormDialog } from "./tenant-form-dialog";
import type { TenantRow } from "./types";

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
  const queryClient = useQueryClient();
  const query = useQuery(trpc.tenants.list.queryOptions());
  const [editing, setEditing] = React.useState<{ tenant: TenantRow | null } | null>(null);
  const [membersOf, setMembersOf] = React.useState<TenantRow | null>(null);
  const [deleting, setDeleting] = React.useState<TenantRow | null>(null);
  const remove = useMutation(
    trpc.tenants.delete.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.tenants.pathFilter()),
          queryClient.invalidateQueries(trpc.me.pathFilter()),
        ]);
        toast.success(t("admin.tenants.removed", { name: deleting?.name ?? "" }));
        setDeleting(null);
      },
    }),
  );

  const createButton = (
    <Button onClick={() => setEditing({ tenant: null })}>
      <PlusIcon aria-hidden />
      {t("admin.tenants.create")}
    </Button>
  );

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("admin.tenants.title")}
        description={t("admin.tenants.description")}
        actions={createButton}
      />
      <ListStates
        query={query}
        isEmpty={query.data?.length === 0}
        empty={{ icon: <Building2Icon />, title: t("admin.tenants.emptyTitle"), action: createButton }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.tenants.name")}</TableHead>
                <TableHead>{t("admin.tenants.status")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.tenants.holidays")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.tenants.workdays")}</TableHead>
                <TableHead className="hidden lg:table-cell">{t("admin.createdAt")}</TableHead>
                <TableHead className="w-0 text-right">{t("common.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((tenant) => (
                <TableRow key={tenant.tenantId}>
                  <TableCell className="max-w-[16rem]">
                    <div className="flex min-w-0 flex-col">
                      <span className="truncate font-medium">{tenant.name}</span>
                      <code className="truncate font-mono text-xs text-muted-foreground">
                        {tenant.tenantId}
                      </code>
                    </div>
                  </TableCell>
                  <TableCell>
                    {tenant.isEnabled ? (
                      <Badge variant="success">{t("admin.tenants.enabledOn")}</Badge>
                    ) : (
                      <Badge variant="outline" className="text-muted-foreground">
                        {t("admin.tenants.enabledOff")}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="hidden md:table-cell">{count(tenant.extraHolidays) || "—"}</TableCell>
                  <TableCell className="hidden md:table-cell">{count(tenant.extraWorkdays) || "—"}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                    {formatDateTime(tenant.createdAt, locale)}
                  </TableCell>
                  <TableCell className="text-right">
                    <div className="flex items-center justify-end gap-1">
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => setMembersOf(tenant)}
                        aria-label={`${t("admin.tenants.members")} ${tenant.name}`}
                      >
                        <UsersIcon aria-hidden />
                        <span className="hidden sm:inline">{t("admin.tenants.members")}</span>
                      </Button>
                      <RowActions
                        label={`${t("common.actions")} ${tenant.name}`}
                        actions={[
                          {
                            label: t("common.edit"),
                            icon: <PencilIcon aria-hidden />,
                            onSelect: () => setEditing({ tenant }),
                          },
                          {
                            label: t("common.delete"),
                            icon: <Trash2Icon aria-hidden />,
                            destructive: true,
                            onSelect: () => {
                              remove.reset();
                              setDeleting(tenant);
                            },
                          },
                        ]}
                      />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </ListStates>
      <TenantFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        tenant={editing?.tenant ?? null}
      />
      <MembersDialog tenant={membersOf} onOpenChange={(o) => !o && setMembersOf(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("admin.tenants.removeTitle", { name: deleting?.name ?? "" })}
        description={t("admin.tenants.removeHint")}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() => deleting && remove.mutate({ tenant_id: deleting.tenantId })}
      />
    </div>
  );
}
