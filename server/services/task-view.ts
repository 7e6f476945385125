import type { ScheduledTask, TaskLog } from "@/generated/prisma/client";

/** A task as API.md shows it: every seed column (snake_case) plus next_run_at and our columns. */
export function toTaskView(t: ScheduledTask) {
  return {
    id: t.id,
    tenant_id: t.tenantId,
    task_name: t.taskName,
    task_desc: t.taskDesc,
    schedule_type: t.scheduleType,
    time_points: t.timePoints ?? null,
    cron_expression: t.cronExpression,
    timezone: t.timezone ?? "Asia/Shanghai",
    execution_type: t.executionType,
    webhook_url: t.webhookUrl,
    script_language: t.scriptLanguage,
    script_content: t.scriptContent,
    script_deps: t.scriptDeps,
    input_params: t.inputParams ?? {},
    retry_count: t.retryCount ?? 0,
    retry_interval: t.retryInterval ?? 60,
    alert_on_failure: t.alertOnFailure ?? false,
    alert_webhook: t.alertWebhook,
    alert_channels: Array.isArray(t.alertChannels) ? (t.alertChannels as number[]) : [],
    alert_mentions: (t.alertMentions as Record<string, unknown> | null) ?? null,
    alert_after_failures: t.alertAfterFailures,
    notify_channels: Array.isArray(t.notifyChannels) ? t.notifyChannels : [],
    notify_wecom_app_id: t.notifyWecomAppId,
    is_enabled: t.isEnabled ?? true,
    last_run_at: t.lastRunAt,
    last_run_status: t.lastRunStatus,
    last_run_message: t.lastRunMessage,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    next_run_at: t.nextRunAt,
    timeout_seconds: t.timeoutSeconds,
    overlap_policy: t.overlapPolicy,
    misfire_grace_seconds: t.misfireGraceSeconds,
    workday_filter: t.workdayFilter,
    version: t.version,
  };
}
export type TaskView = ReturnType<typeof toTaskView>;

/** A run log as API.md shows it: the seed's columns plus trigger, scheduled_for, result, deliveries. */
export function toLogView(l: TaskLog) {
  return {
    id: l.id,
    task_id: l.taskId,
    tenant_id: l.tenantId,
    trace_id: l.traceId,
    status: l.status,
    started_at: l.startedAt,
    finished_at: l.finishedAt,
    duration_ms: l.durationMs,
    output: l.output,
    error: l.error,
    retry_count: l.retryCount ?? 0,
    created_at: l.createdAt,
    trigger: l.trigger,
    scheduled_for: l.scheduledFor,
    result: l.result ?? null,
    deliveries: l.deliveries ?? null,
    params: l.params ?? null,
    triggered_by: l.triggeredBy,
    alert: l.alert ?? null,
  };
}
