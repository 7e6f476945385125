"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon, XIcon } from "lucide-react";

import { useErrorText } from "@/components/i18n/use-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogFrame } from "@/components/forms";
import { FormError } from "@/components/ui/form";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import type { DataSourceSummary } from "@/server/services/data-sources";
import { GLOBAL_TENANT, TenantSelect } from "./tenant-select";

/**
 * Which tenants' scripts may query a source: the grants, each removable, and one to add. Goes in
 * a RowDialog, so every opening starts from no choice.
 */
export function DataSourceGrantsDialog({ source }: { source: DataSourceSummary }) {
  const t = useT();
  const say = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tenant, setTenant] = React.useState<string | undefined>(undefined);
  const [isDefault, setIsDefault] = React.useState(true);
  const invalidate = () => queryClient.invalidateQueries(trpc.dataSources.pathFilter());
  const grant = useMutation(trpc.dataSources.grant.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.dataSources.revoke.mutationOptions({ onSuccess: invalidate }));
  const error = grant.error ?? revoke.error;
  const toTenant = (v: string) => (v === GLOBAL_TENANT ? null : v);

  return (
    <DialogFrame
      title={t("dataSources.grantsTitle", { name: source.name })}
      description={t("dataSources.grantsHint")}
      footer={
        <Button
          disabled={tenant === undefined || grant.isPending}
          onClick={() =>
            tenant !== undefined &&
            grant.mutate({ data_source_id: source.id, tenant_id: toTenant(tenant), is_default: isDefault })
          }
        >
          <PlusIcon aria-hidden />
          {t("dataSources.grantAdd")}
        </Button>
      }
    >
      <ul className="flex flex-col divide-y rounded-md border">
        {source.grants.length === 0 ? (
          <li className="px-3 py-2 text-sm text-muted-foreground">{t("dataSources.grantNone")}</li>
        ) : (
          source.grants.map((g) => (
            <li key={g.tenant_id ?? ""} className="flex items-center justify-between gap-2 px-3 py-2">
              <span className="flex items-center gap-2">
                <code className="font-mono text-sm">{g.tenant_id ?? t("dataSources.globalTasks")}</code>
                {g.is_default ? <Badge variant="secondary">{t("dataSources.defaultBadge")}</Badge> : null}
              </span>
              <Button
                variant="ghost"
                size="sm"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ data_source_id: source.id, tenant_id: g.tenant_id })}
              >
                <XIcon aria-hidden />
                {t("dataSources.grantRemove")}
              </Button>
            </li>
          ))
        )}
      </ul>
      <div className="flex flex-col gap-3">
        <Label>{t("dataSources.grantTenant")}</Label>
        <TenantSelect
          value={tenant}
          onChange={setTenant}
          allowGlobal
          globalLabel={t("dataSources.globalTasks")}
          aria-label={t("dataSources.grantTenant")}
        />
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <Label htmlFor="grant-default">{t("dataSources.grantDefault")}</Label>
          <Switch id="grant-default" checked={isDefault} onCheckedChange={setIsDefault} />
        </div>
        {error ? <FormError>{say(error)}</FormError> : null}
      </div>
    </DialogFrame>
  );
}
