"use client";

import { useQuery } from "@tanstack/react-query";

import type { TaskEditorState } from "@/components/tasks/editor/use-task-editor";
import { mentionErrors, type MentionField } from "@/components/tasks/task-form";
import { useLabels } from "@/components/i18n/use-labels";
import { useTRPC } from "@/components/trpc/react";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldControl, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useT } from "@/lib/i18n/client";
import { ALERT_TARGET_FIELD } from "@/lib/schemas/task";

/** The alert policy of a task: alert channels, after how many failures in a row, @mentions. */
export function AlertPolicyFields({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const { label } = useLabels();
  const trpc = useTRPC();
  const { form, patch, errors, readOnly, defaultAlertChannel } = ed;
  const channels = useQuery(
    trpc.channels.list.queryOptions({ page: 1, page_size: 100, tenant_id: form.tenant_id ?? undefined }),
  );
  const items = channels.data?.items ?? [];
  // Alerts with no channel or webhook of the task's own go to the tenant's default channel.
  const fallback =
    form.alert_channels.length === 0 && !form.alert_webhook.trim() && defaultAlertChannel != null
      ? (items.find((c) => c.id === defaultAlertChannel)?.channel_name ?? `#${defaultAlertChannel}`)
      : null;
  // No target at all, or a channel that is gone (alert_channels.2).
  const channelErrors = [
    ...new Set(
      Object.entries(errors)
        .filter(([path]) => path === ALERT_TARGET_FIELD || path.startsWith(`${ALERT_TARGET_FIELD}.`))
        .map(([, message]) => message),
    ),
  ];
  // An entry's error names the entry: "“abc”：须为手机号".
  const errorOf = (key: MentionField) =>
    mentionErrors(errors, key, form[key])
      .map(({ entries, message }) =>
        entries.length
          ? t("ops.alertPolicy.entryError", {
              entries: entries.map((e) => `“${e}”`).join(t("ops.alertPolicy.entrySeparator")),
              message,
            })
          : message,
      )
      .join(t("ops.alertPolicy.errorSeparator")) || null;
  const text = (key: MentionField, fieldLabel: string) => (
    <Field error={errorOf(key)} className="gap-1">
      <FieldLabel>{fieldLabel}</FieldLabel>
      <FieldControl>
        <Input
          data-field={key}
          value={form[key]}
          readOnly={readOnly}
          onChange={(e) => patch({ [key]: e.target.value })}
        />
      </FieldControl>
      <FieldMessage />
    </Field>
  );
  return (
    <div className="flex flex-col gap-3" data-slot="alert-policy">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("ops.alertPolicy.channels")}</legend>
        {(channels.data?.items ?? []).map((c) => (
          <label key={c.id} className="flex items-center gap-2 text-sm">
            <Checkbox
              disabled={readOnly}
              checked={form.alert_channels.includes(c.id)}
              onCheckedChange={(v) =>
                patch({
                  alert_channels:
                    v === true
                      ? [...form.alert_channels, c.id]
                      : form.alert_channels.filter((x) => x !== c.id),
                })
              }
            />
            {c.channel_name}
            <span className="text-xs text-muted-foreground">
              {label("channelType", c.channel_type)}
              {c.sign_secret_set ? ` · ${t("channels.col.sign")}` : ""}
            </span>
          </label>
        ))}
        {fallback ? (
          <p className="text-xs text-muted-foreground" data-slot="alert-fallback">
            {t("ops.alertPolicy.fallback", { name: fallback })}
          </p>
        ) : null}
        {channelErrors.length ? (
          <p data-slot="field-message" role="alert" className="text-xs text-destructive">
            {channelErrors.join(t("ops.alertPolicy.errorSeparator"))}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-col gap-1">
        <Label htmlFor="alert_after_failures">{t("ops.alertPolicy.after")}</Label>
        <Input
          id="alert_after_failures"
          type="number"
          min={1}
          max={100}
          className="w-24"
          value={form.alert_after_failures}
          readOnly={readOnly}
          onChange={(e) =>
            patch({ alert_after_failures: Math.max(1, Math.min(100, Number(e.target.value) || 1)) })
          }
        />
      </div>
      {text("alert_at_mobiles", t("ops.alertPolicy.atMobiles"))}
      <div className="flex items-center gap-3">
        <Switch
          id="alert_at_all"
          checked={form.alert_at_all}
          disabled={readOnly}
          onCheckedChange={(v) => patch({ alert_at_all: v })}
        />
        <Label htmlFor="alert_at_all">{t("ops.alertPolicy.atAll")}</Label>
      </div>
      {text("alert_mentioned_list", t("ops.alertPolicy.mentionedList"))}
      {text("alert_mentioned_mobiles", t("ops.alertPolicy.mentionedMobiles"))}
    </div>
  );
}
