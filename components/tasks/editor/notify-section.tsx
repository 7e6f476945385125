"use client";

import { useQuery } from "@tanstack/react-query";

import { useErrorText } from "@/components/i18n/use-errors";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldControl, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { Section } from "./section";
import type { TaskEditorState } from "./use-task-editor";

const NONE = "__none__";

/** Where the result is pushed: group robots of the task's tenant, and a WeCom app. */
export function NotifySection({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const say = useErrorText();
  const trpc = useTRPC();
  const { form, patch, errors, readOnly } = ed;
  const channels = useQuery(
    trpc.channels.list.queryOptions({ page: 1, page_size: 100, tenant_id: form.tenant_id ?? undefined }),
  );
  const wecomApps = useQuery(trpc.wecomApps.list.queryOptions());
  const toggle = (id: number, on: boolean) =>
    patch({
      notify_channels: on ? [...form.notify_channels, id] : form.notify_channels.filter((x) => x !== id),
    });

  return (
    <Section title={t("tasks.editor.sections.notify")} className="grid gap-5 md:grid-cols-2">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">{t("tasks.editor.notifyChannels")}</legend>
        {channels.isPending ? (
          <p className="text-sm text-muted-foreground">{t("common.loading")}</p>
        ) : channels.isError ? (
          <p className="text-sm text-destructive">{say(channels.error)}</p>
        ) : channels.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("tasks.editor.noChannels")}</p>
        ) : (
          <ul className="flex max-h-48 flex-col gap-2 overflow-y-auto rounded-md border p-2">
            {channels.data.items.map((c) => (
              <li key={c.id} className="flex items-center gap-2">
                <Checkbox
                  id={`channel-${c.id}`}
                  disabled={readOnly}
                  checked={form.notify_channels.includes(c.id)}
                  onCheckedChange={(v) => toggle(c.id, v === true)}
                />
                <Label htmlFor={`channel-${c.id}`} className="font-normal">
                  {c.channel_name}
                  <span className="text-xs text-muted-foreground">
                    {c.channel_type === "dingtalk_bot" ? t("runs.preview.dingtalk") : t("runs.preview.wecom")}
                  </span>
                </Label>
              </li>
            ))}
          </ul>
        )}
        {Object.entries(errors)
          .filter(([k]) => k.startsWith("notify_channels"))
          .map(([k, m]) => (
            <p key={k} className="text-xs text-destructive" role="alert">
              {m}
            </p>
          ))}
      </fieldset>
      <Field error={errors.notify_wecom_app_id}>
        <FieldLabel>{t("tasks.editor.wecomApp")}</FieldLabel>
        <Select
          value={form.notify_wecom_app_id ? String(form.notify_wecom_app_id) : NONE}
          disabled={readOnly}
          onValueChange={(v) => patch({ notify_wecom_app_id: v === NONE ? null : Number(v) })}
        >
          <FieldControl>
            <SelectTrigger className="w-full">
              <SelectValue />
            </SelectTrigger>
          </FieldControl>
          <SelectContent>
            <SelectItem value={NONE}>{t("tasks.editor.wecomAppNone")}</SelectItem>
            {(wecomApps.data ?? []).map((a) => (
              <SelectItem key={a.id} value={String(a.id)}>
                {a.app_name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <FieldMessage />
      </Field>
    </Section>
  );
}
