"use client";

import { useT } from "@/lib/i18n/client";
import { ScheduleBuilder } from "../schedule-builder";
import { Segmented } from "../segmented";
import { NumberField } from "./number-field";
import { Section } from "./section";
import type { TaskEditorState } from "./use-task-editor";

/** When it runs: the schedule builder, then what happens on overlap and after a missed fire. */
export function ScheduleSection({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const { form, patch, errors, readOnly } = ed;
  return (
    <Section title={t("tasks.editor.sections.schedule")}>
      <ScheduleBuilder value={form} onChange={patch} errors={errors} readOnly={readOnly} />
      <div className="grid gap-4 border-t pt-4 md:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Segmented
            label={t("taskSettings.overlap")}
            value={form.overlap_policy}
            disabled={readOnly}
            onChange={(v) => patch({ overlap_policy: v })}
            options={[
              { value: "skip", label: t("taskSettings.overlapSkip") },
              { value: "allow", label: t("taskSettings.overlapAllow") },
            ]}
          />
          <p className="text-xs text-muted-foreground">{t("taskSettings.overlapHint")}</p>
        </div>
        <NumberField
          label={t("taskSettings.misfire")}
          value={form.misfire_grace_seconds}
          min={0}
          max={86400}
          error={errors.misfire_grace_seconds}
          readOnly={readOnly}
          hint={t("taskSettings.misfireHint")}
          onChange={(v) => patch({ misfire_grace_seconds: v })}
        />
      </div>
    </Section>
  );
}
