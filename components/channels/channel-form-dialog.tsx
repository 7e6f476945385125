"use client";

import { useMutation } from "@tanstack/react-query";
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";

import { TenantField } from "@/components/admin/tenant-select";
import {
  FieldPair,
  FormDialog,
  SecretField,
  SelectField,
  SwitchField,
  TextField,
  TextareaField,
} from "@/components/forms";
import { useMe } from "@/components/shell/me-context";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { CHANNEL_TYPES, ZChannelForm } from "@/lib/schemas/channel";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import type { Channel } from "./types";

type Draft = z.input<typeof ZChannelForm>;
type Values = z.output<typeof ZChannelForm>;

/**
 * Create (channel = null) or edit a group robot. The 加签 secret is write-only and DingTalk only:
 * a WeCom robot has no signing, so the field is not shown for it and nothing is sent.
 */
export function ChannelFormDialog({
  open,
  onOpenChange,
  channel,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  channel: Channel | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const { scope } = useMe();
  const create = useMutation(trpc.channels.create.mutationOptions());
  const update = useMutation(trpc.channels.update.mutationOptions());

  const defaults: Draft = {
    channel_type: channel?.channel_type ?? "dingtalk_bot",
    channel_name: channel?.channel_name ?? "",
    webhook_url: channel?.webhook_url ?? "",
    sign_secret: "",
    description: channel?.description ?? "",
    is_enabled: channel?.is_enabled ?? true,
    tenant_id: channel?.tenant_id ?? (scope.type === "tenant" ? scope.tenantId : undefined),
    clear_sign: false,
  };

  async function save({ clear_sign: clearSign, ...v }: Values) {
    const isDingtalk = v.channel_type === "dingtalk_bot";
    const secret = v.channel_type === "dingtalk_bot" ? v.sign_secret || undefined : undefined;
    const { tenant_id, ...common } = { ...v, description: v.description || null };
    return channel
      ? await update.mutateAsync({
          id: channel.id,
          // Omitted keeps the stored secret; null clears it (a WeCom robot never has one).
          data: { ...common, sign_secret: clearSign || !isDingtalk ? null : secret },
        })
      : await create.mutateAsync({ ...common, tenant_id, sign_secret: secret ?? null });
  }

  return (
    <FormDialog
      id="channel"
      open={open}
      onOpenChange={onOpenChange}
      schema={ZChannelForm}
      defaults={defaults}
      className="sm:max-w-xl"
      title={channel ? t("channels.form.editTitle") : t("channels.form.createTitle")}
      description={t("channels.form.description")}
      onSubmit={save}
      invalidate={trpc.channels.pathFilter()}
      success={(c) =>
        t(channel ? "channels.form.updated" : "channels.form.created", {
          name: (c as Channel).channel_name,
        })
      }
    >
      {(form) => (
        <ChannelFields form={form} channel={channel} showTenant={!channel && scope.type === "platform"} />
      )}
    </FormDialog>
  );
}

function ChannelFields({
  form,
  channel,
  showTenant,
}: {
  form: UseFormReturn<Draft, unknown, Values>;
  channel: Channel | null;
  showTenant: boolean;
}) {
  const t = useT();
  const isDingtalk = form.watch("channel_type") === "dingtalk_bot";
  const clearSign = form.watch("clear_sign");
  return (
    <>
      {showTenant ? (
        <TenantField label={t("channels.form.tenant")} placeholder={t("channels.form.tenantHint")} />
      ) : null}
      <FieldPair>
        <SelectField
          name="channel_type"
          label={t("channels.form.type")}
          options={CHANNEL_TYPES.map((type) => ({ value: type, label: t(`channels.typeLong.${type}`) }))}
        />
        <TextField
          name="channel_name"
          label={t("channels.form.name")}
          placeholder={t("channels.form.namePlaceholder")}
          counter={100}
          autoComplete="off"
        />
      </FieldPair>
      <TextField
        name="webhook_url"
        label={t("channels.form.webhook")}
        description={
          isDingtalk ? t("channels.form.webhookHintDingtalk") : t("channels.form.webhookHintWecom")
        }
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        className="[&_input]:font-mono [&_input]:text-xs [&_p]:break-all"
      />
      {isDingtalk ? (
        <div className="grid gap-2">
          <SecretField
            name="sign_secret"
            label={t("channels.form.sign")}
            description={t("channels.form.signHint")}
            placeholder={channel?.sign_secret_set && !clearSign ? t("channels.form.signKeep") : "SEC…"}
            disabled={clearSign}
          />
          {channel?.sign_secret_set ? (
            <div className="flex items-center gap-2">
              <Checkbox
                id="channel-clear-sign"
                checked={clearSign}
                onCheckedChange={(v) => {
                  form.setValue("clear_sign", v === true);
                  if (v === true) form.setValue("sign_secret", "");
                }}
              />
              <Label htmlFor="channel-clear-sign" className="text-sm font-normal">
                {t("channels.form.signClear")}
              </Label>
            </div>
          ) : null}
        </div>
      ) : null}
      <TextareaField name="description" label={t("channels.form.descriptionLabel")} rows={2} counter={255} />
      <SwitchField
        name="is_enabled"
        label={t("channels.form.enabledLabel")}
        description={t("channels.form.enabledHint")}
      />
    </>
  );
}
