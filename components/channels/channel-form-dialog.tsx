"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { zodFieldErrors } from "@/components/admin/form-errors";
import { TenantSelect } from "@/components/admin/tenant-select";
import { useMe } from "@/components/shell/me-context";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import {
  CHANNEL_TYPES,
  ZCreateChannelInput,
  ZUpdateChannelInput,
  type ChannelType,
} from "@/lib/schemas/channel";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import type { Channel } from "./types";

type Draft = {
  channel_type: ChannelType;
  channel_name: string;
  webhook_url: string;
  sign_secret: string;
  clear_sign: boolean;
  description: string;
  is_enabled: boolean;
  tenant_id: string | undefined;
};

function draftOf(channel: Channel | null, tenantId: string | undefined): Draft {
  return {
    channel_type: channel?.channel_type ?? "dingtalk_bot",
    channel_name: channel?.channel_name ?? "",
    webhook_url: channel?.webhook_url ?? "",
    sign_secret: "",
    clear_sign: false,
    description: channel?.description ?? "",
    is_enabled: channel?.is_enabled ?? true,
    tenant_id: channel?.tenant_id ?? tenantId,
  };
}

/** Create (channel = null) or edit a group robot. The signing secret is write-only. */
function ChannelFormDialogBody({
  onOpenChange,
  channel,
}: {
  onOpenChange: (open: boolean) => void;
  channel: Channel | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const [draft, setDraft] = React.useState<Draft>(() =>
    draftOf(channel, scope.type === "tenant" ? scope.tenantId : undefined),
  );
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const onSaved = async (name: string, created: boolean) => {
    await queryClient.invalidateQueries(trpc.channels.pathFilter());
    toast.success(t(created ? "channels.form.created" : "channels.form.updated", { name }));
    onOpenChange(false);
  };
  const create = useMutation(
    trpc.channels.create.mutationOptions({ onSuccess: (c) => onSaved(c.channel_name, true) }),
  );
  const update = useMutation(
    trpc.channels.update.mutationOptions({ onSuccess: (c) => onSaved(c.channel_name, false) }),
  );
  const mutation = channel ? update : create;
  const serverErrors = mutation.error ? fieldErrors(mutation.error) : {};
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
    const common = {
      channel_type: draft.channel_type,
      channel_name: draft.channel_name,
      webhook_url: draft.webhook_url,
      description: draft.description.trim() || null,
      is_enabled: draft.is_enabled,
    };
    if (channel) {
      const data = {
        ...common,
        // Omitted keeps the stored secret; null clears it.
        sign_secret: draft.clear_sign
          ? null
          : draft.sign_secret.trim()
            ? draft.sign_secret.trim()
            : undefined,
      };
      const parsed = ZUpdateChannelInput.safeParse(data);
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      update.mutate({ id: channel.id, data });
    } else {
      const data = { ...common, sign_secret: draft.sign_secret.trim() || null, tenant_id: draft.tenant_id };
      const parsed = ZCreateChannelInput.safeParse(data);
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      if (!data.tenant_id) return setErrors({ tenant_id: t("channels.form.tenantHint") });
      create.mutate(data);
    }
  }

  const isDingtalk = draft.channel_type === "dingtalk_bot";

  return (
    <DialogContent
      className="sm:max-w-xl"
      onInteractOutside={(e) => mutation.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => mutation.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>{channel ? t("channels.form.editTitle") : t("channels.form.createTitle")}</DialogTitle>
        <DialogDescription>{t("channels.form.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="channel-form">
        {!channel && scope.type === "platform" ? (
          <Field error={shown.tenant_id}>
            <FieldLabel>{t("channels.form.tenant")}</FieldLabel>
            <FieldControl>
              <TenantSelect
                value={draft.tenant_id}
                onChange={(v) => set("tenant_id", v)}
                placeholder={t("channels.form.tenantHint")}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={shown.channel_type}>
            <FieldLabel>{t("channels.form.type")}</FieldLabel>
            <FieldControl>
              <Select value={draft.channel_type} onValueChange={(v) => set("channel_type", v as ChannelType)}>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {CHANNEL_TYPES.map((type) => (
                    <SelectItem key={type} value={type}>
                      {t(`channels.typeLong.${type}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FieldControl>
            <FieldMessage />
          </Field>
          <Field error={shown.channel_name}>
            <FieldLabel>{t("channels.form.name")}</FieldLabel>
            <FieldControl>
              <Input
                value={draft.channel_name}
                onChange={(e) => set("channel_name", e.target.value)}
                placeholder={t("channels.form.namePlaceholder")}
                maxLength={100}
                autoComplete="off"
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        </div>
        <Field error={shown.webhook_url}>
          <FieldLabel>{t("channels.form.webhook")}</FieldLabel>
          <FieldControl>
            <Input
              value={draft.webhook_url}
              onChange={(e) => set("webhook_url", e.target.value)}
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              className="font-mono text-xs md:text-xs"
            />
          </FieldControl>
          <FieldDescription className="break-all">
            {isDingtalk ? t("channels.form.webhookHintDingtalk") : t("channels.form.webhookHintWecom")}
          </FieldDescription>
          <FieldMessage />
        </Field>
        <Field error={shown.sign_secret}>
          <FieldLabel>{t("channels.form.sign")}</FieldLabel>
          <FieldControl>
            <Input
              type="password"
              value={draft.sign_secret}
              onChange={(e) => set("sign_secret", e.target.value)}
              placeholder={
                channel?.sign_secret_set && !draft.clear_sign ? t("channels.form.signKeep") : "SEC…"
              }
              disabled={draft.clear_sign}
              autoComplete="new-password"
              spellCheck={false}
            />
          </FieldControl>
          <FieldDescription>
            {isDingtalk ? t("channels.form.signHint") : t("channels.form.signWecomHint")}
          </FieldDescription>
          <FieldMessage />
          {channel?.sign_secret_set ? (
            <div className="flex items-center gap-2">
              <Checkbox
                id="channel-clear-sign"
                checked={draft.clear_sign}
                onCheckedChange={(v) => {
                  set("clear_sign", v === true);
                  if (v === true) set("sign_secret", "");
                }}
              />
              <Label htmlFor="channel-clear-sign" className="text-sm font-normal">
                {t("channels.form.signClear")}
              </Label>
            </div>
          ) : null}
        </Field>
        <Field error={shown.description}>
          <FieldLabel>{t("channels.form.descriptionLabel")}</FieldLabel>
          <FieldControl>
            <Textarea
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              maxLength={255}
              rows={2}
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <div className="flex flex-col">
            <Label htmlFor="channel-enabled">{t("channels.form.enabledLabel")}</Label>
            <span className="text-xs text-muted-foreground">{t("channels.form.enabledHint")}</span>
          </div>
          <Switch
            id="channel-enabled"
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
        <Button type="submit" form="channel-form" disabled={mutation.isPending}>
          {mutation.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function ChannelFormDialog({
  open,
  onOpenChange,
  channel,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  channel: Channel | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? (
        <ChannelFormDialogBody key={channel?.id ?? "new"} onOpenChange={onOpenChange} channel={channel} />
      ) : null}
    </Dialog>
  );
}
