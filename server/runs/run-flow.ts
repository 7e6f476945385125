import { db } from "../db";
import { logger } from "../logger";
import { metrics } from "../metrics";
import { overlapSkipMessage } from "./claim";
import { parseMessageResult, type TMessageResult } from "../notify/message-schema";
import { deliverResult, isRetryableDelivery } from "./deliver";
import { executeAttempt } from "./execute-attempt";
import { cancelRequested, watchAttempt } from "./live-runs";
import { CANCELLED_MESSAGE } from "../sandbox/run-context";
import { finishRun } from "./finish-run";
import { applyAlertPolicy } from "./alert-policy";
import { runnerId } from "./runner-identity";
import { startClaimedRow } from "./start-batch";
import type { AttemptResult, DeliveryRecord, RunSnapshot } from "./run-types";
import { ShutdownError, type Steps } from "./step";

export type FlowOptions = {
  /**
   * This process heartbeats the run while it is here (the embedded runner): no lease extension
   * before an attempt. Under Inngest nobody heartbeats, so the flow leases each long step.
   */
  heartbeat?: boolean;
  /** Wraps the start step (the embedded runner bounds starts per tenant through it). */
  aroundStart?: <T>(start: () => Promise<T>) => Promise<T>;
  /** Delivery rounds for robots that were down or rate-limiting (each round retries internally too). */
  deliveryRounds?: number;
  deliveryRetrySeconds?: number;
};

export const FLOW_DEFAULTS: Required<Omit<FlowOptions, "heartbeat" | "aroundStart">> = {
  deliveryRounds: 3,
  deliveryRetrySeconds: 60,
};

export type FlowOutcome = {
  status: "success" | "failed" | "partial" | "cancelled" | "ignored";
  attempts: number;
  traceId: string | null;
};

/**
 * Loads the run and its task; marks the row started. Null when there is nothing to run.
 * Batched with the other starts of the moment (start-batch.ts); the rare cases go one by one.
 */
export async function startRun(logId: bigint): Promise<RunSnapshot | null> {
  const outcome = await startClaimedRow(logId);
  if (outcome.kind === "started") return outcome.run;
  if (outcome.kind === "gone") return null;
  return startRunAlone(logId);
}

/** The start of one row on its own: a deleted task, or an overlap to record. */
async function startRunAlone(logId: bigint): Promise<RunSnapshot | null> {
  const log = await db.taskLog.findUnique({ where: { id: logId } });
  if (!log || log.status !== "running") return null;
  const task = await db.scheduledTask.findUnique({ where: { id: log.taskId } });
  const now = new Date();
  if (!task) {
    await finishRun({
      logId,
      status: "failed",
      output: "",
      error: "任务已被删除 (task deleted)",
      result: null,
      deliveries: null,
      attempts: 0,
    });
    return null;
  }
  if (log.trigger === "schedule" && task.overlapPolicy === "skip") {
    // Claimed ahead of its time (Inngest lookahead): the overlap policy applies now it is due.
    const other = await db.taskLog.findFirst({
      where: { taskId: task.id, status: "running", startedAt: { not: null }, id: { not: logId } },
      select: { id: true },
    });
    if (other) {
      const { count: skipped } = await db.taskLog.updateMany({
        where: { id: logId, status: "running", startedAt: null },
        data: {
          status: "skipped",
          startedAt: now,
          finishedAt: now,
          durationMs: 0,
          error: overlapSkipMessage(other.id),
        },
      });
      if (skipped > 0) metrics.runsSkipped.inc({}, skipped);
      return null;
    }
  }
  // Exactly one runner starts a row: a second dispatch of the same run finds it taken.
  const { count } = await db.taskLog.updateMany({
    where: { id: logId, status: "running", startedAt: null },
    data: { startedAt: now, runnerId: runnerId(), heartbeatAt: now },
  });
  if (count === 0) return null;
  if (log.scheduledFor)
    metrics.lateness.observe(Math.max(0, now.getTime() - log.scheduledFor.getTime()) / 1000);
  // Claimed (row written) → started: the wait for a run slot (a fire claimed ahead waits from its time).
  const readyAt = Math.max(log.createdAt?.getTime() ?? now.getTime(), log.scheduledFor?.getTime() ?? 0);
  metrics.startWait.observe({ trigger: log.trigger }, Math.max(0, now.getTime() - readyAt) / 1000);
  await db.scheduledTask.updateMany({
    where: { id: task.id },
    data: { lastRunStatus: "running", lastRunAt: now },
  });
  const params = (log.params ?? task.inputParams ?? {}) as Record<string, unknown>;
  return {
    logId: String(log.id),
    taskId: task.id,
    tenantId: task.tenantId,
    taskName: task.taskName,
    traceId: log.traceId ?? String(log.id),
    trigger: log.trigger,
    scheduledFor: log.scheduledFor?.toISOString() ?? null,
    startedAt: now.toISOString(),
    executionType: task.executionType,
    webhookUrl: task.webhookUrl,
    webhookKeyVersion: task.webhookKeyVersion,
    scriptContent: task.scriptContent,
    scriptLanguage: task.scriptLanguage,
    params: typeof params === "object" && params !== null && !Array.isArray(params) ? params : {},
    timezone: task.timezone ?? "Asia/Shanghai",
    timeoutSeconds: task.timeoutSeconds,
    retryCount: task.retryCount ?? 0,
    retryInterval: task.retryInterval ?? 60,
    notifyChannels: Array.isArray(task.notifyChannels)
      ? task.notifyChannels.map(Number).filter(Number.isInteger)
      : [],
    notifyWecomAppId: task.notifyWecomAppId,
    alertOnFailure: task.alertOnFailure ?? false,
    alertWebhook: task.alertWebhook,
  };
}

/** Keeps the run's lease alive across a sleep, so the orphan sweep does not take it for dead. */
async function extendLease(logId: string, seconds: number): Promise<void> {
  await db.taskLog.updateMany({
    where: { id: BigInt(logId), status: "running" },
    data: { heartbeatAt: new Date(Date.now() + seconds * 1000) },
  });
}

/** Longest a delivery round may take: rate-limit waits and retries of busy robots. */
const DELIVERY_LEASE_SECONDS = 600;

/**
 * Under Inngest no process heartbeats a run, so a step that may take long first leases the row
 * for its whole time limit; else the tick's sweep would take a live run for dead after a minute.
 */
async function leased<T>(logId: string, seconds: number, work: () => Promise<T>): Promise<T> {
  await extendLease(logId, seconds);
  return work();
}

/** Sleeps between steps; false when shutdown cut the sleep short (the flow then wraps up). */
async function pause(steps: Steps, id: string, seconds: number): Promise<boolean> {
  try {
    await steps.sleep(id, seconds);
    return true;
  } catch (err) {
    if (err instanceof ShutdownError) return false;
    throw err;
  }
}

/** A run's status from its script and its deliveries (skipped channels are neither). */
export function deliveredStatus(
  scriptOk: boolean,
  deliveries: DeliveryRecord[] | null,
): "success" | "failed" | "partial" {
  if (!scriptOk) return "failed";
  const tried = (deliveries ?? []).filter((d) => !d.skipped);
  const failed = tried.filter((d) => !d.ok).length;
  if (failed === 0) return "success";
  return failed < tried.length ? "partial" : "failed";
}

export function summarizeDeliveries(deliveries: DeliveryRecord[]): string | null {
  const failed = deliveries.filter((d) => !d.ok && !d.skipped);
  if (failed.length === 0) return null;
  return `推送失败 (delivery failed): ${failed.map((d) => `${d.name}: ${d.explanation ?? d.errmsg} (errcode ${d.errcode})`).join("; ")}`;
}

/**
 * The run flow, written once for both dispatchers:
 * start → attempts with retry_interval between failures → deliver → finish → alert.
 * A delivery failure retries the delivery, never the script.
 */
export async function runFlow(
  steps: Steps,
  logIdText: string,
  options: FlowOptions = {},
): Promise<FlowOutcome> {
  const opts = { ...FLOW_DEFAULTS, ...options };
  const start = () => startRun(BigInt(logIdText));
  const run = await steps.run("start", () => (options.aroundStart ? options.aroundStart(start) : start()));
  if (!run) return { status: "ignored", attempts: 0, traceId: null };
  const log = logger.child({ trace_id: run.traceId, task_id: run.taskId, log_id: run.logId });

  let attempt: AttemptResult | null = null;
  let attempts = 0;
  const outputs: string[] = [];
  let shutdown = false;
  for (let i = 0; i <= run.retryCount && !shutdown; i++) {
    attempts = i + 1;
    const prefix = outputs.join("\n").trim();
    attempt = await steps.run(`attempt-${attempts}`, async (): Promise<AttemptResult> => {
      // After a retry wait: a cancel asked for meanwhile ends the run before the script starts.
      if (i > 0 && (await cancelRequested(run.logId)))
        return {
          success: false,
          result: null,
          output: "",
          error: CANCELLED_MESSAGE,
          duration_ms: 0,
          cancelled: true,
        };
      const attemptOnce = () => watchAttempt(run.logId, prefix, (hooks) => executeAttempt(run, hooks));
      const res = opts.heartbeat
        ? await attemptOnce()
        : await leased(run.logId, run.timeoutSeconds + 60, attemptOnce);
      // Another attempt follows: record this one's count (the finish records the last).
      if (!res.success && !res.cancelled && i < run.retryCount)
        await db.taskLog.updateMany({
          where: { id: BigInt(run.logId), status: "running" },
          data: { retryCount: i, heartbeatAt: new Date() },
        });
      return res;
    });
    const header = run.retryCount > 0 ? `--- 第 ${attempts} 次尝试 (attempt ${attempts}) ---\n` : "";
    outputs.push(header + attempt.output + (attempt.success || !attempt.error ? "" : `\n${attempt.error}`));
    if (attempt.success || attempt.cancelled) break;
    log.info({ attempt: attempts, error: attempt.error }, "attempt failed");
    if (i < run.retryCount) {
      await steps.run(`lease-${attempts}`, () => extendLease(run.logId, run.retryInterval + 60));
      shutdown = !(await pause(steps, `retry-wait-${attempts}`, run.retryInterval));
    }
  }
  const final = attempt!;
  const output = outputs.join("\n").trim();
  if (final.cancelled) {
    const done = await steps.run("finish", () =>
      finishRun({
        logId: BigInt(run.logId),
        status: "cancelled",
        output,
        error: CANCELLED_MESSAGE,
        result: null,
        deliveries: null,
        attempts,
        taskId: run.taskId,
        startedAt: new Date(run.startedAt),
      }),
    );
    log.info({ attempts }, "run cancelled");
    return { status: done ? "cancelled" : "ignored", attempts, traceId: run.traceId };
  }

  let deliveries: DeliveryRecord[] | null = null;
  let error = final.success
    ? null
    : shutdown
      ? `${final.error}\n${new ShutdownError().message}`
      : final.error;
  // The attempt's result crossed a JSON step boundary: check it again before it is sent.
  const result: TMessageResult | null =
    final.success && final.result ? parseMessageResult(final.result) : null;
  if (result && (run.notifyChannels.length > 0 || run.notifyWecomAppId)) {
    deliveries = await steps.run("deliver-1", () =>
      leased(run.logId, DELIVERY_LEASE_SECONDS, () => deliverResult(run, result)),
    );
    for (let round = 2; round <= opts.deliveryRounds && !shutdown; round++) {
      const retry: DeliveryRecord[] = deliveries.filter(isRetryableDelivery);
      if (retry.length === 0) break;
      await steps.run(`lease-deliver-${round}`, () => extendLease(run.logId, opts.deliveryRetrySeconds + 60));
      if (!(await pause(steps, `deliver-wait-${round}`, opts.deliveryRetrySeconds))) {
        shutdown = true;
        break;
      }
      const again: DeliveryRecord[] = await steps.run(`deliver-${round}`, (): Promise<DeliveryRecord[]> =>
        leased(run.logId, DELIVERY_LEASE_SECONDS, () =>
          deliverResult(run, result, {
            channels: retry.filter((d) => d.target === "channel").map((d) => d.id),
            wecomApp: retry.some((d) => d.target === "wecom_app"),
          }),
        ),
      );
      deliveries = deliveries.map(
        (d): DeliveryRecord => again.find((a) => a.target === d.target && a.id === d.id) ?? d,
      );
    }
    error = summarizeDeliveries(deliveries);
  }
  const status = final.success ? deliveredStatus(true, deliveries) : "failed";

  const finished = await steps.run("finish", () =>
    finishRun({
      logId: BigInt(run.logId),
      status,
      output,
      error,
      result,
      deliveries,
      attempts,
      taskId: run.taskId,
      startedAt: new Date(run.startedAt),
    }),
  );
  if (!finished) return { status: "ignored", attempts, traceId: run.traceId };
  // Tasks without alerts (most) skip the step and its task read.
  if (run.alertOnFailure)
    await steps.run("alert", () =>
      applyAlertPolicy({
        taskId: run.taskId,
        logId: run.logId,
        failed: status !== "success",
        info: {
          taskId: run.taskId,
          taskName: run.taskName,
          tenantId: run.tenantId,
          traceId: run.traceId,
          attempts,
          error,
          logId: run.logId,
        },
      }),
    );
  log.info({ status, attempts }, "run finished");
  return { status, attempts, traceId: run.traceId };
}
