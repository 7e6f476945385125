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
import {
  Field,
  FieldControl,
  FieldDescription,
  FieldLabel,
  FieldMessage,
  Form,
  FormError,
} from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { GLOBAL_TENANT, TenantSelect } from "./tenant-select";
import type { SecretRow } from "./types";

const KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** New secret (secret = null) or a new value for an existing one. The value is write-only. */
function SecretFormDialogBody({
  onOpenChange,
  secret,
}: {
  onOpenChange: (open: boolean) => void;
  secret: SecretRow | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const [key, setKey] = React.useState(secret?.secret_key ?? "");
  const [value, setValue] = React.useState("");
  const [description, setDescription] = React.useState(secret?.description ?? "");
  const [tenant, setTenant] = React.useState<string>(secret?.tenant_id ?? GLOBAL_TENANT);
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const save = useMutation(
    trpc.secrets.set.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries(trpc.secrets.pathFilter());
        toast.success(t("admin.secrets.saved", { key: row.secret_key }));
        onOpenChange(false);
      },
    }),
  );

  const server = save.error ? fieldErrors(save.error) : {};
  const shown = { ...server, ...errors };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!KEY_PATTERN.test(key.trim())) next.secret_key = t("admin.secrets.keyHint", { example: "API_KEY" });
    if (!value) next.secret_value = t("common.required");
    if (Object.keys(next).length) return setErrors(next);
    const tenantId = scope.type === "tenant" ? scope.tenantId : tenant === GLOBAL_TENANT ? null : tenant;
    save.mutate({
      secret_key: key.trim(),
      secret_value: value,
      description: description.trim() || null,
      tenant_id: tenantId,
    });
  }

  return (
    <DialogContent
      onInteractOutside={(e) => save.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => save.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>
          {secret ? t("admin.secrets.setTitle", { key: secret.secret_key }) : t("admin.secrets.createTitle")}
        </DialogTitle>
        <DialogDescription>{t("admin.secrets.valueHint")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="secret-form">
        {!secret && scope.type === "platform" ? (
          <Field error={shown.tenant_id}>
            <FieldLabel>{t("admin.tenant")}</FieldLabel>
            <FieldControl>
              <TenantSelect
                value={tenant}
                onChange={setTenant}
                allowGlobal
                globalLabel={t("admin.tenantGlobalOption")}
              />
            </FieldControl>
            {tenant === GLOBAL_TENANT ? (
              <FieldDescription>{t("admin.secrets.globalHint")}</FieldDescription>
            ) : null}
            <FieldMessage />
          </Field>
        ) : null}
        <Field error={shown.secret_key}>
          <FieldLabel>{t("admin.secrets.key")}</FieldLabel>
          <FieldControl>
            <Input
              value={key}
              onChange={(e) => setKey(e.target.value)}
              readOnly={secret !== null}
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
            />
          </FieldControl>
          <FieldDescription>
            {t("admin.secrets.keyHint", { example: key.trim() || "API_KEY" })}
          </FieldDescription>
          <FieldMessage />
        </Field>
        <Field error={shown.secret_value}>
          <FieldLabel>{t("admin.secrets.value")}</FieldLabel>
          <FieldControl>
            <Input
              type="password"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="new-password"
              spellCheck={false}
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        <Field error={shown.description}>
          <FieldLabel>{t("admin.secrets.descriptionLabel")}</FieldLabel>
          <FieldControl>
            <Textarea
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={255}
              rows={2}
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        {save.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(save.error, t)}</FormError>
        ) : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={save.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" form="secret-form" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function SecretFormDialog({
  open,
  onOpenChange,
  secret,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  secret: SecretRow | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? (
        <SecretFormDialogBody key={secret?.id ?? "new"} onOpenChange={onOpenChange} secret={secret} />
      ) : null}
    </Dialog>
  );
}
