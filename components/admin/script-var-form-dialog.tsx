"use client";

import { useMutation } from "@tanstack/react-query";

import { type DialogState } from "@/components/data-table";
import { CodeField, FormDialog, TextareaField } from "@/components/forms";
import { useT } from "@/lib/i18n/client";
import { ZScriptVarForm } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import type { ScriptVarRow } from "./types";

/** Create or edit a task's variable as JSON text; the shared schema parses it before it is sent. */
export function ScriptVarFormDialog({
  dialog,
  taskId,
}: {
  dialog: DialogState<ScriptVarRow>;
  taskId: number;
}) {
  const variable = dialog.row;
  const t = useT();
  const trpc = useTRPC();
  const save = useMutation(trpc.scriptVars.set.mutationOptions());
  return (
    <FormDialog
      id="script-var"
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      invalidate={trpc.scriptVars.pathFilter()}
      schema={ZScriptVarForm}
      defaults={{
        task_id: taskId,
        key: variable?.key ?? "",
        value: variable ? JSON.stringify(variable.value, null, 2) : "",
      }}
      title={variable ? t("admin.vars.editTitle", { key: variable.key }) : t("admin.vars.createTitle")}
      description={t("admin.vars.description")}
      className="sm:max-w-xl"
      onSubmit={(v) => save.mutateAsync(v)}
      success={(row) => t("admin.vars.saved", { key: (row as ScriptVarRow).key })}
    >
      <CodeField name="key" label={t("admin.vars.key")} readOnly={variable !== null} counter={100} />
      <TextareaField
        name="value"
        label={t("admin.vars.value")}
        description={t("admin.vars.valueHint")}
        rows={10}
        spellCheck={false}
        className="[&_textarea]:max-h-[50dvh] [&_textarea]:font-mono [&_textarea]:text-xs md:[&_textarea]:text-xs"
      />
    </FormDialog>
  );
}
