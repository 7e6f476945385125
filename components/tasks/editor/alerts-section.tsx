"use client";

import { Field, FieldControl, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useT } from "@/lib/i18n/client";
import { Section } from "./section";
import type { TaskEditorState } from "./use-task-editor";
import { AlertPolicyFields } from "@/components/ops/alert-policy-fields";

/** Failure alerts. */
export function AlertsSection({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const { form, patch, errors, readOnly } = ed;
  return (
    <Section title={t("tasks.editor.sections.alerts")}>
      <div className="flex items-center gap-3">
        <Switch
          id="alert-on-failure"
          checked={form.alert_on_failure}
          disabled={readOnly}
          onCheckedChange={(v) => patch({ alert_on_failure: v })}
        />
        <Label htmlFor="alert-on-failure">{t("tasks.editor.alertOnFailure")}</Label>
      </div>
      {form.alert_on_failure || form.alert_webhook ? (
        <Field error={errors.alert_webhook}>
          <FieldLabel>{t("tasks.editor.alertWebhook")}</FieldLabel>
          <FieldControl>
            <Input
              type="url"
              value={form.alert_webhook}
              readOnly={readOnly}
              onChange={(e) => patch({ alert_webhook: e.target.value })}
            />
          </FieldControl>
          <FieldMessage />
        </Field>
      ) : null}
      {form.alert_on_failure ? <AlertPolicyFields ed={ed} /> : null}
    </Section>
  );
}
