"use client";

import { useMutation } from "@tanstack/react-query";

import { type DialogState } from "@/components/data-table";
import { CodeField, FieldPair, FormDialog, FormField } from "@/components/forms";
import { useMe } from "@/components/shell/me-context";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { ZSetTenantConfigInput, type TSetTenantConfigInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import { TenantField } from "./tenant-select";
import type { TenantConfigRow } from "./types";

/** Create or edit one tenant × app_code × key value; secret values are write-only. */
export function TenantConfigFormDialog({ dialog }: { dialog: DialogState<TenantConfigRow> }) {
  const config = dialog.row;
  const t = useT();
  const trpc = useTRPC();
  const { scope } = useMe();
  const save = useMutation(trpc.tenantConfigs.set.mutationOptions());
  const defaults: TSetTenantConfigInput = {
    tenant_id: config?.tenant_id ?? (scope.type === "tenant" ? scope.tenantId : undefined),
    app_code: config?.app_code ?? "",
    config_key: config?.config_key ?? "",
    config_value: config?.config_value ?? "",
    is_secret: config?.is_secret ?? false,
  };
  // Editing a stored secret: an empty value keeps it.
  const keeps = (isSecret: boolean | undefined) => !!(config?.is_secret && config.value_set && isSecret);
  return (
    <FormDialog
      id="tenant-config"
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      invalidate={trpc.tenantConfigs.pathFilter()}
      schema={ZSetTenantConfigInput}
      defaults={defaults}
      title={
        config
          ? t("admin.configs.editTitle", { app: config.app_code, key: config.config_key })
          : t("admin.configs.createTitle")
      }
      description={t("admin.configs.description")}
      onSubmit={async (v) => (keeps(v.is_secret) && !v.config_value ? config : save.mutateAsync(v))}
      success={(row) => {
        const c = row as TenantConfigRow;
        return t("admin.configs.saved", { app: c.app_code, key: c.config_key });
      }}
    >
      {(form) => {
        const isSecret = !!form.watch("is_secret");
        return (
          <>
            {scope.type === "platform" && !config ? (
              <TenantField
                label={t("admin.tenant")}
                placeholder={t("admin.configs.tenantRequired")}
                aria-label={t("admin.tenant")}
              />
            ) : null}
            <FieldPair>
              <CodeField
                name="app_code"
                label={t("admin.configs.appCode")}
                readOnly={config !== null}
                counter={50}
              />
              <CodeField
                name="config_key"
                label={t("admin.configs.key")}
                readOnly={config !== null}
                counter={100}
              />
            </FieldPair>
            <FormField
              name="config_value"
              label={t("admin.configs.value")}
              render={(field) =>
                isSecret ? (
                  <Input
                    {...field}
                    value={(field.value as string | null) ?? ""}
                    type="password"
                    placeholder={keeps(true) ? t("admin.configs.secretKeep") : undefined}
                    autoComplete="new-password"
                  />
                ) : (
                  <Textarea
                    {...field}
                    value={(field.value as string | null) ?? ""}
                    rows={3}
                    className="font-mono text-xs md:text-xs"
                  />
                )
              }
            />
            <FormField
              name="is_secret"
              label={t("admin.configs.secret")}
              description={t("admin.configs.secretHint")}
              row
              render={(field) => (
                <Switch
                  checked={!!field.value}
                  onCheckedChange={(on) => {
                    field.onChange(on);
                    // Never carry a plain value into the masked input, or show nothing for a secret turned plain.
                    form.setValue("config_value", "");
                  }}
                  onBlur={field.onBlur}
                  ref={field.ref}
                />
              )}
            />
          </>
        );
      }}
    </FormDialog>
  );
}
