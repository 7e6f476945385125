import { ZExportTasksInput, ZImportTasksInput, type TImportTasksInput } from "@/lib/schemas/ops";
import { ZTaskFields, type TTaskFields } from "@/lib/schemas/task";
import type { z } from "zod";
import { AppError, zodDetails, type ErrorDetail } from "../errors";
import { REDACTED, redactUrl } from "../auth/redact";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { runScope, scopedDb, tenantExists } from "../db/scoped";
import { checkTaskWrite, createTask, updateTask } from "./tasks";
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
 * secrets and platform secrets are never part of a task. The platform's export, which mixes
 * tenants, keeps each task's `tenant_id` (null: global), so its re-import puts them back.
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
        ...(opts.scope.type === "platform" ? { tenant_id: t.tenantId } : {}),
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

/** What a tenant has that an imported task may name: channels, WeCom apps, tasks (by name). */
type Target = {
  channelByName: Map<string, number>;
  appByName: Map<string, number>;
  taskByName: Map<string, { id: number; webhookUrl: string | null; alertWebhook: string | null }>;
};

type Plan = {
  index: number;
  name: string | null;
  tenantId: string | null;
  existing: number | null;
  fields: TTaskFields;
  /** The file's fields as given: an update changes only these. */
  patch: Record<string, unknown>;
};

/** An error as a row's reasons: its field details, or one line for the whole task. */
function reasonsOf(err: unknown): ErrorDetail[] {
  if (!(err instanceof AppError)) return [{ path: "(task)", message: "internal error", reason: "INTERNAL" }];
  if (err.details?.length) return err.details;
  return [{ path: "(task)", message: err.message, reason: err.reason, params: err.params }];
}

/**
 * Imports tasks (an export file's `tasks`): matched by name within the tenant, an existing task
 * is updated, a new one created. The tenant is the caller's; on the platform, `tenant_id` puts
 * every task into one tenant, else each goes back to the `tenant_id` it was exported with. Every
 * task goes through one check, the same for a dry run and an import: fields, tenant, channel and
 * app names, then the save's own checks (checkTaskWrite); then, unless `dry_run`, the valid ones
 * are written. Each row reports created, updated or refused with the reasons. A masked URL
 * (******) keeps the task's current one when updating.
 */
export async function importTasks(opts: { scope: Scope; input: TImportTasksInput }): Promise<{
  dry_run: boolean;
  results: ImportRow[];
}> {
  assertCanWrite(opts.scope);
  const input = ZImportTasksInput.parse(opts.input);
  // The tenant scope's own tenant, or the platform's chosen one (undefined: each task's own).
  const chosen =
    opts.scope.type === "tenant" || input.tenant_id !== undefined
      ? tenantForCreate(opts.scope, input.tenant_id)
      : undefined;
  if (chosen === null || chosen === "") throw new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" });

  const targets = new Map<string | null, Promise<Target | null>>();
  const targetOf = (tenantId: string | null) => {
    let found = targets.get(tenantId);
    if (!found) targets.set(tenantId, (found = loadTarget(opts.scope, tenantId)));
    return found;
  };
  const results: ImportRow[] = [];
  const plans: Plan[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of input.tasks.entries()) {
    const name = typeof raw.task_name === "string" ? raw.task_name.trim() : null;
    const tenantId = chosen !== undefined ? chosen : fileTenant(raw.tenant_id);
    const refuse = (errors: ErrorDetail[], id: number | null = null) =>
      results.push({ index, task_name: name, outcome: "refused", id, errors });
    if (tenantId === undefined) {
      refuse(reasonsOf(new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" })));
      continue;
    }
    const target = await targetOf(tenantId);
    if (!target) {
      refuse(
        reasonsOf(new AppError("TENANT_UNKNOWN", { tenant_id: String(tenantId) }, { field: "tenant_id" })),
      );
      continue;
    }
    const current = name ? target.taskByName.get(name) : undefined;
    const { fields, errors } = namesToIds(raw, target, current);
    const key = `${tenantId ?? ""}/${name ?? ""}`;
    if (name && seen.has(key))
      errors.unshift({ path: "task_name", message: "文件中重名 (duplicate name in the file)" });
    if (name) seen.add(key);
    const parsed = ZTaskFields.safeParse(fields);
    if (!parsed.success) errors.push(...zodDetails(parsed.error.issues));
    else if (errors.length === 0)
      await checkTaskWrite({ scope: opts.scope, tenantId, fields: parsed.data, current }).catch(
        (err: unknown) => errors.push(...reasonsOf(err)),
      );
    if (errors.length || !parsed.success) refuse(errors, current?.id ?? null);
    else
      plans.push({
        index,
        name,
        tenantId,
        existing: current?.id ?? null,
        fields: parsed.data,
        patch: fields,
      });
  }

  for (const plan of plans) {
    const outcome = plan.existing ? "updated" : "created";
    if (input.dry_run) {
      results.push({ index: plan.index, task_name: plan.name, outcome, id: plan.existing, errors: [] });
      continue;
    }
    try {
      const saved = plan.existing
        ? await updateTask({
            scope: opts.scope,
            id: plan.existing,
            input: plan.patch,
          })
        : await createTask({ scope: opts.scope, input: { ...plan.fields, tenant_id: plan.tenantId } });
      results.push({ index: plan.index, task_name: plan.name, outcome, id: saved.id, errors: [] });
    } catch (err) {
      results.push({
        index: plan.index,
        task_name: plan.name,
        outcome: "refused",
        id: plan.existing,
        errors: reasonsOf(err),
      });
    }
  }
  results.sort((a, b) => a.index - b.index);
  return { dry_run: input.dry_run, results };
}

/** A file's `tenant_id`: a tenant, null for a global task, undefined when the file has none. */
function fileTenant(value: unknown): string | null | undefined {
  if (value === null) return null;
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** The tenant's channels, apps and tasks by name; null when there is no such tenant. */
async function loadTarget(scope: Scope, tenantId: string | null): Promise<Target | null> {
  if (tenantId !== null && !(await tenantExists(scope, tenantId))) return null;
  // What the target tenant sees: its channels, its and global WeCom apps, its tasks.
  const target = scopedDb(runScope(tenantId));
  // A global task matches global tasks only: the platform's reader, narrowed to the global rows.
  const targetTasks = tenantId === null ? scopedDb(runScope(null), { narrow: null }) : target;
  const [channels, apps, existing] = await Promise.all([
    target.notifyChannel.findMany({ select: { id: true, channelName: true } }),
    target.wecomApp.findMany({ select: { id: true, appName: true } }),
    targetTasks.scheduledTask.findMany({
      select: { id: true, taskName: true, webhookUrl: true, alertWebhook: true },
    }),
  ]);
  return {
    channelByName: new Map(channels.map((c) => [c.channelName, c.id])),
    appByName: new Map(apps.map((a) => [a.appName, a.id])),
    taskByName: new Map(existing.map((t) => [t.taskName, t])),
  };
}

/**
 * A file's task as the fields of a save: channels and the WeCom app from names to the target's
 * ids, installation fields dropped, masked URLs kept from the task it updates; the names and
 * URLs that cannot be resolved as reasons.
 */
function namesToIds(
  raw: Record<string, unknown>,
  target: Target,
  current: { webhookUrl: string | null; alertWebhook: string | null } | undefined,
): { fields: Record<string, unknown>; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const mapNames = (key: "notify_channels" | "alert_channels") => {
    const list = raw[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      errors.push({ path: key, message: "须为渠道名称数组 (must be a list of channel names)" });
      return [];
    }
    return list.flatMap((n, i) => {
      const id = typeof n === "string" ? target.channelByName.get(n) : undefined;
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
    const id = target.appByName.get(app);
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
  return { fields, errors };
}
