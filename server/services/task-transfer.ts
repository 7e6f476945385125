import { ZExportTasksInput, ZImportTasksInput, type TImportTasksInput } from "@/lib/schemas/ops";
import { ZTaskFields } from "@/lib/schemas/task";
import type { z } from "zod";
import { AppError, zodDetails, type ErrorDetail } from "../errors";
import { REDACTED, redactUrl } from "../auth/redact";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { runScope, scopedDb } from "../db/scoped";
import { createTask, updateTask } from "./tasks";
import { toTaskView } from "./task-view";

export const EXPORT_FORMAT = "scheduled-tasks/v1";

/** Fields that belong to one installation (ids, run state, timestamps): never exported. */
const LOCAL_FIELDS = [
  "id",
  "tenant_id",
  "last_run_at",
  "last_run_status",
  "last_run_message",
  "created_at",
  "updated_at",
  "next_run_at",
  "version",
  "notify_channels",
  "alert_channels",
  "notify_wecom_app_id",
] as const;

/**
 * Tasks as JSON: every field of the task, channels and the WeCom app by name, no ids, and no
 * secrets: credentials in URLs (robot access_token / key, passwords) are masked; channels' sign
 * secrets and platform secrets are never part of a task.
 */
export async function exportTasks(opts: { scope: Scope; input: z.input<typeof ZExportTasksInput> }) {
  const input = ZExportTasksInput.parse(opts.input);
  const scoped = scopedDb(opts.scope, input.tenant_id === undefined ? {} : { narrow: input.tenant_id });
  const tasks = await scoped.scheduledTask.findMany({
    where: input.ids ? { id: { in: input.ids } } : {},
    orderBy: { id: "asc" },
    take: 1000,
  });
  const channelIds = new Set<number>();
  for (const t of tasks)
    for (const list of [t.notifyChannels, t.alertChannels])
      if (Array.isArray(list)) for (const id of list) channelIds.add(Number(id));
  const channels = new Map(
    (
      await scoped.notifyChannel.findMany({
        where: { id: { in: [...channelIds] } },
        select: { id: true, channelName: true },
      })
    ).map((c) => [c.id, c.channelName]),
  );
  const appIds = tasks.map((t) => t.notifyWecomAppId).filter((x): x is number => !!x);
  const apps = new Map(
    (
      await scoped.wecomApp.findMany({ where: { id: { in: appIds } }, select: { id: true, appName: true } })
    ).map((a) => [a.id, a.appName]),
  );
  const names = (list: unknown) =>
    (Array.isArray(list) ? list : []).map((id) => channels.get(Number(id))).filter((n): n is string => !!n);
  return {
    format: EXPORT_FORMAT,
    exported_at: new Date().toISOString(),
    tasks: tasks.map((t) => {
      const view: Record<string, unknown> = { ...toTaskView(t) };
      for (const k of LOCAL_FIELDS) delete view[k];
      return {
        ...view,
        webhook_url: t.webhookUrl ? redactUrl(t.webhookUrl) : null,
        alert_webhook: t.alertWebhook ? redactUrl(t.alertWebhook) : null,
        notify_channels: names(t.notifyChannels),
        alert_channels: names(t.alertChannels),
        notify_wecom_app: t.notifyWecomAppId ? (apps.get(t.notifyWecomAppId) ?? null) : null,
      };
    }),
  };
}

export type ImportRow = {
  index: number;
  task_name: string | null;
  outcome: "created" | "updated" | "refused";
  id: number | null;
  /** Why it was refused: field → message. */
  errors: ErrorDetail[];
};

type Plan = { index: number; name: string | null; existing: number | null; fields: Record<string, unknown> };

/**
 * Imports tasks (an export file's `tasks`): matched by name within the tenant, an existing task
 * is updated, a new one created. Every task is validated first (fields, channel and app names);
 * then the valid ones are written and each reports created, updated or refused with the reasons.
 * `dry_run` only reports. A masked URL (******) keeps the task's current one when updating.
 */
export async function importTasks(opts: { scope: Scope; input: TImportTasksInput }): Promise<{
  dry_run: boolean;
  results: ImportRow[];
}> {
  assertCanWrite(opts.scope);
  const input = ZImportTasksInput.parse(opts.input);
  const tenantId = tenantForCreate(opts.scope, input.tenant_id);
  if (opts.scope.type === "platform" && input.tenant_id === undefined)
    throw new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" });
  if (!tenantId) throw new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" });
  // What the target tenant sees: its channels, its and global WeCom apps, its tasks.
  const target = scopedDb(runScope(tenantId));
  const [channels, apps, existing] = await Promise.all([
    target.notifyChannel.findMany({ select: { id: true, channelName: true } }),
    target.wecomApp.findMany({ select: { id: true, appName: true } }),
    target.scheduledTask.findMany({
      select: { id: true, taskName: true, webhookUrl: true, alertWebhook: true },
    }),
  ]);
  const channelByName = new Map(channels.map((c) => [c.channelName, c.id]));
  const appByName = new Map(apps.map((a) => [a.appName, a.id]));
  const taskByName = new Map(existing.map((t) => [t.taskName, t]));

  const results: ImportRow[] = [];
  const plans: Plan[] = [];
  const seen = new Set<string>();
  input.tasks.forEach((raw, index) => {
    const errors: ErrorDetail[] = [];
    const name = typeof raw.task_name === "string" ? raw.task_name.trim() : null;
    if (name && seen.has(name))
      errors.push({ path: "task_name", message: "文件中重名 (duplicate name in the file)" });
    if (name) seen.add(name);
    const current = name ? taskByName.get(name) : undefined;
    const mapNames = (key: "notify_channels" | "alert_channels") => {
      const list = raw[key];
      if (list === undefined) return [];
      if (!Array.isArray(list)) {
        errors.push({ path: key, message: "须为渠道名称数组 (must be a list of channel names)" });
        return [];
      }
      return list.flatMap((n, i) => {
        const id = typeof n === "string" ? channelByName.get(n) : undefined;
        if (id === undefined)
          errors.push({ path: `${key}.${i}`, message: `渠道「${String(n)}」不存在 (no such channel)` });
        return id === undefined ? [] : [id];
      });
    };
    const fields: Record<string, unknown> = { ...raw, tenant_id: undefined };
    delete fields.notify_wecom_app;
    for (const k of LOCAL_FIELDS) if (k !== "notify_channels" && k !== "alert_channels") delete fields[k];
    fields.notify_channels = mapNames("notify_channels");
    fields.alert_channels = mapNames("alert_channels");
    const app = raw.notify_wecom_app;
    if (typeof app === "string" && app) {
      const id = appByName.get(app);
      if (id === undefined)
        errors.push({ path: "notify_wecom_app", message: `企微应用「${app}」不存在 (no such app)` });
      fields.notify_wecom_app_id = id ?? null;
    } else fields.notify_wecom_app_id = null;
    for (const key of ["webhook_url", "alert_webhook"] as const) {
      const v = fields[key];
      if (typeof v !== "string" || !v.includes(REDACTED)) continue;
      const kept = key === "webhook_url" ? current?.webhookUrl : current?.alertWebhook;
      if (kept) fields[key] = kept;
      else
        errors.push({
          path: key,
          message: "地址中的凭据已隐去，请填写完整地址 (credentials were masked on export)",
        });
    }
    const parsed = ZTaskFields.safeParse(fields);
    if (!parsed.success) errors.push(...zodDetails(parsed.error.issues));
    if (errors.length)
      results.push({ index, task_name: name, outcome: "refused", id: current?.id ?? null, errors });
    else plans.push({ index, name, existing: current?.id ?? null, fields });
  });

  for (const plan of plans) {
    if (input.dry_run) {
      results.push({
        index: plan.index,
        task_name: plan.name,
        outcome: plan.existing ? "updated" : "created",
        id: plan.existing,
        errors: [],
      });
      continue;
    }
    try {
      const saved = plan.existing
        ? await updateTask({ scope: opts.scope, id: plan.existing, input: plan.fields })
        : await createTask({
            scope: opts.scope,
            input: ZTaskFields.parse({ ...plan.fields, tenant_id: tenantId }),
          });
      results.push({
        index: plan.index,
        task_name: plan.name,
        outcome: plan.existing ? "updated" : "created",
        id: saved.id,
        errors: [],
      });
    } catch (err) {
      const e = err instanceof AppError ? err : null;
      results.push({
        index: plan.index,
        task_name: plan.name,
        outcome: "refused",
        id: plan.existing,
        errors: e?.details?.length
          ? e.details
          : [
              e
                ? { path: "(task)", message: e.message, reason: e.reason, params: e.params }
                : { path: "(task)", message: "internal error", reason: "INTERNAL" as const },
            ],
      });
    }
  }
  results.sort((a, b) => a.index - b.index);
  return { dry_run: input.dry_run, results };
}
