import type { Prisma } from "@/generated/prisma/client";
import type { RunStatus } from "@/generated/prisma/enums";
import { DISPLAY_TIME_ZONE, fromZonedInput, startOfDayInput } from "@/lib/display-time";
import type { Scope } from "../auth/scope";
import { scopedDb } from "../db/scoped";

/** The statuses that count as a failure on the overview: a partial run failed some deliveries. */
const FAILING = ["failed", "partial"] satisfies RunStatus[];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The console's day, in its display zone (北京时间): the same day the pages' times are read in. */
function startOfDisplayDay(now: Date): Date {
  return fromZonedInput(startOfDayInput(now, DISPLAY_TIME_ZONE), DISPLAY_TIME_ZONE)!;
}

function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

type Delivery = { name?: string; channel_type?: string; ok?: boolean; skipped?: boolean };

/**
 * 运维总览: today's runs by status and per hour, tasks whose last run failed, the 7-day failure
 * ranking, fires due in the next hour, today's start lateness (p95) and delivery failures by
 * channel. A tenant scope sees its tenant; a platform scope everything (or one tenant).
 */
export async function overview(opts: { scope: Scope; tenantId?: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const today = startOfDisplayDay(now);
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const db = scopedDb(opts.scope, opts.tenantId === undefined ? {} : { narrow: opts.tenantId });
  const todayWhere: Prisma.TaskLogWhereInput = { createdAt: { gte: today } };

  const [byStatus, todayRows, failingTasks, ranking, due, dueCount] = await Promise.all([
    db.taskLog.groupBy({ by: ["status"], where: todayWhere, _count: { _all: true } }),
    db.taskLog.findMany({
      where: todayWhere,
      select: { createdAt: true, status: true, scheduledFor: true, startedAt: true, deliveries: true },
      take: 50_000,
    }),
    db.scheduledTask.findMany({
      where: { lastRunStatus: { in: FAILING } },
      orderBy: { lastRunAt: "desc" },
      take: 20,
      select: {
        id: true,
        taskName: true,
        tenantId: true,
        lastRunAt: true,
        lastRunStatus: true,
        lastRunMessage: true,
        isEnabled: true,
      },
    }),
    db.taskLog.groupBy({
      by: ["taskId"],
      where: { createdAt: { gte: weekAgo }, status: { in: FAILING } },
      _count: { _all: true },
      orderBy: { _count: { taskId: "desc" } },
      take: 10,
    }),
    db.scheduledTask.findMany({
      where: { isEnabled: true, nextRunAt: { gte: now, lte: new Date(now.getTime() + HOUR) } },
      orderBy: { nextRunAt: "asc" },
      take: 20,
      select: { id: true, taskName: true, tenantId: true, nextRunAt: true },
    }),
    db.scheduledTask.count({
      where: { isEnabled: true, nextRunAt: { gte: now, lte: new Date(now.getTime() + HOUR) } },
    }),
  ]);

  const failingIds = failingTasks.map((t) => t.id);
  const lastFailedRuns = failingIds.length
    ? await db.taskLog.findMany({
        where: { taskId: { in: failingIds }, status: { in: FAILING } },
        orderBy: { id: "desc" },
        take: failingIds.length * 3,
        select: { id: true, taskId: true },
      })
    : [];
  const lastRunOf = new Map<number, number>();
  for (const r of lastFailedRuns) if (!lastRunOf.has(r.taskId)) lastRunOf.set(r.taskId, Number(r.id));
  const rankNames = ranking.length
    ? new Map(
        (
          await db.scheduledTask.findMany({
            where: { id: { in: ranking.map((r) => r.taskId) } },
            select: { id: true, taskName: true },
          })
        ).map((t) => [t.id, t.taskName]),
      )
    : new Map<number, string>();

  const hours = Array.from({ length: 24 }, (_, h) => ({ hour: h, success: 0, failed: 0, other: 0 }));
  const lateness: number[] = [];
  const deliveryFailures = new Map<string, { channel: string; channel_type: string; failures: number }>();
  for (const r of todayRows) {
    const h = Math.floor(((r.createdAt?.getTime() ?? now.getTime()) - today.getTime()) / HOUR);
    const bucket = hours[Math.min(23, Math.max(0, h))]!;
    if (r.status === "success") bucket.success++;
    else if (r.status === "failed" || r.status === "partial") bucket.failed++;
    else bucket.other++;
    if (r.scheduledFor && r.startedAt)
      lateness.push(Math.max(0, r.startedAt.getTime() - r.scheduledFor.getTime()));
    if (Array.isArray(r.deliveries))
      for (const d of r.deliveries as Delivery[]) {
        if (d.ok || d.skipped) continue;
        const key = `${d.channel_type}:${d.name}`;
        const entry = deliveryFailures.get(key) ?? {
          channel: d.name ?? "?",
          channel_type: d.channel_type ?? "?",
          failures: 0,
        };
        entry.failures++;
        deliveryFailures.set(key, entry);
      }
  }
  const statusCounts = Object.fromEntries(byStatus.map((s) => [s.status ?? "unknown", s._count._all]));

  return {
    generated_at: now,
    day_start: today,
    today: {
      total: byStatus.reduce((n, s) => n + s._count._all, 0),
      by_status: statusCounts as Record<string, number>,
    },
    failing_tasks: failingTasks.map((t) => ({
      id: t.id,
      task_name: t.taskName,
      tenant_id: t.tenantId,
      last_run_at: t.lastRunAt,
      last_run_status: t.lastRunStatus,
      last_run_message: t.lastRunMessage,
      is_enabled: t.isEnabled ?? true,
      last_failed_run_id: lastRunOf.get(t.id) ?? null,
    })),
    failure_ranking: ranking.map((r) => ({
      task_id: r.taskId,
      task_name: rankNames.get(r.taskId) ?? `#${r.taskId}`,
      failures: r._count._all,
    })),
    due_next_hour: {
      count: dueCount,
      tasks: due.map((t) => ({
        id: t.id,
        task_name: t.taskName,
        tenant_id: t.tenantId,
        next_run_at: t.nextRunAt,
      })),
    },
    lateness_p95_ms: p95(lateness),
    lateness_samples: lateness.length,
    delivery_failures: [...deliveryFailures.values()].sort((a, b) => b.failures - a.failures),
    runs_per_hour: hours,
  };
}
