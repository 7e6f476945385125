import { z } from "zod";
import { refineScheduleFields, scheduleFieldsShape } from "../schedule/schema";
import type { ScheduleFields } from "../schedule/schedule-fields";
import { zBool, zListSort, ZPagination } from "../zod-helpers";
import { ZIdInput, ZIdParams, ZPositiveInt } from "./common";
import { ZLastRunStatus, ZRunStatus } from "./run";

// Task input (snake_case, the seed's column names), shared by the console form, tRPC and REST.

/**
 * The one script size limit (saved tasks, test runs, the editor's counter), in UTF-8 bytes:
 * script_content is a TEXT column (65,535 bytes); keep well inside it.
 */
export const MAX_SCRIPT_BYTES = 60_000;

/** A script's size as the limit counts it: UTF-8 bytes (a Chinese character is 3). */
export function scriptBytes(script: string): number {
  return new TextEncoder().encode(script).length;
}

const SCRIPT_TOO_LONG = `脚本不能超过 ${MAX_SCRIPT_BYTES} 字节 (must be at most ${MAX_SCRIPT_BYTES} bytes)`;

/** A script's text, at most MAX_SCRIPT_BYTES. */
export const ZScriptContent = z.string().refine((s) => scriptBytes(s) <= MAX_SCRIPT_BYTES, SCRIPT_TOO_LONG);

/**
 * A JSON object as it will be stored: the console's superjson can carry values JSON cannot
 * (undefined in an array, BigInt, Date, Map), which the database driver refused with a 500.
 * A JSON round trip gives what a REST client would have sent; BigInts are refused.
 */
export const ZJsonObject = z
  .record(z.string(), z.unknown(), { error: "须为 JSON 对象 (must be an object)" })
  .transform((value, ctx): Record<string, unknown> => {
    try {
      return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    } catch {
      ctx.addIssue({ code: "custom", message: "须为 JSON 对象 (must be JSON)" });
      return z.NEVER;
    }
  });

/**
 * The language a task's script is written in. The original system's scripts are Python; this
 * platform's scripts before script_language existed are JavaScript.
 */
export const SCRIPT_LANGUAGES = ["python", "javascript"] as const;
export const ZScriptLanguage = z.enum(SCRIPT_LANGUAGES, {
  error: "须为 python 或 javascript (must be python or javascript)",
});
export type TScriptLanguage = z.infer<typeof ZScriptLanguage>;

const ZHttpUrl = z
  .string()
  .trim()
  .max(500)
  .url("须为 URL (must be a URL)")
  .refine((u) => /^https?:\/\//i.test(u), "须为 http(s) 地址 (must be an http(s) URL)");

const ZMobiles = z
  .array(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9-]{5,20}$/, "须为手机号 (must be a phone number)"),
  )
  .max(50);
export const ZAlertMentions = z.object({
  at_mobiles: ZMobiles.default([]),
  at_all: zBool.default(false),
  mentioned_list: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  mentioned_mobile_list: ZMobiles.default([]),
});

const taskFieldsShape = {
  tenant_id: z.string().trim().min(1).max(50).nullish(),
  task_name: z.string().trim().min(1, "TASK_NAME_REQUIRED").max(100),
  task_desc: z.string().trim().max(500).nullish(),
  ...scheduleFieldsShape,
  execution_type: z.enum(["webhook", "script"]).default("script"),
  script_language: ZScriptLanguage.optional(),
  webhook_url: ZHttpUrl.nullish(),
  script_content: ZScriptContent.nullish(),
  script_deps: z.string().max(5000).nullish(),
  input_params: ZJsonObject.nullish(),
  retry_count: z.coerce.number().int().min(0).max(10).default(0),
  retry_interval: z.coerce.number().int().min(1).max(86400).default(60),
  alert_on_failure: zBool.default(false),
  alert_webhook: ZHttpUrl.nullish(),
  /** Channels (ids) that get the failure alert; none = alert_webhook or the tenant's default. */
  alert_channels: z.array(z.coerce.number().int().positive()).max(10).default([]),
  /** Who the alert @mentions: DingTalk at.atMobiles / isAtAll, WeCom mentioned_(mobile_)list. */
  alert_mentions: ZAlertMentions.nullish(),
  /** Alert once this many runs in a row failed (1 = every first failure). */
  alert_after_failures: z.coerce.number().int().min(1).max(100).default(1),
  notify_channels: z.array(z.coerce.number().int().positive()).max(20).default([]),
  notify_wecom_app_id: z.coerce.number().int().positive().nullish(),
  is_enabled: zBool.default(true),
  timeout_seconds: z.coerce.number().int().min(1).max(3600).default(60),
  overlap_policy: z.enum(["skip", "allow"]).default("skip"),
  misfire_grace_seconds: z.coerce.number().int().min(0).max(86400).default(300),
};

type TaskFieldsRaw = z.output<z.ZodObject<typeof taskFieldsShape>>;
export type TTaskFields = Omit<TaskFieldsRaw, keyof typeof scheduleFieldsShape | "script_language"> &
  ScheduleFields & {
    input_params: Record<string, unknown>;
    notify_channels: number[];
    script_language: TScriptLanguage;
    alert_channels: number[];
  };

/**
 * A whole task: field checks, then the rules that tie fields together. `defaultLanguage` is the
 * script language of a create that omits it (see ZCreateTaskInput / ZCreateTaskRestInput).
 */
const taskFields = (defaultLanguage: TScriptLanguage) =>
  z.object(taskFieldsShape).transform((v, ctx): TTaskFields => {
    const schedule = refineScheduleFields(v, ctx);
    if (v.execution_type === "webhook" && !v.webhook_url) {
      ctx.addIssue({ code: "custom", path: ["webhook_url"], message: "WEBHOOK_URL_REQUIRED" });
    }
    if (v.execution_type === "script" && !v.script_content?.trim()) {
      ctx.addIssue({ code: "custom", path: ["script_content"], message: "SCRIPT_REQUIRED" });
    }
    if (!schedule) return z.NEVER;
    return {
      ...v,
      ...schedule,
      script_language: v.script_language ?? defaultLanguage,
      input_params: v.input_params ?? {},
      notify_channels: [...new Set(v.notify_channels)],
      alert_channels: [...new Set(v.alert_channels)],
    };
  });

/** The field that carries ALERT_TARGET_REQUIRED (the alert channels, where a target is chosen). */
export const ALERT_TARGET_FIELD = "alert_channels";

/**
 * The one rule for where a failure alert goes, used by the editor before saving and by the server
 * at save: a task that alerts needs an alert channel, an alert webhook, or a tenant default alert
 * channel (`tenantHasDefault`; the editor learns it from ops.defaultAlertChannel).
 */
export function alertTargetMissing(
  fields: { alert_on_failure: boolean; alert_webhook?: string | null; alert_channels: readonly number[] },
  tenantHasDefault: boolean,
): boolean {
  return (
    fields.alert_on_failure &&
    !fields.alert_webhook?.trim() &&
    fields.alert_channels.length === 0 &&
    !tenantHasDefault
  );
}

/** A stored task merged with an update: it always carries its language. */
export const ZTaskFields = taskFields("javascript");

/**
 * Create over tRPC (the console, which always sends the language): a create without it is
 * JavaScript, as every tRPC create was before script_language existed.
 */
export const ZCreateTaskInput = taskFields("javascript");
/**
 * Create over REST (POST /api/scheduled-tasks): the original system's clients send Python
 * scripts and no language, so a create without it is Python.
 */
export const ZCreateTaskRestInput = taskFields("python");

/** Partial update. `version`, when sent, must be the version the caller read (else 409). */
export const ZUpdateTaskInput = z
  .object(
    Object.fromEntries(Object.keys(taskFieldsShape).map((k) => [k, z.unknown().optional()])) as {
      [K in keyof typeof taskFieldsShape]: z.ZodOptional<z.ZodUnknown>;
    },
  )
  .extend({ version: z.coerce.number().int().min(1).optional() });
export type TUpdateTaskInput = z.infer<typeof ZUpdateTaskInput>;

const toggleFields = { is_enabled: zBool.optional() };
/** POST /api/scheduled-tasks/{id}/toggle body (no is_enabled: flip). */
export const ZToggleTaskInput = z.object(toggleFields).optional();
/** tasks.toggle: the id with the REST body's fields. */
export const ZToggleTaskByIdInput = ZIdParams.extend(toggleFields);

const runFields = { input_params: ZJsonObject.optional() };
/** POST /api/scheduled-tasks/{id}/run body: this run's parameters (default: the task's). */
export const ZRunTaskInput = z.object(runFields).optional();
/** tasks.run: the id with the REST body's fields. */
export const ZRunTaskByIdInput = ZIdParams.extend(runFields);

export const ZListTasksQuery = z.object({
  keyword: z.string().trim().max(100).optional(),
  tenant_id: z.string().trim().max(50).optional(),
  is_enabled: zBool.optional(),
  execution_type: z.enum(["webhook", "script"]).optional(),
  script_language: ZScriptLanguage.optional(),
  schedule_type: z.enum(["simple", "cron"]).optional(),
  last_run_status: ZLastRunStatus.optional(),
  /** `name`, `next` (next fire) or `last` (last run) with `.asc` / `.desc`; default newest first. */
  sort: zListSort(["name", "next", "last"]).optional(),
});
export type TListTasksQuery = z.infer<typeof ZListTasksQuery>;
/** tasks.list: a page of the filtered tasks. */
export const ZListTasksInput = ZPagination.and(ZListTasksQuery);

export const ZListLogsQuery = z.object({
  status: ZRunStatus.optional(),
  trace_id: z.string().trim().max(100).optional(),
  /** Keyset pagination: only rows with a smaller id (the last id of the previous page); `page` is then ignored. */
  before_id: z.coerce.number({ error: "must be a number" }).int().positive().optional(),
});
export type TListLogsQuery = z.infer<typeof ZListLogsQuery>;
/** tasks.logs: a page of one task's runs. */
export const ZListTaskLogsInput = ZIdParams.and(ZPagination).and(ZListLogsQuery);

/** tasks.version: one saved version of a task's script. */
export const ZScriptVersionInput = ZIdInput.extend({ version: ZPositiveInt });
/** tasks.diff: version `from` against `to` (default: the current script). */
export const ZScriptDiffInput = ZIdInput.extend({ from: ZPositiveInt, to: ZPositiveInt.optional() });
/** tasks.restore: `expected_version` is the task version the caller read (else 409). */
export const ZRestoreScriptVersionInput = ZScriptVersionInput.extend({
  expected_version: ZPositiveInt.optional(),
});

/**
 * What a stored task (in the API's field form) breaks of today's rules, by field. Rows adopted
 * from the original system may break them (e.g. retry_count 20): they can still be read and
 * run; the console and GET show these problems so they can be fixed.
 */
export function storedTaskProblems(fields: Record<string, unknown>): StoredTaskProblem[] {
  const parsed = ZTaskFields.safeParse(fields);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => {
    // The issue's numbers travel with it, so the console can say "at most 10", not just "invalid".
    const issue = i as typeof i & Record<string, unknown>;
    const params: Record<string, unknown> = {};
    for (const key of ["origin", "format", "minimum", "maximum", "expected"] as const)
      if (issue[key] !== undefined)
        params[key] = typeof issue[key] === "bigint" ? Number(issue[key]) : issue[key];
    if (issue.params && typeof issue.params === "object") Object.assign(params, issue.params);
    return { path: i.path.map(String).join(".") || "(task)", message: i.message, code: i.code, params };
  });
}

/** One rule a stored task breaks: the field, the schema's message, and the zod issue's code and numbers. */
export type StoredTaskProblem = {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
};
