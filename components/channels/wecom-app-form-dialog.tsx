"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { zodFieldErrors } from "@/components/admin/form-errors";
import { GLOBAL_TENANT, TenantSelect } from "@/components/admin/tenant-select";
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
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ZCreateWecomAppInput, ZUpdateWecomAppInput } from "@/lib/schemas/wecom-app";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import type { WecomApp } from "./types";

type Draft = {
  app_name: string;
  corp_id: string;
  agent_id: string;
  secret: string;
  to_user: string;
  to_party: string;
  to_tag: string;
  is_enabled: boolean;
  tenant: string;
};

function draftOf(app: WecomApp | null): Draft {
  return {
    app_name: app?.app_name ?? "",
    corp_id: app?.corp_id ?? "",
    agent_id: app ? String(app.agent_id) : "",
    secret: "",
    to_user: app?.to_user ?? "",
    to_party: app?.to_party ?? "",
    to_tag: app?.to_tag ?? "",
    is_enabled: app?.is_enabled ?? true,
    tenant: GLOBAL_TENANT,
  };
}

/** Create (app = null) or edit a WeCom application; its secret is write-only. */
function WecomAppFormDialogBody({
  onOpenChange,
  app,
}: {
  onOpenChange: (open: boolean) => void;
  app: WecomApp | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(app));
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const onSaved = async (name: string, created: boolean) => {
    await queryClient.invalidateQueries(trpc.wecomApps.pathFilter());
    toast.success(
      t(created ? "channels.wecomApps.form.created" : "channels.wecomApps.form.updated", { name }),
    );
    onOpenChange(false);
  };
  const create = useMutation(
    trpc.wecomApps.create.mutationOptions({ onSuccess: (a) => onSaved(a.app_name, true) }),
  );
  const update = useMutation(
    trpc.wecomApps.update.mutationOptions({ onSuccess: (a) => onSaved(a.app_name, false) }),
  );
  const mutation = app ? update : create;
  const serverErrors = mutation.error ? fieldErrors(mutation.error, t) : {};
  const shown = { ...serverErrors, ...errors };
  const formError =
    mutation.error && Object.keys(serverErrors).length === 0 ? errorMessage(mutation.error, t) : null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: "" }));
    mutation.reset();
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const recipients = {
      to_user: draft.to_user.trim() || null,
      to_party: draft.to_party.trim() || null,
      to_tag: draft.to_tag.trim() || null,
    };
    if (!recipients.to_user && !recipients.to_party && !recipients.to_tag) {
      return setErrors({ to_user: t("channels.wecomApps.form.recipientsNeeded") });
    }
    const common = {
      app_name: draft.app_name,
      corp_id: draft.corp_id,
      agent_id: draft.agent_id,
      ...recipients,
      is_enabled: draft.is_enabled,
    };
    if (app) {
      const parsed = ZUpdateWecomAppInput.safeParse({ ...common, secret: draft.secret.trim() || undefined });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error, t));
      update.mutate({ id: app.id, data: parsed.data });
    } else {
      const tenant_id =
        scope.type === "tenant" ? scope.tenantId : draft.tenant === GLOBAL_TENANT ? null : draft.tenant;
      const parsed = ZCreateWecomAppInput.safeParse({ ...common, secret: draft.secret, tenant_id });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error, t));
      create.mutate(parsed.data);
    }
  }

  return (
    <DialogContent
      className="sm:max-w-xl"
      onInteractOutside={(e) => mutation.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => mutation.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>
          {app ? t("channels.wecomApps.form.editTitle") : t("channels.wecomApps.form.createTitle")}
        </DialogTitle>
        <DialogDescription>{t("channels.wecomApps.form.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="wecom-app-form">
        {!app && scope.type === "platform" ? (
          <Field error={shown.tenant_id}>
            <FieldLabel>{t("channels.wecomApps.form.tenant")}</FieldLabel>
            <FieldControl>
              <TenantSelect
                value={draft.tenant}
                onChange={(v) => set("tenant", v)}
                allowGlobal
                globalLabel={t("channels.wecomApps.form.tenantGlobal")}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        ) : null}
        <Field error={shown.app_name}>
          <FieldLabel>{t("channels.wecomApps.form.name")}</FieldLabel>
          <FieldControl>
            <Input
              value={draft.app_name}
              onChange={(e) => set("app_name", e.target.value)}
              maxLength={100}
              autoComplete="off"
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={shown.corp_id}>
            <FieldLabel>{t("channels.wecomApps.form.corpId")}</FieldLabel>
            <FieldControl>
              <Input
                value={draft.corp_id}
                onChange={(e) => set("corp_id", e.target.value)}
                className="font-mono"
                autoComplete="off"
                spellCheck={false}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
          <Field error={shown.agent_id}>
            <FieldLabel>{t("channels.wecomApps.form.agentId")}</FieldLabel>
            <FieldControl>
              <Input
                value={draft.agent_id}
                onChange={(e) => set("agent_id", e.target.value)}
                inputMode="numeric"
                className="font-mono"
                autoComplete="off"
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        </div>
        <Field error={shown.secret}>
          <FieldLabel>{t("channels.wecomApps.form.secret")}</FieldLabel>
          <FieldControl>
            <Input
              type="password"
              value={draft.secret}
              onChange={(e) => set("secret", e.target.value)}
              placeholder={app?.secret_set ? t("channels.wecomApps.form.secretKeep") : undefined}
              autoComplete="new-password"
              spellCheck={false}
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        <Field error={shown.to_user}>
          <FieldLabel>{t("channels.wecomApps.form.toUser")}</FieldLabel>
          <FieldControl>
            <Input
              value={draft.to_user}
              onChange={(e) => set("to_user", e.target.value)}
              placeholder="@all"
              className="font-mono"
              autoComplete="off"
            />
          </FieldControl>
          <FieldDescription>{t("channels.wecomApps.form.toUserHint")}</FieldDescription>
          <FieldMessage />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={shown.to_party}>
            <FieldLabel>{t("channels.wecomApps.form.toParty")}</FieldLabel>
            <FieldControl>
              <Input
                value={draft.to_party}
                onChange={(e) => set("to_party", e.target.value)}
                className="font-mono"
                autoComplete="off"
              />
            </FieldControl>
            <FieldDescription>{t("channels.wecomApps.form.toPartyHint")}</FieldDescription>
            <FieldMessage />
          </Field>
          <Field error={shown.to_tag}>
            <FieldLabel>{t("channels.wecomApps.form.toTag")}</FieldLabel>
            <FieldControl>
              <Input
                value={draft.to_tag}
                onChange={(e) => set("to_tag", e.target.value)}
                className="font-mono"
                autoComplete="off"
              />
            </FieldControl>
            <FieldDescription>{t("channels.wecomApps.form.toTagHint")}</FieldDescription>
            <FieldMessage />
          </Field>
        </div>
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <Label htmlFor="wecom-app-enabled">{t("channels.wecomApps.form.enabled")}</Label>
          <Switch
            id="wecom-app-enabled"
            checked={draft.is_enabled}
            onCheckedChange={(v) => set("is_enabled", v)}
          />
        </div>
        {formError ? <FormError>{formError}</FormError> : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={mutation.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" form="wecom-app-form" disabled={mutation.isPending}>
          {mutation.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function WecomAppFormDialog({
  open,
  onOpenChange,
  app,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  app: WecomApp | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? <WecomAppFormDialogBody key={app?.id ?? "new"} onOpenChange={onOpenChange} app={app} /> : null}
    </Dialog>
  );
}
