"use client";

import * as React from "react";
import { useT } from "@/lib/i18n/client";
import { Segmented } from "./segmented";
import {
  readLastLanguage,
  rememberLanguage,
  withLanguage,
  type ScriptLanguage,
  type TaskFormState,
} from "./task-form";

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);

/** The script language of the task form; a choice is remembered for the next new task. */
export function ScriptLanguageField({
  value,
  disabled,
  onChange,
}: {
  value: ScriptLanguage;
  disabled?: boolean;
  onChange: (language: ScriptLanguage) => void;
}) {
  const t = useT();
  return (
    <Segmented
      label={t("tasks.editor.scriptLanguage")}
      value={value}
      disabled={disabled}
      onChange={(v) => {
        rememberLanguage(storage(), v);
        onChange(v);
      }}
      options={[
        { value: "python", label: "Python" },
        { value: "javascript", label: "JavaScript" },
      ]}
    />
  );
}

/**
 * A new task starts in the operator's last chosen language. Read after mount (the server render
 * has no localStorage), and only while the form is still the untouched empty form.
 */
export function useLastLanguage(
  isNew: boolean,
  apply: (update: (form: TaskFormState) => TaskFormState) => void,
) {
  React.useEffect(() => {
    if (!isNew) return;
    const last = readLastLanguage(storage());
    if (last) apply((form) => (form.script_language === last ? form : withLanguage(form, last)));
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
