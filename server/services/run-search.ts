import type { Prisma } from "@/generated/prisma/client";
import { TEXT_SEARCH_MAX_DAYS, ZSearchRunsInput, type TSearchRunsInput } from "@/lib/schemas/ops";
import { scopedDb } from "../db/scoped";
import { AppError } from "../errors";
import type { Scope } from "../auth/scope";
import { toLogView } from "./task-view";

const DAY = 86_400_000;
const CSV_MAX_ROWS = 10_000;

/** The scope's client; a platform scope may narrow to one tenant ('' = global rows). */
const dbFor = (scope: Scope, tenantId?: string) =>
  scopedDb(scope, tenantId === undefined ? {} : { narrow: tenantId });

function whereOf(scope: Scope, input: ReturnType<typeof ZSearchRunsInput.parse>) {
  const to = input.to ?? new Date();
  const from = input.from ?? new Date(to.getTime() - 7 * DAY);
  if (input.q && to.getTime() - from.getTime() > TEXT_SEARCH_MAX_DAYS * DAY)
    throw new AppError("TEXT_SEARCH_RANGE", { days: TEXT_SEARCH_MAX_DAYS }, { field: "from" });
  const where: Prisma.TaskLogWhereInput = {
    createdAt: { gte: from, lte: to },
    ...(input.task_id ? { taskId: input.task_id } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.trigger ? { trigger: input.trigger } : {}),
    ...(input.trace_id ? { traceId: input.trace_id } : {}),
    ...(input.q ? { OR: [{ output: { contains: input.q } }, { error: { contains: input.q } }] } : {}),
  };
  return { where, from, to };
}

async function withTaskNames<T extends { taskId: number }>(scope: Scope, rows: T[]) {
  const tasks = await scopedDb(scope).scheduledTask.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.taskId))] } },
    select: { id: true, taskName: true },
  });
  return new Map(tasks.map((t) => [t.id, t.taskName]));
}

/**
 * Runs across tasks: by task, tenant, status, trigger, trace id and date range (created_at,
 * indexed with the tenant), with text search in output and error bounded by the range. Newest
 * first, keyset paging on id. Each run carries its parameters and who started it.
 */
export async function searchRuns(opts: { scope: Scope; input: TSearchRunsInput }) {
  const input = ZSearchRunsInput.parse(opts.input);
  const { where, from, to } = whereOf(opts.scope, input);
  const rows = await dbFor(opts.scope, input.tenant_id).taskLog.findMany({
    where: input.cursor ? { ...where, id: { lt: BigInt(input.cursor) } } : where,
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const names = await withTaskNames(opts.scope, page);
  return {
    items: page.map((r) => {
      const v = toLogView(r);
      return {
        ...v,
        id: Number(v.id),
        task_name: names.get(r.taskId) ?? null,
        output: v.output && v.output.length > 2000 ? `${v.output.slice(0, 2000)}…` : v.output,
      };
    }),
    next_cursor: rows.length > input.limit ? Number(page[page.length - 1]!.id) : null,
    from,
    to,
  };
}

/**
 * The same search's rows for the CSV export, at most 10,000. The console writes the file (in the
 * viewer's language, times in the display zone and in UTC: components/runs/runs-csv.ts), since
 * its words for statuses, triggers and stored errors live there.
 */
export async function exportRunsCsv(opts: { scope: Scope; input: TSearchRunsInput }) {
  const input = ZSearchRunsInput.parse(opts.input);
  const { where } = whereOf(opts.scope, input);
  const rows = await dbFor(opts.scope, input.tenant_id).taskLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: CSV_MAX_ROWS,
    select: {
      id: true,
      taskId: true,
      tenantId: true,
      traceId: true,
      status: true,
      trigger: true,
      triggeredBy: true,
      scheduledFor: true,
      startedAt: true,
      finishedAt: true,
      durationMs: true,
      params: true,
      error: true,
    },
  });
  const names = await withTaskNames(opts.scope, rows);
  return {
    filename: `runs-${new Date().toISOString().slice(0, 10)}.csv`,
    items: rows.map((r) => ({
      id: Number(r.id),
      task_id: r.taskId,
      task_name: names.get(r.taskId) ?? null,
      tenant_id: r.tenantId,
      status: r.status,
      trigger: r.trigger,
      triggered_by: r.triggeredBy,
      scheduled_for: r.scheduledFor,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      duration_ms: r.durationMs,
      trace_id: r.traceId,
      params: r.params,
      error: r.error,
    })),
    rows: rows.length,
    truncated: rows.length === CSV_MAX_ROWS,
  };
}
