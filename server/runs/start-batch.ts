import type { PoolConnection } from "mariadb";
import { sqlPool } from "../db";
import { inTransaction } from "../db-pool";
import { logger } from "../logger";
import { metrics } from "../metrics";
import { MicroBatcher } from "./micro-batch";
import { runnerId } from "./runner-identity";
import type { RunSnapshot } from "./run-types";

/**
 * What starting a claimed row found:
 * - `started`: this call marked it started (the only one that will), here is its snapshot;
 * - `gone`: nothing to run (no such row, not running, or already started by someone);
 * - `deleted`: its task no longer exists (the caller finishes the row as failed);
 * - `overlap-check`: a scheduled fire of a task that skips overlaps while another of its runs is
 *   going (a manual run, or a fire claimed ahead of its time): the caller records it (rare).
 */
export type StartOutcome =
  { kind: "started"; run: RunSnapshot } | { kind: "gone" } | { kind: "deleted" } | { kind: "overlap-check" };

type LogRow = {
  id: bigint;
  task_id: number;
  status: string | null;
  started_at: Date | null;
  trace_id: string | null;
  trigger: RunSnapshot["trigger"];
  scheduled_for: Date | null;
  created_at: Date | null;
  params: unknown;
};

type TaskRow = {
  id: number;
  tenant_id: string | null;
  task_name: string;
  execution_type: RunSnapshot["executionType"];
  webhook_url: string | null;
  webhook_key_version: number;
  script_content: string | null;
  script_language: RunSnapshot["scriptLanguage"];
  input_params: unknown;
  timezone: string | null;
  timeout_seconds: number;
  retry_count: number | null;
  retry_interval: number | null;
  notify_channels: unknown;
  notify_wecom_app_id: number | null;
  alert_on_failure: number | null;
  alert_webhook: string | null;
  overlap_policy: "skip" | "allow";
};

const LOG_COLUMNS = "id, task_id, status, started_at, trace_id, `trigger`, scheduled_for, created_at, params";
const TASK_COLUMNS =
  "id, tenant_id, task_name, execution_type, webhook_url, webhook_key_version, script_content, script_language, input_params, timezone, timeout_seconds, retry_count, retry_interval, notify_channels, notify_wecom_app_id, alert_on_failure, alert_webhook, overlap_policy";

/** A JSON column: the driver parses it when the server marks it JSON, else it is the text. */
function json(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function snapshotOf(log: LogRow, task: TaskRow, now: Date): RunSnapshot {
  const params = json(log.params) ?? json(task.input_params) ?? {};
  const channels = json(task.notify_channels);
  return {
    logId: String(log.id),
    taskId: task.id,
    tenantId: task.tenant_id,
    taskName: task.task_name,
    traceId: log.trace_id ?? String(log.id),
    trigger: log.trigger,
    scheduledFor: log.scheduled_for?.toISOString() ?? null,
    startedAt: now.toISOString(),
    executionType: task.execution_type,
    webhookUrl: task.webhook_url,
    webhookKeyVersion: task.webhook_key_version,
    scriptContent: task.script_content,
    scriptLanguage: task.script_language,
    params:
      typeof params === "object" && params !== null && !Array.isArray(params)
        ? (params as Record<string, unknown>)
        : {},
    timezone: task.timezone ?? "Asia/Shanghai",
    timeoutSeconds: task.timeout_seconds,
    retryCount: task.retry_count ?? 0,
    retryInterval: task.retry_interval ?? 60,
    notifyChannels: Array.isArray(channels) ? channels.map(Number).filter(Number.isInteger) : [],
    notifyWecomAppId: task.notify_wecom_app_id,
    alertOnFailure: !!task.alert_on_failure,
    alertWebhook: task.alert_webhook,
  };
}

function observeStart(log: LogRow, now: Date): void {
  if (log.scheduled_for)
    metrics.lateness.observe(Math.max(0, now.getTime() - log.scheduled_for.getTime()) / 1000);
  // Claimed (row written) → started: the wait for a run slot (a fire claimed ahead waits from its time).
  const readyAt = Math.max(log.created_at?.getTime() ?? now.getTime(), log.scheduled_for?.getTime() ?? 0);
  metrics.startWait.observe({ trigger: log.trigger }, Math.max(0, now.getTime() - readyAt) / 1000);
}

/**
 * Starts a batch of claimed rows in one transaction of a few statements whatever its size: the
 * rows are read and locked (FOR UPDATE, so two starts of one row, from any instance, cannot both
 * see it unstarted), their tasks read, the startable rows marked started by this runner, and the
 * tasks' last_run_status set to running. Replaces four statements per run through Prisma.
 */
async function startBatch(ids: bigint[]): Promise<StartOutcome[]> {
  const now = new Date();
  const outcomes = await inTransaction(sqlPool(), async (conn: PoolConnection) => {
    const logs = (await conn.query(
      `SELECT ${LOG_COLUMNS} FROM platform_task_logs WHERE id IN (?) FOR UPDATE`,
      [ids],
    )) as LogRow[];
    const logOf = new Map(logs.map((l) => [String(l.id), l]));
    const taskIds = [...new Set(logs.map((l) => l.task_id))];
    const tasks =
      taskIds.length > 0
        ? ((await conn.query(`SELECT ${TASK_COLUMNS} FROM platform_scheduled_tasks WHERE id IN (?)`, [
            taskIds,
          ])) as TaskRow[])
        : [];
    const taskOf = new Map(tasks.map((t) => [t.id, t]));
    // Scheduled fires of tasks that skip overlaps: is another run of the task going (started)?
    const skipTasks = [
      ...new Set(
        logs
          .filter((l) => l.trigger === "schedule" && taskOf.get(l.task_id)?.overlap_policy === "skip")
          .map((l) => l.task_id),
      ),
    ];
    const busy =
      skipTasks.length > 0
        ? new Set(
            (
              (await conn.query(
                "SELECT DISTINCT task_id FROM platform_task_logs WHERE task_id IN (?) AND status = 'running' AND started_at IS NOT NULL",
                [skipTasks],
              )) as { task_id: number }[]
            ).map((r) => r.task_id),
          )
        : new Set<number>();
    const seen = new Set<string>();
    const out: (StartOutcome & { log?: LogRow })[] = ids.map((id): StartOutcome & { log?: LogRow } => {
      const key = String(id);
      const log = logOf.get(key);
      // A second start of one row in one batch: the first takes it.
      if (!log || log.status !== "running" || log.started_at !== null || seen.has(key))
        return { kind: "gone" };
      seen.add(key);
      const task = taskOf.get(log.task_id);
      if (!task) return { kind: "deleted" };
      if (log.trigger === "schedule" && task.overlap_policy === "skip") {
        if (busy.has(task.id)) return { kind: "overlap-check" };
        // Two fires of the task in this batch: the first starts, the second meets it running.
        busy.add(task.id);
      }
      return { kind: "started", run: snapshotOf(log, task, now), log };
    });
    const started = out.filter((o) => o.kind === "started");
    if (started.length > 0) {
      await conn.query(
        // The rows are locked and were seen unstarted: by primary key only (a condition on status
        // may make MariaDB walk idx_logs_status and lock other batches' rows).
        "UPDATE platform_task_logs SET started_at = ?, runner_id = ?, heartbeat_at = ? WHERE id IN (?)",
        [now, runnerId(), now, started.map((o) => o.log!.id)],
      );
    }
    return out;
  });
  const startedTasks = [...new Set(outcomes.flatMap((o) => (o.kind === "started" ? [o.log!.task_id] : [])))];
  // After the commit, on its own: a task row locked for the transaction's length would make the
  // claim (FOR UPDATE SKIP LOCKED) pass over the task's next fire for a tick.
  if (startedTasks.length > 0)
    await sqlPool()
      .query(
        "UPDATE platform_scheduled_tasks SET last_run_status = 'running', last_run_at = ? WHERE id IN (?)",
        [now, startedTasks],
      )
      // The rows are started (committed): a lost last_run_* is shown late, the run must go on.
      .catch((err: unknown) => logger.warn({ err }, "could not mark tasks as running"));
  return outcomes.map((o) => {
    if (o.kind !== "started") return o;
    observeStart(o.log!, now);
    return { kind: "started", run: o.run };
  });
}

const globalBatcher = globalThis as unknown as { __startBatcher?: MicroBatcher<bigint, StartOutcome> };

/** Starts one claimed row, batched with the other starts of this moment. */
export function startClaimedRow(logId: bigint): Promise<StartOutcome> {
  globalBatcher.__startBatcher ??= new MicroBatcher(startBatch);
  return globalBatcher.__startBatcher.add(logId);
}
