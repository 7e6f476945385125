"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { FieldPair, FormDialog, FormField, SelectField, TextField } from "@/components/forms";
import { useMe } from "@/components/shell/me-context";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useT } from "@/lib/i18n/client";
import { ZCreateTokenInput, type TCreateTokenInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import { TenantField } from "./tenant-select";

const PLATFORM = "__platform__";
const FOREVER = "forever";
const EXPIRY_DAYS = [30, 90, 365] as const;

export type CreatedToken = { token: string; name: string };

/** New API token; on success hands the plain token to `onCreated` (shown once, by the caller). */
export function TokenCreateDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (created: CreatedToken) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const create = useMutation(trpc.tokens.create.mutationOptions());
  const defaults: TCreateTokenInput = {
    name: "",
    tenant_id: scope.type === "platform" ? PLATFORM : undefined,
    role: scope.type === "platform" ? "platform_admin" : "tenant_admin",
    expires_in_days: 90,
  };
  return (
    <FormDialog
      id="token"
      open={open}
      onOpenChange={onOpenChange}
      schema={ZCreateTokenInput}
      defaults={defaults}
      title={t("admin.tokens.createTitle")}
      description={t("admin.tokens.description")}
      submitLabel={t("common.create")}
      onSubmit={async (v) => {
        const res = await create.mutateAsync({
          ...v,
          tenant_id: v.tenant_id === PLATFORM ? null : v.tenant_id,
        });
        await queryClient.invalidateQueries(trpc.tokens.pathFilter());
        onCreated({ token: res.token, name: res.apiToken.name });
        return res;
      }}
      success={(res) =>
        t("admin.tokens.created", { name: (res as { apiToken: { name: string } }).apiToken.name })
      }
    >
      {(form) => {
        const platformToken = form.watch("tenant_id") === PLATFORM;
        const roles = platformToken
          ? (["platform_admin", "viewer"] as const)
          : (["tenant_admin", "viewer"] as const);
        return (
          <>
            <TextField
              name="name"
              label={t("admin.tokens.name")}
              placeholder={t("admin.tokens.namePlaceholder")}
              autoComplete="off"
              counter={100}
            />
            {scope.type === "platform" ? (
              <TenantField
                label={t("admin.tokens.tokenTenant")}
                fallback={PLATFORM}
                onPick={(v) => form.setValue("role", v === PLATFORM ? "platform_admin" : "tenant_admin")}
                aria-label={t("admin.tokens.tokenTenant")}
                extraOptions={[{ value: PLATFORM, label: t("admin.tokens.platformToken") }]}
              />
            ) : null}
            <FieldPair>
              <SelectField
                name="role"
                label={t("admin.tokens.role")}
                options={roles.map((r) => ({ value: r, label: t(`common.roles.${r}`) }))}
              />
              <FormField
                name="expires_in_days"
                label={t("admin.tokens.expiresIn")}
                render={(field) => (
                  <Select
                    value={field.value === undefined ? FOREVER : String(field.value)}
                    onValueChange={(v) => field.onChange(v === FOREVER ? undefined : Number(v))}
                  >
                    <SelectTrigger
                      className="w-full"
                      aria-label={t("admin.tokens.expiresIn")}
                      ref={field.ref}
                    >
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {EXPIRY_DAYS.map((d) => (
                        <SelectItem key={d} value={String(d)}>
                          {t("admin.tokens.days", { days: d })}
                        </SelectItem>
                      ))}
                      <SelectItem value={FOREVER}>{t("admin.tokens.forever")}</SelectItem>
                    </SelectContent>
                  </Select>
                )}
              />
            </FieldPair>
          </>
        );
      }}
    </FormDialog>
  );
}
