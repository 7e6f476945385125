"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, FlaskConicalIcon, Loader2Icon, PlayIcon, SaveIcon } from "lucide-react";
import { toast } from "sonner";

import { ScriptEditor, type RuntimeError } from "@/components/editor/script-editor";
import { errorLine } from "@/components/editor/syntax-check";
import { RunsChart } from "@/components/runs/runs-chart";
import { RunsTable } from "@/components/runs/runs-table";
import { useMe } from "@/components/shell/me-context";
import { PageHeader } from "@/components/shell/page-header";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Field,
  FieldControl,
  FieldDescription,
  FieldLabel,
  FieldMessage,
  FormError,
} from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorCode, errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { ScheduleBuilder } from "./schedule-builder";
import { ScriptLanguageField, useLastLanguage } from "./script-language-field";
import { Segmented } from "./segmented";
import {
  emptyTaskForm,
  formsDiffer,
  formToInput,
  parseParams,
  taskToForm,
  validateForm,
  withLanguage,
  type TaskFormState,
} from "./task-form";
import { TestPanel, type TestOutcome } from "./test-panel";
import { useUnsavedGuard } from "./use-unsaved-guard";

// Radix Select forbids empty values.
const NONE = "__none__";

type TaskView = Parameters<typeof taskToForm>[0] & {
  id: number;
  version: number;
  /** What the stored task breaks of today's rules (e.g. adopted rows): shown under its fields. */
  problems?: { path: string; message: string }[];
};

/**
 * The task editor (/tasks/new and /tasks/[id]): every field with its errors under it, the
 * schedule builder, the script editor with its test panel, and for a saved task its run history.
 */
export function TaskEditor({ task }: { task?: TaskView }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const { scope, canWrite, me } = useMe();
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
    Object.fromEntries((task?.problems ?? []).map((p) => [p.path, p.message])),
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

  const docs = useQuery(trpc.sandbox.sdkDocs.queryOptions({ lang: locale }));
  const channels = useQuery(
    trpc.channels.list.queryOptions({ page: 1, page_size: 100, tenant_id: form.tenant_id ?? undefined }),
  );
  const wecomApps = useQuery(trpc.wecomApps.list.queryOptions());

  const patch = React.useCallback((p: Partial<TaskFormState>) => {
    setForm((f) => ({ ...f, ...p }));
    // An edited field's old error no longer applies.
    setErrors((e) => {
      const keys = Object.keys(p);
      if (!keys.some((k) => Object.keys(e).some((ek) => ek === k || ek.startsWith(`${k}.`)))) return e;
      return Object.fromEntries(
        Object.entries(e).filter(([ek]) => !keys.some((k) => ek === k || ek.startsWith(`${k}.`))),
      );
    });
  }, []);

  const create = useMutation(trpc.tasks.create.mutationOptions());
  const update = useMutation(trpc.tasks.update.mutationOptions());
  const testScript = useMutation(trpc.sandbox.testScript.mutationOptions());
  const runNow = useMutation(trpc.tasks.run.mutationOptions());
  const saving = create.isPending || update.isPending;

  async function save() {
    if (readOnly || saving) return;
    setFormError(null);
    const local = validateForm(form, t("tasks.editor.inputParamsInvalid"));
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError(t("tasks.editor.fixErrors"));
      return;
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
    } catch (e) {
      if (errorCode(e) === "CONFLICT") {
        setConflict(true);
        return;
      }
      const fields = fieldErrors(e);
      setErrors(fields);
      setFormError(Object.keys(fields).length ? t("tasks.editor.fixErrors") : errorMessage(e, t));
    }
  }

  async function runTest() {
    if (readOnly || form.execution_type !== "script" || testScript.isPending) return;
    setTestError(null);
    const params = parseParams(form.input_params);
    if (params === null) {
      setErrors((e) => ({ ...e, input_params: t("tasks.editor.inputParamsInvalid") }));
      return;
    }
    try {
      const res = await testScript.mutateAsync({
        script_content: form.script_content,
        script_language: form.script_language,
        input_params: params,
        tenant_id: form.tenant_id,
        timeout_seconds: Math.min(form.timeout_seconds, 600),
      });
      setOutcome(res as TestOutcome);
      const at = errorLine(res.error);
      setRuntimeError(
        at && res.error ? { line: at.line, message: res.error.split("\n")[0] ?? res.error } : null,
      );
    } catch (e) {
      setOutcome(null);
      setTestError(errorMessage(e, t));
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
      toast.error(errorMessage(e, t));
    }
  }

  // Ctrl/Cmd+S saves, Ctrl/Cmd+Enter tests; caught before the editor's own keymap.
  const keys = React.useRef({ save, runTest });
  React.useLayoutEffect(() => {
    keys.current = { save, runTest };
  });
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === "s" || e.key === "S") {
        e.preventDefault();
        e.stopPropagation();
        void keys.current.save();
      } else if (e.key === "Enter") {
        e.preventDefault();
        e.stopPropagation();
        void keys.current.runTest();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  const title = task ? task.task_name : t("tasks.editor.newTitle");
  const isScript = form.execution_type === "script";

  const actions = readOnly ? null : (
    <>
      {isScript ? (
        <Button
          type="button"
          variant="outline"
          onClick={() => void runTest()}
          disabled={testScript.isPending}
        >
          {testScript.isPending ? (
            <Loader2Icon className="animate-spin" aria-hidden />
          ) : (
            <FlaskConicalIcon aria-hidden />
          )}
          {testScript.isPending ? t("tasks.editor.testing") : t("tasks.editor.test")}
        </Button>
      ) : null}
      {task ? (
        <Button type="button" variant="outline" onClick={() => void runTaskNow()} disabled={runNow.isPending}>
          <PlayIcon aria-hidden />
          {t("tasks.editor.runNow")}
        </Button>
      ) : null}
      <Button type="button" onClick={() => void save()} disabled={saving}>
        {saving ? <Loader2Icon className="animate-spin" aria-hidden /> : <SaveIcon aria-hidden />}
        {saving ? t("tasks.editor.saving") : t("tasks.editor.save")}
      </Button>
    </>
  );

  const settings = (
    <form
      className="flex flex-col gap-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {readOnly ? (
        <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm text-muted-foreground" role="note">
          {t("tasks.editor.readOnly")}
        </p>
      ) : null}
      <FormError>{formError}</FormError>

      <Card>
        <CardHeader>
          <CardTitle>{t("tasks.editor.sections.basic")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 md:grid-cols-2">
          <Field error={errors.task_name}>
            <FieldLabel>{t("tasks.editor.name")}</FieldLabel>
            <FieldControl>
              <Input
                value={form.task_name}
                readOnly={readOnly}
                maxLength={100}
                onChange={(e) => patch({ task_name: e.target.value })}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
          {scope.type === "platform" && me.isPlatformAdmin && !task ? (
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
          ) : (
            <div className="flex items-end gap-3 pb-1">
              <Switch
                id="task-enabled"
                checked={form.is_enabled}
                disabled={readOnly}
                onCheckedChange={(v) => patch({ is_enabled: v })}
              />
              <Label htmlFor="task-enabled">{t("tasks.editor.enabled")}</Label>
            </div>
          )}
          <Field error={errors.task_desc} className="md:col-span-2">
            <FieldLabel>{t("tasks.editor.description")}</FieldLabel>
            <FieldControl>
              <Textarea
                value={form.task_desc}
                readOnly={readOnly}
                rows={2}
                maxLength={500}
                onChange={(e) => patch({ task_desc: e.target.value })}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
          {scope.type === "platform" && me.isPlatformAdmin && !task ? (
            <div className="flex items-center gap-3">
              <Switch
                id="task-enabled"
                checked={form.is_enabled}
                disabled={readOnly}
                onCheckedChange={(v) => patch({ is_enabled: v })}
              />
              <Label htmlFor="task-enabled">{t("tasks.editor.enabled")}</Label>
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("tasks.editor.sections.schedule")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ScheduleBuilder value={form} onChange={patch} errors={errors} readOnly={readOnly} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("tasks.editor.sections.execution")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
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
            <ScriptLanguageField
              value={form.script_language}
              disabled={readOnly}
              onChange={(v) => setForm((f) => withLanguage(f, v))}
            />
          ) : null}
          {isScript ? (
            <Field error={errors.script_content}>
              <Label id="script-label">{t("tasks.editor.script")}</Label>
              <ScriptEditor
                value={form.script_content}
                onChange={(v) => patch({ script_content: v })}
                readOnly={readOnly}
                docs={docs.data}
                language={form.script_language}
                runtimeError={runtimeError}
                ariaLabel={t("tasks.editor.script")}
                runtimeLabel={t("tasks.test.error")}
                invalid={!!errors.script_content}
              />
              <FieldDescription>{t("tasks.editor.scriptHint")}</FieldDescription>
              <FieldMessage />
            </Field>
          ) : (
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
                  const text = e.target.value;
                  patch({ input_params: text });
                  if (parseParams(text) === null)
                    setErrors((er) => ({ ...er, input_params: t("tasks.editor.inputParamsInvalid") }));
                }}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        </CardContent>
      </Card>

      {isScript ? (
        <TestPanel
          outcome={outcome}
          pending={testScript.isPending}
          requestError={testError}
          onRun={() => void runTest()}
          canRun={!readOnly}
        />
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("tasks.editor.sections.retries")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-3">
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
            onChange={(v) => patch({ timeout_seconds: v })}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("tasks.editor.sections.notify")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5 md:grid-cols-2">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">{t("tasks.editor.notifyChannels")}</legend>
            {channels.isPending ? (
              <p className="text-sm text-muted-foreground">{t("common.loading")}</p>
            ) : channels.isError ? (
              <p className="text-sm text-destructive">{errorMessage(channels.error, t)}</p>
            ) : channels.data.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("tasks.editor.noChannels")}</p>
            ) : (
              <ul className="flex max-h-48 flex-col gap-2 overflow-y-auto rounded-md border p-2">
                {channels.data.items.map((c) => {
                  const id = `channel-${c.id}`;
                  return (
                    <li key={c.id} className="flex items-center gap-2">
                      <Checkbox
                        id={id}
                        disabled={readOnly}
                        checked={form.notify_channels.includes(c.id)}
                        onCheckedChange={(v) =>
                          patch({
                            notify_channels:
                              v === true
                                ? [...form.notify_channels, c.id]
                                : form.notify_channels.filter((x) => x !== c.id),
                          })
                        }
                      />
                      <Label htmlFor={id} className="font-normal">
                        {c.channel_name}
                        <span className="text-xs text-muted-foreground">
                          {c.channel_type === "dingtalk_bot"
                            ? t("runs.preview.dingtalk")
                            : t("runs.preview.wecom")}
                        </span>
                      </Label>
                    </li>
                  );
                })}
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
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("tasks.editor.sections.alerts")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
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
        </CardContent>
      </Card>

      {readOnly ? null : (
        <div className="flex justify-end gap-2">
          <Button type="submit" disabled={saving}>
            {saving ? <Loader2Icon className="animate-spin" aria-hidden /> : <SaveIcon aria-hidden />}
            {saving ? t("tasks.editor.saving") : t("tasks.editor.save")}
          </Button>
        </div>
      )}
    </form>
  );

  return (
    <div className="flex flex-col gap-5">
      <div>
        <Button asChild variant="ghost" size="sm" className="-ml-2">
          <Link href="/tasks">
            <ArrowLeftIcon aria-hidden />
            {t("tasks.editor.back")}
          </Link>
        </Button>
      </div>
      <PageHeader
        title={title}
        description={task ? (task.task_desc ?? undefined) : undefined}
        actions={actions}
      />

      {task ? (
        <Tabs value={tab} onValueChange={setTab}>
          <TabsList>
            <TabsTrigger value="settings">{t("tasks.editor.tabs.settings")}</TabsTrigger>
            <TabsTrigger value="runs">{t("tasks.editor.tabs.runs")}</TabsTrigger>
          </TabsList>
          <TabsContent value="settings" className="mt-4" forceMount hidden={tab !== "settings"}>
            {settings}
          </TabsContent>
          <TabsContent value="runs" className="mt-4 flex flex-col gap-4">
            <RunsChart taskId={task.id} timeZone={task.timezone} />
            <RunsTable taskId={task.id} timeZone={task.timezone} />
          </TabsContent>
        </Tabs>
      ) : (
        settings
      )}

      <AlertDialog open={guard.pendingHref !== null} onOpenChange={(open) => !open && guard.stay()}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("tasks.editor.unsavedTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("tasks.editor.unsavedDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("tasks.editor.stay")}</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={guard.leave}>
              {t("tasks.editor.leave")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <AlertDialog open={conflict} onOpenChange={setConflict}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("tasks.editor.conflictTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("tasks.editor.conflictDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("tasks.editor.stay")}</AlertDialogCancel>
            <AlertDialogAction
              onClick={async () => {
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
              }}
            >
              {t("tasks.editor.reload")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function NumberField({
  label,
  value,
  min,
  max,
  error,
  readOnly,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  error?: string;
  readOnly: boolean;
  onChange: (v: number) => void;
}) {
  return (
    <Field error={error}>
      <FieldLabel>{label}</FieldLabel>
      <FieldControl>
        <Input
          type="number"
          inputMode="numeric"
          value={Number.isFinite(value) ? value : ""}
          min={min}
          max={max}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
        />
      </FieldControl>
      <FieldMessage />
    </Field>
  );
}
