"use client";

import { useT } from "@/lib/i18n/client";
import { NumberField } from "./number-field";
import { Section } from "./section";
import type { TaskEditorState } from "./use-task-editor";

/** Retries and the time limit of one run. */
export function LimitsSection({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const { form, patch, errors, readOnly } = ed;
  return (
    <Section title={t("tasks.editor.sections.retries")} className="grid gap-4 sm:grid-cols-3">
      <NumberField
        label={t("tasks.editor.retryCount")}
        value={form.retry_count}
        min={0}
        max={10}
        error={errors.retry_count}
        readOnly={readOnly}
        onChange={(v) => patch({ retry_count: v })}
      />
      <NumberField
        label={t("tasks.editor.retryInterval")}
        value={form.retry_interval}
        min={1}
        max={86400}
        error={errors.retry_interval}
        readOnly={readOnly}
        onChange={(v) => patch({ retry_interval: v })}
      />
      <NumberField
        label={t("tasks.editor.timeoutSeconds")}
        value={form.timeout_seconds}
        min={1}
        max={3600}
        error={errors.timeout_seconds}
        readOnly={readOnly}
        hint={t("taskSettings.timeoutHint")}
        onChange={(v) => patch({ timeout_seconds: v })}
      />
    </Section>
  );
}
