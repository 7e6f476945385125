"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { useMe } from "@/components/shell/me-context";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, FieldControl, FieldLabel, FieldMessage, Form, FormError } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { TenantSelect } from "./tenant-select";
import type { TenantConfigRow } from "./types";

const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Create or edit one tenant × app_code × key value; secret values are write-only. */
function TenantConfigFormDialogBody({
  onOpenChange,
  config,
}: {
  onOpenChange: (open: boolean) => void;
  config: TenantConfigRow | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const [tenant, setTenant] = React.useState<string | undefined>(
    config?.tenant_id ?? (scope.type === "tenant" ? scope.tenantId : undefined),
  );
  const [appCode, setAppCode] = React.useState(config?.app_code ?? "");
  const [key, setKey] = React.useState(config?.config_key ?? "");
  const [value, setValue] = React.useState(config?.config_value ?? "");
  const [isSecret, setIsSecret] = React.useState(config?.is_secret ?? false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const save = useMutation(
    trpc.tenantConfigs.set.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries(trpc.tenantConfigs.pathFilter());
        toast.success(t("admin.configs.saved", { app: row.app_code, key: row.config_key }));
        onOpenChange(false);
      },
    }),
  );

  const server = save.error ? fieldErrors(save.error, t) : {};
  const shown = { ...server, ...errors };
  // Editing a stored secret: an empty value keeps it.
  const keepsSecret = config?.is_secret && config.value_set && isSecret;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!tenant) next.tenant_id = t("admin.configs.tenantRequired");
    if (!CODE_PATTERN.test(appCode.trim())) next.app_code = t("admin.secrets.keyHint", { example: "erp" });
    if (!key.trim()) next.config_key = t("common.required");
    if (isSecret && !value && !keepsSecret) next.config_value = t("common.required");
    if (Object.keys(next).length) return setErrors(next);
    if (keepsSecret && !value) {
      onOpenChange(false);
      return;
    }
    save.mutate({
      tenant_id: tenant,
      app_code: appCode.trim(),
      config_key: key.trim(),
      config_value: value,
      is_secret: isSecret,
    });
  }

  return (
    <DialogContent
      onInteractOutside={(e) => save.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => save.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>
          {config
            ? t("admin.configs.editTitle", { app: config.app_code, key: config.config_key })
            : t("admin.configs.createTitle")}
        </DialogTitle>
        <DialogDescription>{t("admin.configs.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="tenant-config-form">
        {scope.type === "platform" && !config ? (
          <Field error={shown.tenant_id}>
            <FieldLabel>{t("admin.tenant")}</FieldLabel>
            <FieldControl>
              <TenantSelect
                value={tenant}
                onChange={setTenant}
                placeholder={t("admin.configs.tenantRequired")}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={shown.app_code}>
            <FieldLabel>{t("admin.configs.appCode")}</FieldLabel>
            <FieldControl>
              <Input
                value={appCode}
                onChange={(e) => setAppCode(e.target.value)}
                readOnly={config !== null}
                className="font-mono"
                autoComplete="off"
                maxLength={50}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
          <Field error={shown.config_key}>
            <FieldLabel>{t("admin.configs.key")}</FieldLabel>
            <FieldControl>
              <Input
                value={key}
                onChange={(e) => setKey(e.target.value)}
                readOnly={config !== null}
                className="font-mono"
                autoComplete="off"
                maxLength={100}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        </div>
        <Field error={shown.config_value}>
          <FieldLabel>{t("admin.configs.value")}</FieldLabel>
          <FieldControl>
            {isSecret ? (
              <Input
                type="password"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                placeholder={keepsSecret ? t("admin.configs.secretKeep") : undefined}
                autoComplete="new-password"
              />
            ) : (
              <Textarea
                value={value}
                onChange={(e) => setValue(e.target.value)}
                rows={3}
                className="font-mono text-xs md:text-xs"
              />
            )}
          </FieldControl>
          <FieldMessage />
        </Field>
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <div className="flex flex-col">
            <Label htmlFor="tenant-config-secret">{t("admin.configs.secret")}</Label>
            <span className="text-xs text-muted-foreground">{t("admin.configs.secretHint")}</span>
          </div>
          <Switch
            id="tenant-config-secret"
            checked={isSecret}
            onCheckedChange={(v) => {
              setIsSecret(v);
              // Never carry a plain value into the masked input, or show nothing for a secret turned plain.
              setValue("");
            }}
          />
        </div>
        {save.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(save.error, t)}</FormError>
        ) : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={save.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" form="tenant-config-form" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function TenantConfigFormDialog({
  open,
  onOpenChange,
  config,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  config: TenantConfigRow | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? (
        <TenantConfigFormDialogBody key={config?.id ?? "new"} onOpenChange={onOpenChange} config={config} />
      ) : null}
    </Dialog>
  );
}
