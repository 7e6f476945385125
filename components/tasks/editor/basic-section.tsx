"use client";

import { useMe } from "@/components/shell/me-context";
import { Field, FieldControl, FieldDescription, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";
import { Section } from "./section";
import type { TaskEditorState } from "./use-task-editor";

// Radix Select forbids empty values.
const NONE = "__none__";

/** "n / max", red past the limit: the name is never cut off silently, the schema refuses it. */
function Counter({ value, max }: { value: string; max: number }) {
  const t = useT();
  return (
    <span
      data-testid="char-counter"
      className={cn(
        "text-xs tabular-nums",
        value.length > max ? "text-destructive" : "text-muted-foreground",
      )}
    >
      {t("taskSettings.nameCounter", { count: value.length, max })}
    </span>
  );
}

/** Name, tenant (platform view, new task), enabled, description. */
export function BasicSection({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const { scope, me } = useMe();
  const { form, patch, errors, readOnly } = ed;
  const chooseTenant = scope.type === "platform" && me.isPlatformAdmin && !ed.task;
  return (
    <Section title={t("tasks.editor.sections.basic")} className="grid gap-4 md:grid-cols-2">
      <Field error={errors.task_name}>
        <div className="flex items-baseline justify-between gap-2">
          <FieldLabel>{t("tasks.editor.name")}</FieldLabel>
          <Counter value={form.task_name} max={100} />
        </div>
        <FieldControl>
          <Input
            value={form.task_name}
            readOnly={readOnly}
            onChange={(e) => patch({ task_name: e.target.value })}
          />
        </FieldControl>
        <FieldMessage />
      </Field>
      {chooseTenant ? (
        <Field error={errors.tenant_id}>
          <FieldLabel>{t("tasks.editor.tenant")}</FieldLabel>
          <Select
            value={form.tenant_id ?? NONE}
            onValueChange={(v) => patch({ tenant_id: v === NONE ? null : v, notify_channels: [] })}
          >
            <FieldControl>
              <SelectTrigger className="w-full">
                <SelectValue />
              </SelectTrigger>
            </FieldControl>
            <SelectContent>
              <SelectItem value={NONE}>{t("tasks.editor.tenantGlobal")}</SelectItem>
              {me.tenants.map((x) => (
                <SelectItem key={x.tenantId} value={x.tenantId}>
                  {x.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FieldMessage />
        </Field>
      ) : null}
      <div className={cn("flex flex-col gap-1", !chooseTenant && "justify-end pb-1")}>
        <div className="flex items-center gap-3">
          <Switch
            id="task-enabled"
            checked={form.is_enabled}
            disabled={readOnly}
            onCheckedChange={(v) => patch({ is_enabled: v })}
          />
          <Label htmlFor="task-enabled">{t("tasks.editor.enabled")}</Label>
        </div>
        {!ed.task ? (
          <p className="text-xs text-muted-foreground">{t("taskSettings.newDisabledHint")}</p>
        ) : null}
      </div>
      <Field error={errors.task_desc} className="md:col-span-2">
        <div className="flex items-baseline justify-between gap-2">
          <FieldLabel>{t("tasks.editor.description")}</FieldLabel>
          <Counter value={form.task_desc} max={500} />
        </div>
        <FieldControl>
          <Textarea
            value={form.task_desc}
            readOnly={readOnly}
            rows={2}
            onChange={(e) => patch({ task_desc: e.target.value })}
          />
        </FieldControl>
        <FieldDescription className="sr-only">{t("tasks.editor.description")}</FieldDescription>
        <FieldMessage />
      </Field>
    </Section>
  );
}
