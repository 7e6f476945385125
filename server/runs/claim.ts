import { Prisma, type ScheduledTask } from "@/generated/prisma/client";
import { db } from "../db";
import { logger } from "../logger";
import { metrics } from "../metrics";
import { newTraceId } from "./trace-id";
import { compileSchedule, type FireTimeIterator } from "../schedule/fire-times";
import type { TenantCalendar } from "../schedule/types";
import { calendarFromTenant, scheduleFromTask } from "../schedule/validate";

export type ClaimedFire = {
  logId: bigint;
  taskId: number;
  tenantId: string | null;
  scheduledFor: Date;
  traceId: string;
};

export type ClaimOptions = {
  now?: Date;
  /** Most tasks claimed in one tick (the embedded dispatcher passes its free slots). */
  limit?: number;
  /** Also claim fires due this far ahead (Inngest schedules their events for the exact time). */
  lookaheadMs?: number;
  runnerId?: string | null;
};

export type ClaimResult = { claimed: ClaimedFire[]; skipped: number; lost: number };

/** At most this many `skipped` rows for one task's missed fires; the last one counts the rest. */
const MAX_SKIPPED_ROWS = 20;
/** Missed fires walked per task before giving up on the backlog (a per-second cron down for a day). */
const MAX_MISSED_WALK = 5_000;
/** Fires of one task claimed ahead in one tick (a per-second cron and a one-minute lookahead). */
const MAX_FIRES_AHEAD = 120;

export function overlapSkipMessage(runningLogId: bigint | string): string {
  return `上一次运行（#${runningLogId}）仍在进行，本次已跳过 (previous run still running)`;
}

type FirePlan = {
  run: Date | null;
  skipped: Date[];
  skippedBeyondCap: number;
  beyondCapIsLowerBound?: boolean;
  following: Date | null;
};

/** Compiled schedules by their columns and calendar: a burst of tasks shares a few schedules. */
const compiled = new Map<string, FireTimeIterator | null>();
const MAX_COMPILED = 5_000;

/**
 * A task's schedule, validated and compiled once per distinct schedule (validation and croner's
 * parse were ~9% of the dispatcher's CPU in a trivial burst). Null when the stored row no longer
 * validates.
 */
function compiledSchedule(task: ScheduledTask, calendar: TenantCalendar): FireTimeIterator | null {
  const key = JSON.stringify([
    task.scheduleType,
    task.timePoints,
    task.cronExpression,
    task.timezone,
    task.workdayFilter,
    calendar,
  ]);
  const known = compiled.get(key);
  if (known !== undefined) return known;
  const checked = scheduleFromTask(task, calendar);
  const iterator = checked.ok ? compileSchedule(checked.schedule) : null;
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, iterator);
  return iterator;
}

/**
 * Which of a task's due fires run and which are skipped. Fires within the misfire grace are
 * coalesced into one run at the latest of them; older ones are skipped (a row each, capped).
 */
export function planFires(task: ScheduledTask, calendar: TenantCalendar, now: Date): FirePlan {
  const schedule = compiledSchedule(task, calendar);
  const due = task.nextRunAt!;
  if (!schedule) return { run: null, skipped: [], skippedBeyondCap: 0, following: null };
  const fires = [due];
  let following = schedule.next(due);
  while (following && following <= now && fires.length < MAX_MISSED_WALK) {
    fires.push(following);
    following = schedule.next(following);
  }
  const graceMs = task.misfireGraceSeconds * 1000;
  const inGrace = (f: Date) => now.getTime() - f.getTime() <= graceMs;
  const truncated = !!following && following <= now;
  if (truncated) {
    // A backlog longer than the walk: jump over its middle to the fires within the grace, so the
    // latest of them still runs; the fires jumped over are counted as "at least".
    const from = Math.max(fires.at(-1)!.getTime(), now.getTime() - graceMs - 1);
    let f = schedule.next(new Date(from));
    const recent: Date[] = [];
    while (f && f <= now && recent.length < MAX_MISSED_WALK) {
      recent.push(f);
      f = schedule.next(f);
    }
    fires.push(...recent.slice(-1));
    following = f && f <= now ? schedule.next(now) : f;
  }
  const latest = fires[fires.length - 1]!;
  const late = fires.filter((f) => !inGrace(f));
  return {
    run: inGrace(latest) ? latest : null,
    skipped: late.slice(-MAX_SKIPPED_ROWS),
    skippedBeyondCap: Math.max(0, late.length - MAX_SKIPPED_ROWS),
    beyondCapIsLowerBound: truncated,
    following,
  };
}

function missedMessage(f: Date, task: ScheduledTask, beyondCap: number, lowerBound: boolean): string {
  const base = `错过触发时间 ${f.toISOString()}，超过补偿宽限 ${task.misfireGraceSeconds} 秒，已跳过 (missed fire beyond misfire grace)`;
  return beyondCap > 0
    ? `${base}；另有${lowerBound ? "至少" : ""} ${beyondCap} 次更早的错过未逐条记录`
    : base;
}

/**
 * One tick: claims every due fire with a conditional UPDATE on next_run_at, so each fire time is
 * dispatched by exactly one caller however many ticks or instances race. The claim and the log
 * rows it creates commit together: a claimed fire always has its row.
 */
export async function claimDueFires(opts: ClaimOptions = {}): Promise<ClaimResult> {
  const now = opts.now ?? new Date();
  const horizon = new Date(now.getTime() + (opts.lookaheadMs ?? 0));
  const limit = opts.limit ?? 200;
  if (!opts.lookaheadMs) {
    const locked = await claimLocked(now, limit, opts.runnerId ?? null);
    if (locked) return merge(locked);
  }
  const tasks = await db.scheduledTask.findMany({
    where: { isEnabled: true, nextRunAt: { lte: horizon } },
    orderBy: { nextRunAt: "asc" },
    take: limit,
  });
  const calendars = await calendarsOf(tasks);
  // Each task's claim is a short transaction of its own: run a few at once, so a burst of due
  // tasks costs the slowest round trips rather than their sum (serially ~20 tasks/s here).
  const perTask = tasks.map((): ClaimResult => ({ claimed: [], skipped: 0, lost: 0 }));
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      await claimTask(
        tasks[i]!,
        calendars.get(tasks[i]!.tenantId ?? "")!,
        now,
        horizon,
        opts.runnerId ?? null,
        perTask[i]!,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLAIM_CONCURRENCY, tasks.length) }, worker));
  return merge(perTask);
}

/** Per-task results merged in the order of the due times, as a serial claim would list them. */
function merge(perTask: ClaimResult[]): ClaimResult {
  return {
    claimed: perTask.flatMap((r) => r.claimed),
    skipped: perTask.reduce((n, r) => n + r.skipped, 0),
    lost: perTask.reduce((n, r) => n + r.lost, 0),
  };
}

type LogRow = Prisma.TaskLogCreateManyInput & { taskId: number; scheduledFor: Date };

function skippedRowsOf(task: ScheduledTask, plan: FirePlan, now: Date): LogRow[] {
  return plan.skipped.map((f, i) => ({
    taskId: task.id,
    tenantId: task.tenantId,
    traceId: newTraceId(now),
    status: "skipped" as const,
    trigger: "schedule" as const,
    scheduledFor: f,
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    error: missedMessage(f, task, i === 0 ? plan.skippedBeyondCap : 0, !!plan.beyondCapIsLowerBound),
  }));
}

/**
 * Without a lookahead a due task has at most one fire to run, so a tick's due tasks are claimed
 * in one transaction: `SELECT … FOR UPDATE SKIP LOCKED` takes the due rows no other instance is
 * claiming right now (instances share a burst instead of racing for the same rows), one UPDATE
 * moves all their next_run_at, one INSERT writes all their rows and one SELECT reads the new
 * ids. READ COMMITTED: only the selected rows are locked, no gaps. Null when the batch failed
 * and wrote nothing: the caller then claims task by task, which confines a task whose rows
 * cannot be written to itself.
 */
async function claimLocked(now: Date, limit: number, runnerId: string | null): Promise<ClaimResult[] | null> {
  let results: ClaimResult[] = [];
  try {
    await db.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<{ id: number }[]>`
          SELECT id FROM platform_scheduled_tasks
          WHERE is_enabled = 1 AND next_run_at <= ${now}
          ORDER BY next_run_at LIMIT ${limit}
          FOR UPDATE SKIP LOCKED`;
        if (due.length === 0) return;
        const tasks = await tx.scheduledTask.findMany({
          where: { id: { in: due.map((d) => Number(d.id)) } },
          orderBy: [{ nextRunAt: "asc" }, { id: "asc" }],
        });
        const calendars = await calendarsOf(tasks, tx);
        const plans = tasks.map((t) => planFires(t, calendars.get(t.tenantId ?? "")!, now));
        results = tasks.map((): ClaimResult => ({ claimed: [], skipped: 0, lost: 0 }));
        // The rows are locked by this transaction: one UPDATE moves every next_run_at.
        await tx.$executeRaw`
          UPDATE platform_scheduled_tasks
          SET next_run_at = CASE id ${Prisma.join(
            tasks.map((t, i) => Prisma.sql`WHEN ${t.id} THEN ${plans[i]!.following}`),
            " ",
          )} END
          WHERE id IN (${Prisma.join(tasks.map((t) => t.id))})`;
        const won = tasks.map((_, i) => i);
        const mayOverlap = won
          .filter((i) => tasks[i]!.overlapPolicy === "skip" && plans[i]!.run && plans[i]!.run! <= now)
          .map((i) => tasks[i]!.id);
        const running =
          mayOverlap.length > 0
            ? await tx.taskLog.findMany({
                where: { taskId: { in: mayOverlap }, status: "running" },
                select: { id: true, taskId: true },
                orderBy: { id: "asc" },
              })
            : [];
        const runningOf = new Map<number, bigint>();
        for (const r of running) if (!runningOf.has(r.taskId)) runningOf.set(r.taskId, r.id);
        const runRows: { i: number; row: LogRow }[] = [];
        const skippedRows: LogRow[] = [];
        for (const i of won) {
          const task = tasks[i]!;
          const plan = plans[i]!;
          const rows = skippedRowsOf(task, plan, now);
          if (plan.run) {
            const traceId = newTraceId(now);
            const overlapping = runningOf.get(task.id);
            const base = {
              taskId: task.id,
              tenantId: task.tenantId,
              traceId,
              trigger: "schedule" as const,
              scheduledFor: plan.run,
            };
            if (overlapping !== undefined) {
              rows.push({
                ...base,
                status: "skipped",
                startedAt: now,
                finishedAt: now,
                durationMs: 0,
                error: overlapSkipMessage(overlapping),
              });
            } else {
              runRows.push({
                i,
                row: { ...base, status: "running", runnerId, heartbeatAt: plan.run > now ? plan.run : now },
              });
            }
          }
          results[i]!.skipped += rows.length;
          skippedRows.push(...rows);
        }
        if (runRows.length > 0) {
          await tx.taskLog.createMany({ data: runRows.map((r) => r.row) });
          const created = await tx.taskLog.findMany({
            where: { OR: runRows.map((r) => ({ taskId: r.row.taskId, scheduledFor: r.row.scheduledFor })) },
            select: { id: true, taskId: true },
          });
          const idOf = new Map(created.map((c) => [c.taskId, c.id]));
          for (const { i, row } of runRows) {
            results[i]!.claimed.push({
              logId: idOf.get(row.taskId)!,
              taskId: row.taskId,
              tenantId: row.tenantId ?? null,
              scheduledFor: row.scheduledFor,
              traceId: row.traceId!,
            });
          }
        }
        if (skippedRows.length > 0) await tx.taskLog.createMany({ data: skippedRows, skipDuplicates: true });
      },
      { timeout: 20_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
    );
  } catch (err) {
    logger.warn({ err }, "claiming a batch of due tasks failed; claiming them one by one");
    return null;
  }
  for (const r of results) {
    if (r.skipped > 0) metrics.runsSkipped.inc({}, r.skipped);
    for (const f of r.claimed) observeClaim(f);
  }
  return results;
}

/** How late a fire was claimed (0 for fires claimed ahead of their time). */
function observeClaim(fire: ClaimedFire): void {
  metrics.claimLateness.observe(Math.max(0, Date.now() - fire.scheduledFor.getTime()) / 1000);
}

/** Tasks whose claims run at once in one tick (each holds a pooled connection meanwhile). */
const CLAIM_CONCURRENCY = 4;

/** The calendars of the tasks' tenants, in one query ("" = global tasks). */
async function calendarsOf(
  tasks: ScheduledTask[],
  client: Pick<typeof db, "tenant"> = db,
): Promise<Map<string, TenantCalendar>> {
  const ids = [...new Set(tasks.map((t) => t.tenantId).filter((id): id is string => !!id))];
  const tenants = ids.length > 0 ? await client.tenant.findMany({ where: { tenantId: { in: ids } } }) : [];
  const calendars = new Map<string, TenantCalendar>([["", calendarFromTenant(null)]]);
  for (const id of ids) calendars.set(id, calendarFromTenant(tenants.find((t) => t.tenantId === id)));
  return calendars;
}

async function claimTask(
  task: ScheduledTask,
  calendar: TenantCalendar,
  now: Date,
  horizon: Date,
  runnerId: string | null,
  result: ClaimResult,
): Promise<void> {
  // With a lookahead every fire up to the horizon is claimed (a sub-minute cron under a
  // once-a-minute tick), each with its own row; without one, planFires already took all due.
  let current = task;
  for (let n = 0; n < MAX_FIRES_AHEAD; n++) {
    const plan = planFires(current, calendar, now);
    try {
      const outcome = await claimOne(current, plan, now, runnerId);
      if (!outcome) {
        result.lost++;
        break;
      }
      result.skipped += outcome.skipped;
      if (outcome.skipped > 0) metrics.runsSkipped.inc({}, outcome.skipped);
      if (outcome.fire) {
        result.claimed.push(outcome.fire);
        observeClaim(outcome.fire);
      }
    } catch (err) {
      logger.error({ err, task_id: task.id }, "claiming a fire failed");
      break;
    }
    if (!plan.following || plan.following > horizon) break;
    current = { ...current, nextRunAt: plan.following };
  }
}

async function claimOne(task: ScheduledTask, plan: FirePlan, now: Date, runnerId: string | null) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.scheduledTask.updateMany({
      where: { id: task.id, nextRunAt: task.nextRunAt },
      data: { nextRunAt: plan.following },
    });
    if (count === 0) return null; // another tick or instance claimed it first
    const skippedRows = plan.skipped.map((f, i) => ({
      taskId: task.id,
      tenantId: task.tenantId,
      traceId: newTraceId(now),
      status: "skipped" as const,
      trigger: "schedule" as const,
      scheduledFor: f,
      startedAt: now,
      finishedAt: now,
      durationMs: 0,
      error: missedMessage(f, task, i === 0 ? plan.skippedBeyondCap : 0, !!plan.beyondCapIsLowerBound),
    }));
    let fire: ClaimedFire | null = null;
    if (plan.run) {
      // A fire ahead (lookahead) cannot know whether the previous run will still be going when
      // it is due: startRun decides then.
      const overlapping =
        task.overlapPolicy === "skip" &&
        plan.run <= now &&
        (await tx.taskLog.findFirst({ where: { taskId: task.id, status: "running" }, select: { id: true } }));
      const traceId = newTraceId(now);
      if (overlapping) {
        skippedRows.push({
          taskId: task.id,
          tenantId: task.tenantId,
          traceId,
          status: "skipped",
          trigger: "schedule",
          scheduledFor: plan.run,
          startedAt: now,
          finishedAt: now,
          durationMs: 0,
          error: overlapSkipMessage(overlapping.id),
        });
      } else {
        const row = await tx.taskLog.create({
          data: {
            taskId: task.id,
            tenantId: task.tenantId,
            traceId,
            status: "running",
            trigger: "schedule",
            scheduledFor: plan.run,
            runnerId,
            // A lease until the fire time (lookahead) so the orphan sweep leaves it alone.
            heartbeatAt: plan.run > now ? plan.run : now,
          },
        });
        fire = { logId: row.id, taskId: task.id, tenantId: task.tenantId, scheduledFor: plan.run, traceId };
      }
    }
    if (skippedRows.length > 0) await tx.taskLog.createMany({ data: skippedRows, skipDuplicates: true });
    return { fire, skipped: skippedRows.length };
  });
}
