"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { FormDialog, FormField, TextField, TextareaField } from "@/components/forms";
import { useMe } from "@/components/shell/me-context";
import { useT } from "@/lib/i18n/client";
import { ZSetSecretInput, type TSetSecretInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import { GLOBAL_TENANT, TenantSelect } from "./tenant-select";
import type { SecretRow } from "./types";

/** New secret (secret = null) or a new value for an existing one. The value is write-only. */
export function SecretFormDialog({
  open,
  onOpenChange,
  secret,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  secret: SecretRow | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const save = useMutation(trpc.secrets.set.mutationOptions());
  const defaults: TSetSecretInput = {
    secret_key: secret?.secret_key ?? "",
    secret_value: "",
    description: secret?.description ?? "",
    tenant_id: scope.type === "tenant" ? scope.tenantId : (secret?.tenant_id ?? GLOBAL_TENANT),
  };
  return (
    <FormDialog
      id="secret"
      open={open}
      onOpenChange={onOpenChange}
      schema={ZSetSecretInput}
      defaults={defaults}
      title={
        secret ? t("admin.secrets.setTitle", { key: secret.secret_key }) : t("admin.secrets.createTitle")
      }
      description={t("admin.secrets.valueHint")}
      onSubmit={async (v) => {
        const row = await save.mutateAsync({
          ...v,
          description: v.description || null,
          tenant_id: v.tenant_id === GLOBAL_TENANT ? null : v.tenant_id,
        });
        await queryClient.invalidateQueries(trpc.secrets.pathFilter());
        return row;
      }}
      success={(row) => t("admin.secrets.saved", { key: (row as SecretRow).secret_key })}
    >
      {(form) => (
        <>
          {!secret && scope.type === "platform" ? (
            <FormField
              name="tenant_id"
              label={t("admin.tenant")}
              description={
                form.watch("tenant_id") === GLOBAL_TENANT ? t("admin.secrets.globalHint") : undefined
              }
              render={(field) => (
                <TenantSelect
                  value={(field.value as string | undefined) ?? GLOBAL_TENANT}
                  onChange={field.onChange}
                  allowGlobal
                  globalLabel={t("admin.tenantGlobalOption")}
                />
              )}
            />
          ) : null}
          <TextField
            name="secret_key"
            label={t("admin.secrets.key")}
            description={t("admin.secrets.keyHint", {
              example: form.watch("secret_key")?.trim() || "API_KEY",
            })}
            readOnly={secret !== null}
            className="[&_input]:font-mono"
            autoComplete="off"
            spellCheck={false}
            counter={100}
          />
          <TextField
            name="secret_value"
            label={t("admin.secrets.value")}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
          />
          <TextareaField
            name="description"
            label={t("admin.secrets.descriptionLabel")}
            rows={2}
            counter={255}
          />
        </>
      )}
    </FormDialog>
  );
}
