"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";

import { ScriptEditor } from "@/components/editor/script-editor";
import { Field, FieldControl, FieldDescription, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { MAX_SCRIPT_BYTES, scriptBytes } from "@/lib/schemas/task";
import { cn } from "@/lib/utils";
import { ScriptLanguageField } from "../script-language-field";
import { Segmented } from "../segmented";
import { parseParams, withLanguage } from "../task-form";
import { Section } from "./section";
import type { TaskEditorState } from "./use-task-editor";
import { WebhookKey } from "./webhook-key";

/** The script's size as the server's limit counts it (UTF-8 bytes), red past the limit. */
function ScriptSize({ script }: { script: string }) {
  const t = useT();
  const bytes = React.useMemo(() => scriptBytes(script), [script]);
  return (
    <span
      data-testid="script-size"
      className={cn(
        "text-xs tabular-nums",
        bytes > MAX_SCRIPT_BYTES ? "text-destructive" : "text-muted-foreground",
      )}
    >
      {t("tasks.editor.scriptSize", { count: bytes, max: MAX_SCRIPT_BYTES })}
    </span>
  );
}

/** What runs: a script (language, editor) or a webhook (URL, signing key), and its parameters. */
export function ExecutionSection({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { form, patch, setForm, errors, readOnly } = ed;
  const docs = useQuery(trpc.sandbox.sdkDocs.queryOptions({ lang: locale }));
  const isScript = form.execution_type === "script";
  return (
    <Section title={t("tasks.editor.sections.execution")}>
      <Segmented
        label={t("tasks.editor.executionType")}
        value={form.execution_type}
        disabled={readOnly}
        onChange={(v) => patch({ execution_type: v })}
        options={[
          { value: "script", label: t("tasks.execution.script") },
          { value: "webhook", label: t("tasks.execution.webhook") },
        ]}
      />
      {isScript ? (
        <>
          <ScriptLanguageField
            value={form.script_language}
            disabled={readOnly}
            onChange={(v) => setForm((f) => withLanguage(f, v))}
          />
          <Field error={errors.script_content}>
            <div className="flex items-baseline justify-between gap-2">
              <Label id="script-label">{t("tasks.editor.script")}</Label>
              <ScriptSize script={form.script_content} />
            </div>
            <ScriptEditor
              value={form.script_content}
              onChange={(v) => patch({ script_content: v })}
              readOnly={readOnly}
              docs={docs.data}
              language={form.script_language}
              runtimeError={ed.test.runtimeError}
              ariaLabel={t("tasks.editor.script")}
              runtimeLabel={t("tasks.test.error")}
              invalid={!!errors.script_content}
            />
            <FieldDescription>{t("tasks.editor.scriptHint")}</FieldDescription>
            <FieldMessage />
          </Field>
        </>
      ) : (
        <>
          <Field error={errors.webhook_url}>
            <FieldLabel>{t("tasks.editor.webhookUrl")}</FieldLabel>
            <FieldControl>
              <Input
                type="url"
                value={form.webhook_url}
                readOnly={readOnly}
                placeholder="https://example.com/hooks/report"
                onChange={(e) => patch({ webhook_url: e.target.value })}
              />
            </FieldControl>
            <FieldDescription>{t("tasks.editor.webhookHint")}</FieldDescription>
            <FieldMessage />
          </Field>
          {!readOnly ? <WebhookKey taskId={ed.task?.id} /> : null}
        </>
      )}
      <Field error={errors.input_params}>
        <FieldLabel>{t("tasks.editor.inputParams")}</FieldLabel>
        <FieldControl>
          <Textarea
            value={form.input_params}
            readOnly={readOnly}
            rows={3}
            spellCheck={false}
            className="font-mono text-xs"
            onChange={(e) => {
              patch({ input_params: e.target.value });
              if (parseParams(e.target.value) === null)
                ed.setFieldError("input_params", t("tasks.editor.inputParamsInvalid"));
            }}
          />
        </FieldControl>
        <FieldMessage />
      </Field>
    </Section>
  );
}
