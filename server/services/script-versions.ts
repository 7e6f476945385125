import { lineDiff } from "@/lib/line-diff";
import { scopedDb } from "../db/scoped";
import { AppError } from "../errors";
import type { Scope } from "../auth/scope";
import { findTaskOrThrow, updateTask } from "./tasks";

/** Saved scripts of a task, newest first (content omitted: fetch one to see it). */
export async function listScriptVersions(opts: { scope: Scope; taskId: number }) {
  const task = await findTaskOrThrow(opts.scope, opts.taskId);
  const rows = await scopedDb(opts.scope).taskScriptVersion.findMany({
    where: { taskId: task.id },
    orderBy: { version: "desc" },
    select: { id: true, version: true, createdBy: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, current: r.version === task.version }));
}

async function versionOrThrow(scope: Scope, taskId: number, version: number) {
  const task = await findTaskOrThrow(scope, taskId);
  const row = await scopedDb(scope).taskScriptVersion.findUnique({
    where: { taskId_version: { taskId: task.id, version } },
  });
  if (!row) throw new AppError("SCRIPT_VERSION_NOT_FOUND");
  return { task, row };
}

export async function getScriptVersion(opts: { scope: Scope; taskId: number; version: number }) {
  return (await versionOrThrow(opts.scope, opts.taskId, opts.version)).row;
}

/** Line diff from one saved version to another, or to the task's current script. */
export async function diffScriptVersions(opts: { scope: Scope; taskId: number; from: number; to?: number }) {
  const { task, row: from } = await versionOrThrow(opts.scope, opts.taskId, opts.from);
  const to = opts.to === undefined ? null : (await versionOrThrow(opts.scope, opts.taskId, opts.to)).row;
  return {
    from: from.version,
    to: to?.version ?? "current",
    lines: lineDiff(from.scriptContent ?? "", to ? (to.scriptContent ?? "") : (task.scriptContent ?? "")),
  };
}

/** Restores a saved script as a new save (so the restore itself is in the history too). */
export async function restoreScriptVersion(opts: {
  scope: Scope;
  taskId: number;
  version: number;
  expectedVersion?: number;
}) {
  const { row } = await versionOrThrow(opts.scope, opts.taskId, opts.version);
  return updateTask({
    scope: opts.scope,
    id: opts.taskId,
    input: { script_content: row.scriptContent, version: opts.expectedVersion },
  });
}
