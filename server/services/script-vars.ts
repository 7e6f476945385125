import { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { scopedDb } from "../db/scoped";
import { AppError, validationError } from "../errors";
import { assertCanWrite, type Scope } from "../auth/scope";
import { recordAudit } from "./audit";

// Values a task's script keeps across runs (get_var / set_var / del_var), one row per task × key.

import { ZVarKey, type TListScriptVarsInput } from "@/lib/schemas/admin";
import { paged } from "@/lib/zod-helpers";
/** Serialized size cap of one value, so a runaway script cannot fill the table. */
export const MAX_VAR_BYTES = 256 * 1024;

export type ScriptVarRow = { key: string; value: unknown; updated_at: Date };

function checkKey(key: string): string {
  const parsed = ZVarKey.safeParse(key);
  if (!parsed.success)
    throw validationError(parsed.error.issues.map((i) => ({ ...i, path: ["key", ...i.path] })));
  return parsed.data;
}

/** JSON value for Prisma; throws when it is not JSON-serializable or too big. */
export function toJsonValue(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  let text: string | undefined;
  try {
    text = JSON.stringify(value ?? null);
  } catch {
    // A BigInt (superjson carries them from the console) or a cycle: not JSON.
    text = undefined;
  }
  if (text === undefined) throw new AppError("VAR_VALUE_NOT_JSON", {}, { field: "value" });
  if (Buffer.byteLength(text, "utf8") > MAX_VAR_BYTES)
    throw new AppError("VAR_VALUE_TOO_LARGE", { max_kb: MAX_VAR_BYTES / 1024 }, { field: "value" });
  const parsed = JSON.parse(text) as unknown;
  return parsed === null ? Prisma.JsonNull : (parsed as Prisma.InputJsonValue);
}

async function assertTaskVisible(scope: Scope, taskId: number): Promise<{ tenantId: string | null }> {
  const task = await scopedDb(scope).scheduledTask.findFirst({
    where: { id: taskId },
    select: { tenantId: true },
  });
  if (!task) throw new AppError("TASK_NOT_FOUND");
  return task;
}

/** One page of a task's variables. */
export async function listScriptVars(opts: { scope: Scope; filter: TListScriptVarsInput }) {
  const { filter } = opts;
  await assertTaskVisible(opts.scope, filter.task_id);
  const where: Prisma.ScriptVarWhereInput = {
    taskId: filter.task_id,
    ...(filter.q ? { varKey: { contains: filter.q } } : {}),
  };
  const dir = filter.sort?.desc ? "desc" : "asc";
  const db = scopedDb(opts.scope);
  const [rows, total] = await Promise.all([
    db.scriptVar.findMany({
      where,
      orderBy: filter.sort?.column === "updated" ? [{ updatedAt: dir }, { id: dir }] : { varKey: dir },
      skip: (filter.page - 1) * filter.page_size,
      take: filter.page_size,
    }),
    db.scriptVar.count({ where }),
  ]);
  return paged(
    rows.map((r): ScriptVarRow => ({ key: r.varKey, value: r.varValue ?? null, updated_at: r.updatedAt })),
    total,
    filter,
  );
}

export async function getScriptVar(opts: {
  scope: Scope;
  taskId: number;
  key: string;
}): Promise<ScriptVarRow> {
  await assertTaskVisible(opts.scope, opts.taskId);
  const row = await scopedDb(opts.scope).scriptVar.findUnique({
    where: { taskId_varKey: { taskId: opts.taskId, varKey: checkKey(opts.key) } },
  });
  if (!row) throw new AppError("VARIABLE_NOT_FOUND");
  return { key: row.varKey, value: row.varValue ?? null, updated_at: row.updatedAt };
}

export async function setScriptVar(opts: {
  scope: Scope;
  taskId: number;
  key: string;
  value: unknown;
}): Promise<ScriptVarRow> {
  assertCanWrite(opts.scope);
  const task = await assertTaskVisible(opts.scope, opts.taskId);
  const row = await writeVarForRun(opts.taskId, opts.key, opts.value);
  await recordAudit(opts.scope, {
    action: "script_var.set",
    entityType: "task",
    entityId: opts.taskId,
    tenantId: task.tenantId ?? "",
    details: { key: row.key },
  });
  return row;
}

export async function deleteScriptVar(opts: {
  scope: Scope;
  taskId: number;
  key: string;
}): Promise<{ success: true }> {
  assertCanWrite(opts.scope);
  const task = await assertTaskVisible(opts.scope, opts.taskId);
  const { count } = await scopedDb(opts.scope).scriptVar.deleteMany({
    where: { taskId: opts.taskId, varKey: checkKey(opts.key) },
  });
  if (count === 0) throw new AppError("VARIABLE_NOT_FOUND");
  await recordAudit(opts.scope, {
    action: "script_var.delete",
    entityType: "task",
    entityId: opts.taskId,
    tenantId: task.tenantId ?? "",
    details: { key: opts.key },
  });
  return { success: true };
}

// Run-side access: the runner already knows the task, so no scope check here.

export async function readVarForRun(
  taskId: number,
  key: string,
): Promise<{ found: boolean; value: unknown }> {
  const row = await db.scriptVar.findUnique({ where: { taskId_varKey: { taskId, varKey: checkKey(key) } } });
  return row ? { found: true, value: row.varValue ?? null } : { found: false, value: null };
}

export async function writeVarForRun(taskId: number, key: string, value: unknown): Promise<ScriptVarRow> {
  const varKey = checkKey(key);
  const varValue = toJsonValue(value);
  const row = await db.scriptVar.upsert({
    where: { taskId_varKey: { taskId, varKey } },
    create: { taskId, varKey, varValue },
    update: { varValue },
  });
  return { key: row.varKey, value: row.varValue ?? null, updated_at: row.updatedAt };
}

export async function deleteVarForRun(taskId: number, key: string): Promise<void> {
  await db.scriptVar.deleteMany({ where: { taskId, varKey: checkKey(key) } });
}
