"use client";

import * as React from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import type { RuntimeError } from "@/components/editor/script-editor";
import { errorLine } from "@/components/editor/syntax-check";
import { useErrorWords } from "@/components/i18n/use-errors";
import { useMe } from "@/components/shell/me-context";
import { useT } from "@/lib/i18n/client";
import type { StoredTaskProblem } from "@/lib/schemas/task";
import { errorCode } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { useLastLanguage } from "../script-language-field";
import {
  emptyTaskForm,
  formFieldOf,
  formsDiffer,
  formToInput,
  parseParams,
  taskToForm,
  validateForm,
  type TaskFormState,
} from "../task-form";
import type { TestOutcome } from "../test-panel";
import { useUnsavedGuard } from "../use-unsaved-guard";
import { useEditorKeys } from "./use-editor-keys";

export type TaskView = Parameters<typeof taskToForm>[0] & {
  id: number;
  version: number;
  /** What the stored task breaks of today's rules (e.g. adopted rows): shown under its fields. */
  problems?: StoredTaskProblem[];
};

/**
 * Everything the task editor does, without its markup: the form state and its errors, save
 * (with the version check), the test run, run now, the unsaved-changes guard and the keys.
 */
export function useTaskEditor(task: TaskView | undefined) {
  const t = useT();
  const words = useErrorWords();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const { scope, canWrite } = useMe();
  const readOnly = !canWrite;

  const initial = React.useMemo(
    () => (task ? taskToForm(task) : emptyTaskForm(scope.type === "tenant" ? scope.tenantId : null)),
    [task, scope],
  );
  const [form, setForm] = React.useState<TaskFormState>(initial);
  const [baseline, setBaseline] = React.useState<TaskFormState>(initial);
  useLastLanguage(!task, (update) => {
    setForm(update);
    setBaseline(update);
  });
  const [version, setVersion] = React.useState(task?.version);
  const [errors, setErrors] = React.useState<Record<string, string>>(() =>
    Object.fromEntries((task?.problems ?? []).map((p) => [p.path, words.issue(p)])),
  );
  const [formError, setFormError] = React.useState<string | null>(null);
  const [conflict, setConflict] = React.useState(false);
  const [outcome, setOutcome] = React.useState<TestOutcome | null>(null);
  const [testError, setTestError] = React.useState<string | null>(null);
  const [runtimeError, setRuntimeError] = React.useState<RuntimeError | null>(null);

  const dirty = !readOnly && formsDiffer(form, baseline);
  const guard = useUnsavedGuard(dirty);

  const tab = searchParams.get("tab") === "runs" && task ? "runs" : "settings";
  const setTab = (next: string) =>
    router.replace(next === "runs" ? `${pathname}?tab=runs` : pathname, { scroll: false });

  const patch = React.useCallback((p: Partial<TaskFormState>) => {
    setForm((f) => ({ ...f, ...p }));
    // An edited field's old error no longer applies (an @mention list's errors belong to its input).
    const touches = (ek: string) =>
      Object.keys(p).some((k) => ek === k || ek.startsWith(`${k}.`) || formFieldOf(ek) === k);
    setErrors((e) =>
      Object.keys(e).some(touches) ? Object.fromEntries(Object.entries(e).filter(([ek]) => !touches(ek))) : e,
    );
  }, []);
  const setFieldError = (path: string, message: string) => setErrors((e) => ({ ...e, [path]: message }));

  // The tenant's default alert channel counts as an alert target; a task of no tenant has none.
  const defaultAlertOptions = trpc.ops.defaultAlertChannel.queryOptions({
    tenant_id: form.tenant_id ?? undefined,
  });
  const defaultAlert = useQuery({
    ...defaultAlertOptions,
    enabled: form.alert_on_failure && form.tenant_id !== null,
  });
  const defaultAlertChannel = form.tenant_id === null ? null : defaultAlert.data?.channel_id;
  /** Whether the tenant has one, asked at save if not known yet (undefined: unknown, the server decides). */
  const tenantHasDefaultAlert = async (): Promise<boolean | undefined> => {
    if (!form.alert_on_failure || form.tenant_id === null) return false;
    return queryClient.ensureQueryData(defaultAlertOptions).then(
      (d) => d.channel_id !== null,
      () => undefined,
    );
  };

  const create = useMutation(trpc.tasks.create.mutationOptions());
  const update = useMutation(trpc.tasks.update.mutationOptions());
  const testScript = useMutation(trpc.sandbox.testScript.mutationOptions());
  const runNow = useMutation(trpc.tasks.run.mutationOptions());
  const saving = create.isPending || update.isPending;

  /** Saves the task; resolves true when it was saved. */
  async function save(): Promise<boolean> {
    if (readOnly || saving) return false;
    setFormError(null);
    const local = validateForm(
      form,
      t("tasks.editor.inputParamsInvalid"),
      words.issue,
      await tenantHasDefaultAlert(),
    );
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError(t("tasks.editor.fixErrors"));
      return false;
    }
    try {
      const input = formToInput(form);
      if (task) {
        const saved = await update.mutateAsync({ id: task.id, data: { ...input, version } });
        setVersion(saved.version);
        const next = taskToForm(saved);
        setForm(next);
        setBaseline(next);
        await queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
        toast.success(t("tasks.toast.saved"));
      } else {
        const saved = await create.mutateAsync(input);
        guard.release();
        setBaseline(form);
        await queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() });
        toast.success(t("tasks.toast.created"));
        router.replace(`/tasks/${saved.id}`);
      }
      setErrors({});
      return true;
    } catch (e) {
      if (errorCode(e) === "CONFLICT") {
        setConflict(true);
        return false;
      }
      const fields = words.fields(e);
      setErrors(fields);
      const text = Object.keys(fields).length ? t("tasks.editor.fixErrors") : words.text(e);
      setFormError(text);
      toast.error(t("kit.saveFailed", { reason: text }));
      return false;
    }
  }

  async function runTest() {
    if (readOnly || form.execution_type !== "script" || testScript.isPending) return;
    setTestError(null);
    const params = parseParams(form.input_params);
    if (params === null) return setFieldError("input_params", t("tasks.editor.inputParamsInvalid"));
    try {
      const res = await testScript.mutateAsync({
        script_content: form.script_content,
        script_language: form.script_language,
        input_params: params,
        tenant_id: form.tenant_id,
        timeout_seconds: Math.min(form.timeout_seconds, 600),
      });
      setOutcome(res as TestOutcome);
      const at = errorLine(res.error, form.script_language);
      setRuntimeError(
        at && res.error ? { line: at.line, message: res.error.split("\n")[0] ?? res.error } : null,
      );
    } catch (e) {
      setOutcome(null);
      setRuntimeError(null);
      setTestError(words.text(e));
    }
  }

  async function runTaskNow() {
    if (!task || readOnly) return;
    try {
      const res = await runNow.mutateAsync({ id: task.id });
      toast.success(t("tasks.toast.runStarted", { traceId: res.trace_id }));
      await queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
      setTab("runs");
    } catch (e) {
      toast.error(words.text(e));
    }
  }

  async function reloadFromServer() {
    if (!task) return;
    const fresh = await queryClient.fetchQuery({
      ...trpc.tasks.get.queryOptions({ id: task.id }),
      staleTime: 0,
    });
    const next = taskToForm(fresh);
    setForm(next);
    setBaseline(next);
    setVersion(fresh.version);
    setErrors({});
    setFormError(null);
  }

  useEditorKeys({ save, runTest });

  return {
    task,
    form,
    setForm,
    patch,
    errors,
    setFieldError,
    formError,
    /** The tenant's default alert channel id: null = none, undefined = not known yet. */
    defaultAlertChannel,
    readOnly,
    saving,
    dirty,
    save,
    test: { run: runTest, pending: testScript.isPending, outcome, error: testError, runtimeError },
    runNow: { run: runTaskNow, pending: runNow.isPending },
    tab,
    setTab,
    guard,
    conflict: { open: conflict, setOpen: setConflict, reload: reloadFromServer },
  };
}

export type TaskEditorState = ReturnType<typeof useTaskEditor>;
