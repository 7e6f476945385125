"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LockIcon, PencilIcon, PlusIcon, SlidersHorizontalIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { ReadOnlyNote } from "./read-only-note";
import { RowActions } from "@/components/data-table/row-actions";
import { TenantConfigFormDialog } from "./tenant-config-form-dialog";
import type { TenantConfigRow } from "./types";

/** /tenant-configs: tenant × app_code × key values; secret values are masked and write-only. */
export function TenantConfigsPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite, scope } = useMe();
  const [appFilter, setAppFilter] = React.useState("");
  const appCode = useDebounced(appFilter.trim(), 300);
  const query = useQuery(trpc.tenantConfigs.list.queryOptions(appCode ? { app_code: appCode } : undefined));
  const [editing, setEditing] = React.useState<{ config: TenantConfigRow | null } | null>(null);
  const [deleting, setDeleting] = React.useState<TenantConfigRow | null>(null);
  const remove = useMutation(
    trpc.tenantConfigs.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.tenantConfigs.pathFilter());
        toast.success(
          t("admin.configs.removed", { app: deleting?.app_code ?? "", key: deleting?.config_key ?? "" }),
        );
        setDeleting(null);
      },
    }),
  );
  const showTenant = scope.type === "platform";

  const createButton = canWrite ? (
    <Button onClick={() => setEditing({ config: null })}>
      <PlusIcon aria-hidden />
      {t("admin.configs.create")}
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("admin.configs.title")}
        description={t("admin.configs.description")}
        actions={createButton}
      />
      {!canWrite ? <ReadOnlyNote>{t("admin.readOnly")}</ReadOnlyNote> : null}
      <Input
        value={appFilter}
        onChange={(e) => setAppFilter(e.target.value)}
        placeholder={t("admin.configs.filterApp")}
        aria-label={t("admin.configs.filterApp")}
        className="max-w-xs font-mono"
      />
      <ListStates
        query={query}
        isEmpty={query.data?.length === 0}
        empty={{
          icon: <SlidersHorizontalIcon />,
          title: t("admin.configs.emptyTitle"),
          description: t("admin.configs.emptyHint"),
          action: appCode ? null : createButton,
        }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                {showTenant ? (
                  <TableHead className="hidden sm:table-cell">{t("admin.tenant")}</TableHead>
                ) : null}
                <TableHead>{t("admin.configs.appCode")}</TableHead>
                <TableHead>{t("admin.configs.value")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.updatedAt")}</TableHead>
                {canWrite ? <TableHead className="w-0 text-right">{t("common.actions")}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((config) => (
                <TableRow key={config.id}>
                  {showTenant ? (
                    <TableCell className="hidden font-mono text-xs sm:table-cell">
                      {config.tenant_id}
                    </TableCell>
                  ) : null}
                  <TableCell>
                    <code className="font-mono text-xs">
                      <span className="text-muted-foreground">{config.app_code}.</span>
                      <span className="font-medium">{config.config_key}</span>
                    </code>
                  </TableCell>
                  <TableCell className="max-w-[18rem]">
                    {config.is_secret ? (
                      <span className="flex items-center gap-2">
                        <Badge variant="secondary">
                          <LockIcon aria-hidden />
                          {t("admin.configs.secretBadge")}
                        </Badge>
                        <span className="font-mono text-muted-foreground">
                          {config.value_set ? t("admin.secrets.masked") : t("admin.configs.notSet")}
                        </span>
                      </span>
                    ) : config.config_value === null ? (
                      <span className="text-muted-foreground">{t("admin.configs.notSet")}</span>
                    ) : (
                      <code className="block truncate font-mono text-xs" title={config.config_value}>
                        {config.config_value}
                      </code>
                    )}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                    {formatDateTime(config.updated_at, locale)}
                  </TableCell>
                  {canWrite ? (
                    <TableCell className="text-right">
                      <RowActions
                        label={`${t("common.actions")} ${config.app_code}.${config.config_key}`}
                        actions={[
                          {
                            label: t("common.edit"),
                            icon: <PencilIcon aria-hidden />,
                            onSelect: () => setEditing({ config }),
                          },
                          {
                            label: t("common.delete"),
                            icon: <Trash2Icon aria-hidden />,
                            destructive: true,
                            onSelect: () => {
                              remove.reset();
                              setDeleting(config);
                            },
                          },
                        ]}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </ListStates>
      <TenantConfigFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        config={editing?.config ?? null}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("admin.configs.removeTitle", {
          app: deleting?.app_code ?? "",
          key: deleting?.config_key ?? "",
        })}
        description={t("admin.configs.removeHint")}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = React.useState(value);
  React.useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}
