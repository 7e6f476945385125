import type { TMessageResult } from "../notify/message-schema";

/** What the flow needs of a task and its run, captured once at start (JSON: Inngest memoizes it). */
export type RunSnapshot = {
  logId: string;
  taskId: number;
  tenantId: string | null;
  taskName: string;
  traceId: string;
  trigger: "schedule" | "manual" | "retry" | "test";
  scheduledFor: string | null;
  startedAt: string;
  executionType: "webhook" | "script";
  webhookUrl: string | null;
  /** Generation of the signing key (absent in snapshots taken before rotation existed = 0). */
  webhookKeyVersion?: number;
  scriptContent: string | null;
  scriptLanguage: "python" | "javascript";
  params: Record<string, unknown>;
  timezone: string;
  timeoutSeconds: number;
  retryCount: number;
  retryInterval: number;
  notifyChannels: number[];
  notifyWecomAppId: number | null;
  alertOnFailure: boolean;
  alertWebhook: string | null;
};

/** One attempt's outcome, as the sandbox runner reports it. */
export type AttemptResult = {
  success: boolean;
  result: TMessageResult | null;
  output: string;
  error: string | null;
  duration_ms: number;
  /** The attempt was stopped by a cancel. */
  cancelled?: boolean;
};

/** One channel's delivery, recorded on the log row's `deliveries`. */
export type DeliveryRecord = {
  target: "channel" | "wecom_app";
  id: number;
  name: string;
  channel_type: "dingtalk_bot" | "wecom_bot" | "wecom_app";
  ok: boolean;
  errcode: number;
  errmsg: string;
  explanation: string | null;
  attempts: number;
  messages: number;
  /** Not sent on purpose (the channel is disabled): said so, and not a failure of the run. */
  skipped?: boolean;
};
