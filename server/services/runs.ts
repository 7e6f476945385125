import { ZListRunsInput, type TListRunsInput } from "@/lib/schemas/run";
import type { Prisma } from "@/generated/prisma/client";
import { scopedDb } from "../db/scoped";
import { AppError } from "../errors";
import type { Scope } from "../auth/scope";
import { toLogView } from "./task-view";

/**
 * Run history of the scope (a tenant's, or all for the platform), newest first, with the task's
 * name. Keyset pagination on id keeps deep pages as fast as the first.
 */
export async function listRuns(opts: { scope: Scope; input: TListRunsInput }) {
  const input = ZListRunsInput.parse(opts.input);
  const db = scopedDb(opts.scope, { narrow: input.tenant_id });
  const where: Prisma.TaskLogWhereInput = {
    ...(input.task_id ? { taskId: input.task_id } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.trigger ? { trigger: input.trigger } : {}),
    ...(input.trace_id ? { traceId: input.trace_id } : {}),
    ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
  };
  const rows = await db.taskLog.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const tasks = await db.scheduledTask.findMany({
    where: { id: { in: [...new Set(page.map((r) => r.taskId))] } },
    select: { id: true, taskName: true },
  });
  const names = new Map(tasks.map((t) => [t.id, t.taskName]));
  return {
    items: page.map((r) => ({ ...toLogView(r), task_name: names.get(r.taskId) ?? null })),
    next_cursor: rows.length > input.limit ? Number(page[page.length - 1]!.id) : null,
  };
}

/** One run with its task's name; another tenant's run is not found. */
export async function getRunOrThrow(opts: { scope: Scope; id: number }) {
  const db = scopedDb(opts.scope);
  const run = await db.taskLog.findFirst({ where: { id: BigInt(opts.id) } });
  if (!run) throw new AppError("RUN_NOT_FOUND");
  const task = await db.scheduledTask.findUnique({
    where: { id: run.taskId },
    select: { taskName: true, timezone: true },
  });
  return {
    ...toLogView(run),
    task_name: task?.taskName ?? null,
    timezone: task?.timezone ?? "Asia/Shanghai",
  };
}

/** Duration and outcome of a task's recent runs, oldest first, for the console's chart. */
export async function runStats(opts: { scope: Scope; taskId?: number; limit?: number }) {
  const rows = await scopedDb(opts.scope).taskLog.findMany({
    where: {
      ...(opts.taskId ? { taskId: opts.taskId } : {}),
      status: { in: ["success", "failed"] },
    },
    orderBy: { id: "desc" },
    take: Math.min(opts.limit ?? 50, 200),
    select: { id: true, status: true, durationMs: true, startedAt: true },
  });
  return rows.reverse().map((r) => ({
    id: Number(r.id),
    status: r.status,
    duration_ms: r.durationMs ?? 0,
    started_at: r.startedAt,
  }));
}
