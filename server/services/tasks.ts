import { Prisma, type ScheduledTask } from "@/generated/prisma/client";
import {
  ALERT_TARGET_FIELD,
  alertTargetMissing,
  storedTaskProblems,
  type StoredTaskProblem,
  ZTaskFields,
  type TListLogsQuery,
  type TListTasksQuery,
  type TTaskFields,
  type TUpdateTaskInput,
} from "@/lib/schemas/task";
import { paged, type TPagination } from "@/lib/zod-helpers";
import { db } from "../db";
import { runScope, scopedDb, tenantExists } from "../db/scoped";
import { AppError, validationError } from "../errors";
import { actorLabel, assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { calendarForTenant, computeNextRunAt } from "../schedule/next-run";
import { assertUrlAllowedAtSave } from "../net/save-check";
import { redactUrl, urlForScope } from "../auth/redact";
import { recordAudit } from "./audit";
import { SIGNATURE_HEADER, webhookSigningKey } from "../crypto/webhook-signature";
import { toLogView, toTaskView, type TaskView } from "./task-view";

type Tx = Prisma.TransactionClient;

/** The task if the scope sees it; `client` is a scoped client or transaction (scopedDb). */
export async function findTaskOrThrow(
  scope: Scope,
  id: number,
  client: Tx | typeof db = scopedDb(scope),
): Promise<ScheduledTask> {
  const task = await client.scheduledTask.findFirst({ where: { id } });
  if (!task) throw new AppError("TASK_NOT_FOUND");
  return task;
}

function parseTaskFields(value: unknown): TTaskFields {
  const parsed = ZTaskFields.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

/** Channels and the WeCom app a task names must be visible to the task's own tenant. */
async function assertTargetsVisible(tenantId: string | null, fields: TTaskFields): Promise<void> {
  const db = scopedDb(runScope(tenantId));
  if (fields.alert_channels.length > 0) {
    const found = await db.notifyChannel.findMany({
      where: { id: { in: fields.alert_channels } },
      select: { id: true },
    });
    const known = new Set(found.map((c) => c.id));
    const missing = fields.alert_channels.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw new AppError(
        "CHANNEL_UNKNOWN",
        { id: fields.alert_channels[missing]! },
        { field: `alert_channels.${missing}` },
      );
  }
  // The tenant is read only when the task's own targets do not settle it.
  if (alertTargetMissing(fields, false)) {
    const tenant = tenantId ? await db.tenant.findUnique({ where: { tenantId } }) : null;
    if (alertTargetMissing(fields, tenant?.defaultAlertChannelId != null))
      throw new AppError("ALERT_TARGET_REQUIRED", {}, { field: ALERT_TARGET_FIELD });
  }
  if (fields.notify_channels.length > 0) {
    const found = await db.notifyChannel.findMany({
      where: { id: { in: fields.notify_channels } },
      select: { id: true },
    });
    const known = new Set(found.map((c) => c.id));
    const missing = fields.notify_channels.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw new AppError(
        "CHANNEL_UNKNOWN",
        { id: fields.notify_channels[missing]! },
        { field: `notify_channels.${missing}` },
      );
  }
  if (fields.notify_wecom_app_id) {
    const app = await db.wecomApp.findFirst({ where: { id: fields.notify_wecom_app_id } });
    if (!app)
      throw new AppError(
        "WECOM_APP_UNKNOWN",
        { id: fields.notify_wecom_app_id },
        { field: "notify_wecom_app_id" },
      );
  }
}

/** The SSRF guard at save: a task's webhook and alert URLs may not point inside (new values only). */
async function assertUrlsAllowed(
  fields: TTaskFields,
  current?: Pick<ScheduledTask, "webhookUrl" | "alertWebhook">,
): Promise<void> {
  if (fields.webhook_url && fields.webhook_url !== current?.webhookUrl)
    await assertUrlAllowedAtSave(fields.webhook_url, "webhook_url");
  if (fields.alert_webhook && fields.alert_webhook !== current?.alertWebhook)
    await assertUrlAllowedAtSave(fields.alert_webhook, "alert_webhook");
}

/**
 * What a save checks beyond the schema: a new task's tenant exists, its channels and WeCom app
 * are the tenant's, its URLs may be called. Create, update and the import (dry run included) all
 * go through it, so a dry run refuses what the real save would.
 */
export async function checkTaskWrite(opts: {
  scope: Scope;
  tenantId: string | null;
  fields: TTaskFields;
  /** The stored task when updating: its tenant exists and its unchanged URLs pass. */
  current?: Pick<ScheduledTask, "webhookUrl" | "alertWebhook">;
}): Promise<void> {
  const { tenantId, fields, current } = opts;
  if (!current && tenantId && !(await tenantExists(opts.scope, tenantId)))
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  await assertTargetsVisible(tenantId, fields);
  await assertUrlsAllowed(fields, current);
}

function columnsFrom(fields: TTaskFields) {
  return {
    taskName: fields.task_name,
    taskDesc: fields.task_desc ?? null,
    scheduleType: fields.schedule_type,
    timePoints: fields.time_points ?? Prisma.DbNull,
    cronExpression: fields.cron_expression,
    timezone: fields.timezone,
    workdayFilter: fields.workday_filter,
    executionType: fields.execution_type,
    webhookUrl: fields.webhook_url ?? null,
    scriptContent: fields.script_content ?? null,
    scriptLanguage: fields.script_language,
    scriptDeps: fields.script_deps ?? null,
    inputParams: fields.input_params as Prisma.InputJsonValue,
    retryCount: fields.retry_count,
    retryInterval: fields.retry_interval,
    alertOnFailure: fields.alert_on_failure,
    alertWebhook: fields.alert_webhook ?? null,
    alertChannels: fields.alert_channels,
    alertMentions: (fields.alert_mentions ?? Prisma.DbNull) as Prisma.InputJsonValue,
    alertAfterFailures: fields.alert_after_failures,
    notifyChannels: fields.notify_channels,
    notifyWecomAppId: fields.notify_wecom_app_id ?? null,
    isEnabled: fields.is_enabled,
    timeoutSeconds: fields.timeout_seconds,
    overlapPolicy: fields.overlap_policy,
    misfireGraceSeconds: fields.misfire_grace_seconds,
  };
}

/** The stored task in the API's input form, so a partial update can be merged and re-checked. */
function fieldsOf(task: ScheduledTask): Record<string, unknown> {
  const {
    id: _id,
    last_run_at: _a,
    last_run_status: _s,
    last_run_message: _m,
    created_at: _c,
    updated_at: _u,
    next_run_at: _n,
    version: _v,
    ...rest
  } = toTaskView(task);
  return rest;
}

export async function listTasks(opts: { scope: Scope; filter: TListTasksQuery; page: TPagination }) {
  const { filter, scope } = opts;
  const db = scopedDb(scope, { narrow: filter.tenant_id });
  const where: Prisma.ScheduledTaskWhereInput = {
    ...(filter.is_enabled !== undefined ? { isEnabled: filter.is_enabled } : {}),
    ...(filter.execution_type ? { executionType: filter.execution_type } : {}),
    ...(filter.script_language ? { scriptLanguage: filter.script_language } : {}),
    ...(filter.schedule_type ? { scheduleType: filter.schedule_type } : {}),
    ...(filter.last_run_status ? { lastRunStatus: filter.last_run_status } : {}),
    ...(filter.keyword
      ? { OR: [{ taskName: { contains: filter.keyword } }, { taskDesc: { contains: filter.keyword } }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.scheduledTask.findMany({
      where,
      orderBy: taskOrder(filter.sort),
      skip: (opts.page.page - 1) * opts.page.page_size,
      take: opts.page.page_size,
    }),
    db.scheduledTask.count({ where }),
  ]);
  return paged(
    rows.map((t) => taskViewFor(scope, t)),
    total,
    opts.page,
  );
}

/** The list's order: by the asked column (tasks never run or not scheduled last), then newest first. */
function taskOrder(sort: TListTasksQuery["sort"]): Prisma.ScheduledTaskOrderByWithRelationInput[] {
  const dir = sort?.desc ? "desc" : "asc";
  const newest = { id: "desc" } as const;
  switch (sort?.column) {
    case "name":
      return [{ taskName: dir }, newest];
    case "next":
      return [{ nextRunAt: { sort: dir, nulls: "last" } }, newest];
    case "last":
      return [{ lastRunAt: { sort: dir, nulls: "last" } }, newest];
    default:
      return [newest];
  }
}

/** What this caller may see of a task: viewers get credentials in webhook/alert URLs masked. */
export function taskViewFor(scope: Scope, task: ScheduledTask): TaskView {
  const view = toTaskView(task);
  return {
    ...view,
    webhook_url: urlForScope(scope, view.webhook_url),
    alert_webhook: urlForScope(scope, view.alert_webhook),
  };
}

export type TaskProblem = StoredTaskProblem;

/**
 * What a stored task breaks of today's rules (rows adopted from the original system may: e.g.
 * retry_count 20) and what it names that does not exist (a dangling notify_wecom_app_id or
 * channel). Such a task still reads and runs; GET shows these so the console can point at the
 * field to fix, and a PUT that fixes them succeeds.
 */
export async function taskProblems(task: ScheduledTask): Promise<TaskProblem[]> {
  const problems = storedTaskProblems(fieldsOf(task));
  // What the task's own runs may see (its tenant's, plus global WeCom apps).
  const visible = scopedDb(runScope(task.tenantId));
  const appId = task.notifyWecomAppId;
  if (appId && !(await visible.wecomApp.findFirst({ where: { id: appId }, select: { id: true } })))
    problems.push({
      path: "notify_wecom_app_id",
      message: `企微应用 ${appId} 不存在或不属于该租户 (no such WeCom app)`,
    });
  const channels = Array.isArray(task.notifyChannels) ? task.notifyChannels.map(Number) : [];
  if (channels.length) {
    const found = await visible.notifyChannel.findMany({
      where: { id: { in: channels.filter(Number.isInteger) } },
      select: { id: true },
    });
    const known = new Set(found.map((c) => c.id));
    channels.forEach((id, i) => {
      if (!known.has(id))
        problems.push({
          path: `notify_channels.${i}`,
          message: `渠道 ${id} 不存在或不属于该租户 (no such channel)`,
        });
    });
  }
  return problems;
}

export async function getTaskOrThrow(opts: {
  scope: Scope;
  id: number;
}): Promise<TaskView & { problems: TaskProblem[] }> {
  const task = await findTaskOrThrow(opts.scope, opts.id);
  return { ...(await taskViewFor(opts.scope, task)), problems: await taskProblems(task) };
}

/** `input` is already checked by ZCreateTaskInput at the edge. */
export async function createTask(opts: { scope: Scope; input: TTaskFields }): Promise<TaskView> {
  assertCanWrite(opts.scope);
  const fields = opts.input;
  const tenantId = tenantForCreate(opts.scope, fields.tenant_id);
  await checkTaskWrite({ scope: opts.scope, tenantId, fields });
  const columns = columnsFrom(fields);
  const nextRunAt = computeNextRunAt(columns, await calendarForTenant(tenantId), new Date());
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const task = await tx.scheduledTask.create({ data: { ...columns, tenantId, nextRunAt } });
    if (task.scriptContent) {
      await tx.taskScriptVersion.create({
        data: {
          taskId: task.id,
          version: task.version,
          scriptContent: task.scriptContent,
          createdBy: actorLabel(opts.scope.actor),
        },
      });
    }
    await recordAudit(
      opts.scope,
      {
        action: "task.create",
        entityType: "task",
        entityId: task.id,
        tenantId: tenantId ?? "",
        details: { task_name: task.taskName },
      },
      tx,
    );
    return toTaskView(task);
  });
}

/**
 * Partial update with optimistic locking: the row changes only if its version is still the one
 * read (and the one the caller sent, when sent); otherwise 409. Every save of a changed script
 * keeps it in the version history.
 */
export async function updateTask(opts: {
  scope: Scope;
  id: number;
  input: TUpdateTaskInput;
}): Promise<TaskView> {
  assertCanWrite(opts.scope);
  const current = await findTaskOrThrow(opts.scope, opts.id);
  const { version, ...patch } = opts.input;
  if (version !== undefined && version !== current.version) {
    throw new AppError("TASK_VERSION_STALE", { current: current.version }, { field: "version" });
  }
  if (patch.tenant_id !== undefined && (patch.tenant_id ?? null) !== current.tenantId) {
    throw new AppError("TENANT_IMMUTABLE", {}, { field: "tenant_id" });
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const fields = parseTaskFields({ ...fieldsOf(current), ...defined });
  await checkTaskWrite({ scope: opts.scope, tenantId: current.tenantId, fields, current });
  const columns = columnsFrom(fields);
  const nextRunAt = computeNextRunAt(columns, await calendarForTenant(current.tenantId), new Date());
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const { count } = await tx.scheduledTask.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...columns, nextRunAt, version: { increment: 1 } },
    });
    if (count === 0)
      throw new AppError("TASK_VERSION_STALE", { current: current.version + 1 }, { field: "version" });
    const task = await tx.scheduledTask.findUniqueOrThrow({ where: { id: current.id } });
    if ((task.scriptContent ?? "") !== (current.scriptContent ?? "") && task.scriptContent) {
      await tx.taskScriptVersion.create({
        data: {
          taskId: task.id,
          version: task.version,
          scriptContent: task.scriptContent,
          createdBy: actorLabel(opts.scope.actor),
        },
      });
    }
    await recordAudit(
      opts.scope,
      {
        action: "task.update",
        entityType: "task",
        entityId: task.id,
        tenantId: task.tenantId ?? "",
        details: { changes: changedFields(current, task), version: task.version } as Prisma.InputJsonValue,
      },
      tx,
    );
    return toTaskView(task);
  });
}

/** Fields that differ between two versions of a task, with before and after (URLs masked). */
export function changedFields(
  before: ScheduledTask,
  after: ScheduledTask,
): Record<string, { before: unknown; after: unknown }> {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null)) continue;
    if (key === "script_content") {
      // The scripts themselves are in the version history: the audit names the versions.
      out[key] = { before: `v${before.version}`, after: `v${after.version}` };
      continue;
    }
    const mask = (v: unknown) => (typeof v === "string" && /^https?:\/\//.test(v) ? redactUrl(v) : v);
    out[key] = { before: mask(a[key] ?? null), after: mask(b[key] ?? null) };
  }
  return out;
}

export async function deleteTask(opts: { scope: Scope; id: number }) {
  assertCanWrite(opts.scope);
  const task = await findTaskOrThrow(opts.scope, opts.id);
  await scopedDb(opts.scope).$transaction(async (tx) => {
    await tx.scheduledTask.delete({ where: { id: task.id } });
    await tx.scriptVar.deleteMany({ where: { taskId: task.id } });
    await tx.taskScriptVersion.deleteMany({ where: { taskId: task.id } });
    await tx.taskLog.deleteMany({ where: { taskId: task.id } });
    await recordAudit(
      opts.scope,
      {
        action: "task.delete",
        entityType: "task",
        entityId: task.id,
        tenantId: task.tenantId ?? "",
        details: { task_name: task.taskName },
      },
      tx,
    );
  });
  return { success: true as const };
}

/** Enables or disables (flips when `isEnabled` is omitted); next_run_at follows. */
export async function toggleTask(opts: { scope: Scope; id: number; isEnabled?: boolean }): Promise<TaskView> {
  assertCanWrite(opts.scope);
  const current = await findTaskOrThrow(opts.scope, opts.id);
  const isEnabled = opts.isEnabled ?? !(current.isEnabled ?? true);
  const nextRunAt = computeNextRunAt(
    { ...current, isEnabled },
    await calendarForTenant(current.tenantId),
    new Date(),
  );
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const task = await tx.scheduledTask.update({
      where: { id: current.id },
      data: { isEnabled, nextRunAt, version: { increment: 1 } },
    });
    await recordAudit(
      opts.scope,
      {
        action: isEnabled ? "task.enable" : "task.disable",
        entityType: "task",
        entityId: task.id,
        tenantId: task.tenantId ?? "",
      },
      tx,
    );
    return toTaskView(task);
  });
}

/** Past this offset a page reads ids first (index only), then its rows: deep pages stay cheap. */
const DEFERRED_JOIN_OFFSET = 200;

/**
 * A task's logs, newest first. `page` works at any depth; `before_id` (keyset) is the cheapest
 * way through a long history. `total` is exact for up to 5,000 matching rows; above that it may be up to 30 s old (cachedLogCount).
 */
export async function listTaskLogs(opts: {
  scope: Scope;
  id: number;
  filter: TListLogsQuery;
  page: TPagination;
}) {
  const db = scopedDb(opts.scope);
  const task = await findTaskOrThrow(opts.scope, opts.id, db);
  const where: Prisma.TaskLogWhereInput = {
    taskId: task.id,
    ...(opts.filter.status ? { status: opts.filter.status } : {}),
    ...(opts.filter.trace_id ? { traceId: opts.filter.trace_id } : {}),
  };
  const beforeId = opts.filter.before_id;
  const pageWhere: Prisma.TaskLogWhereInput = beforeId ? { ...where, id: { lt: BigInt(beforeId) } } : where;
  const skip = beforeId ? 0 : (opts.page.page - 1) * opts.page.page_size;
  const take = opts.page.page_size;
  const rowsQuery =
    !beforeId && skip < DEFERRED_JOIN_OFFSET
      ? db.taskLog.findMany({ where: pageWhere, orderBy: { id: "desc" }, skip, take })
      : // Ids first, then their rows: OFFSET over whole rows reads every skipped row, and for
        // `id < ?` with whole rows MariaDB walks the task's index from its newest entry (1.2 s
        // at 100,000 rows deep) where the ids alone take a range of the (task_id, id) index.
        db.taskLog
          .findMany({ where: pageWhere, orderBy: { id: "desc" }, skip, take, select: { id: true } })
          .then((ids) =>
            ids.length === 0
              ? []
              : db.taskLog.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { id: "desc" } }),
          );
  const countKey = `${task.id}|${opts.filter.status ?? ""}|${opts.filter.trace_id ?? ""}`;
  const [rows, total] = await Promise.all([
    rowsQuery,
    cachedLogCount(countKey, () => db.taskLog.count({ where })),
  ]);
  return paged(rows.map(toLogView), total, opts.page);
}

/** Counts at or above this are served from a short cache: an exact COUNT of 200,000 rows is ~45 ms. */
const LOG_COUNT_CACHE_MIN = 5_000;
const LOG_COUNT_CACHE_MS = 30_000;
const logCounts = ((
  globalThis as unknown as { __logCounts?: Map<string, { n: number; at: number }> }
).__logCounts ??= new Map());

/**
 * A task's log total: exact below LOG_COUNT_CACHE_MIN rows; above it, the exact count of at most
 * LOG_COUNT_CACHE_MS ago (a long history grows by a few rows meanwhile; pages are always fresh).
 */
async function cachedLogCount(key: string, count: () => Promise<number>): Promise<number> {
  const hit = logCounts.get(key);
  if (hit && Date.now() - hit.at < LOG_COUNT_CACHE_MS) return hit.n;
  const n = await count();
  if (n >= LOG_COUNT_CACHE_MIN) {
    if (logCounts.size > 10_000) logCounts.clear();
    logCounts.set(key, { n, at: Date.now() });
  } else logCounts.delete(key);
  return n;
}

/** The key a webhook task's calls are signed with, for those who may edit the task. */
export async function getWebhookSigningKey(opts: { scope: Scope; id: number }) {
  assertCanWrite(opts.scope);
  const task = await findTaskOrThrow(opts.scope, opts.id);
  return {
    key: webhookSigningKey(task.id, task.webhookKeyVersion),
    header: SIGNATURE_HEADER,
    format: "t=<unix seconds>,v1=<hex HMAC-SHA256(key, `${t}.${body}`)>",
  };
}

/** A new signing key for a webhook task (the old one stops verifying at once); audited. */
export async function rotateWebhookSigningKey(opts: { scope: Scope; id: number }) {
  assertCanWrite(opts.scope);
  const current = await findTaskOrThrow(opts.scope, opts.id);
  await db.$transaction(async (tx) => {
    const task = await tx.scheduledTask.update({
      where: { id: current.id },
      data: { webhookKeyVersion: { increment: 1 } },
    });
    await recordAudit(
      opts.scope,
      {
        action: "task.webhook_key_rotate",
        entityType: "task",
        entityId: task.id,
        tenantId: task.tenantId ?? "",
        details: { key_version: task.webhookKeyVersion },
      },
      tx,
    );
  });
  return getWebhookSigningKey(opts);
}
