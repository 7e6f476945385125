"use client";

import { useQuery } from "@tanstack/react-query";

import type { TaskEditorState } from "@/components/tasks/editor/use-task-editor";
import { useTRPC } from "@/components/trpc/react";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useT } from "@/lib/i18n/client";

/** The alert policy of a task: alert channels, after how many failures in a row, @mentions. */
export function AlertPolicyFields({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const trpc = useTRPC();
  const { form, patch, errors, readOnly } = ed;
  const channels = useQuery(
    trpc.channels.list.queryOptions({ page: 1, page_size: 100, tenant_id: form.tenant_id ?? undefined }),
  );
  const text = (
    key: "alert_at_mobiles" | "alert_mentioned_list" | "alert_mentioned_mobiles",
    label: string,
  ) => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={key}>{label}</Label>
      <Input
        id={key}
        value={form[key]}
        readOnly={readOnly}
        onChange={(e) => patch({ [key]: e.target.value })}
      />
    </div>
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
          </label>
        ))}
        {errors.alert_channels ? <p className="text-sm text-destructive">{errors.alert_channels}</p> : null}
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
