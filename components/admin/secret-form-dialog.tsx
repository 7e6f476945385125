"use client";

import { useMutation } from "@tanstack/react-query";

import { type DialogState } from "@/components/data-table";
import { CodeField, FormDialog, SecretField, TextareaField } from "@/components/forms";
import { useMe } from "@/components/shell/me-context";
import { useT } from "@/lib/i18n/client";
import { ZSetSecretInput, type TSetSecretInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import { GLOBAL_TENANT, TenantField } from "./tenant-select";
import type { SecretRow } from "./types";

/** New secret (secret = null) or a new value for an existing one. The value is write-only. */
export function SecretFormDialog({ dialog }: { dialog: DialogState<SecretRow> }) {
  const secret = dialog.row;
  const t = useT();
  const trpc = useTRPC();
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
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      schema={ZSetSecretInput}
      defaults={defaults}
      title={
        secret ? t("admin.secrets.setTitle", { key: secret.secret_key }) : t("admin.secrets.createTitle")
      }
      description={t("admin.secrets.valueHint")}
      onSubmit={(v) =>
        save.mutateAsync({
          ...v,
          description: v.description || null,
          tenant_id: v.tenant_id === GLOBAL_TENANT ? null : v.tenant_id,
        })
      }
      invalidate={trpc.secrets.pathFilter()}
      success={(row) => t("admin.secrets.saved", { key: (row as SecretRow).secret_key })}
    >
      {(form) => (
        <>
          {!secret && scope.type === "platform" ? (
            <TenantField
              label={t("admin.tenant")}
              description={
                form.watch("tenant_id") === GLOBAL_TENANT ? t("admin.secrets.globalHint") : undefined
              }
              fallback={GLOBAL_TENANT}
              allowGlobal
              globalLabel={t("admin.tenantGlobalOption")}
            />
          ) : null}
          <CodeField
            name="secret_key"
            label={t("admin.secrets.key")}
            description={t("admin.secrets.keyHint", {
              example: form.watch("secret_key")?.trim() || "API_KEY",
            })}
            readOnly={secret !== null}
            counter={100}
          />
          <SecretField name="secret_value" label={t("admin.secrets.value")} />
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
