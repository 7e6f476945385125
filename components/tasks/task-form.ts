import type { IssueLike } from "@/components/i18n/errors";
import { checkScheduleFields } from "@/lib/schedule/schedule-fields";
import { ALERT_TARGET_FIELD, alertTargetMissing, ZTaskFields } from "@/lib/schemas/task";
import { DEFAULT_TIMEZONE } from "@/lib/schedule/time-zone";

// The editor's form state and its conversions to and from the task API (pure, tested).

export type TaskFormState = {
  tenant_id: string | null;
  task_name: string;
  task_desc: string;
  schedule_type: "simple" | "cron";
  time_points: string[];
  cron_expression: string;
  timezone: string;
  workday_filter: "none" | "workday" | "holiday";
  execution_type: "script" | "webhook";
  webhook_url: string;
  script_language: ScriptLanguage;
  script_content: string;
  /** Raw text: checked as JSON on save. */
  input_params: string;
  retry_count: number;
  retry_interval: number;
  timeout_seconds: number;
  overlap_policy: "skip" | "allow";
  misfire_grace_seconds: number;
  alert_on_failure: boolean;
  alert_webhook: string;
  /** Alert policy: channels alerted, after how many failures in a row, who is @mentioned (comma lists). */
  alert_channels: number[];
  alert_after_failures: number;
  alert_at_mobiles: string;
  alert_at_all: boolean;
  alert_mentioned_list: string;
  alert_mentioned_mobiles: string;
  notify_channels: number[];
  notify_wecom_app_id: number | null;
  is_enabled: boolean;
};

/** A task as tasks.get returns it (the fields the form uses). */
export type TaskLike = {
  tenant_id: string | null;
  task_name: string;
  task_desc: string | null;
  schedule_type: string;
  time_points: unknown;
  cron_expression: string | null;
  timezone: string;
  workday_filter?: string | null;
  execution_type: string;
  webhook_url: string | null;
  script_language?: string | null;
  script_content: string | null;
  input_params: unknown;
  retry_count: number;
  retry_interval: number;
  timeout_seconds?: number | null;
  overlap_policy?: string | null;
  misfire_grace_seconds?: number | null;
  alert_on_failure: boolean;
  alert_webhook: string | null;
  alert_channels?: unknown;
  alert_after_failures?: number | null;
  alert_mentions?: unknown;
  notify_channels: unknown;
  notify_wecom_app_id: number | null;
  is_enabled: boolean;
};

export const STARTER_SCRIPT = `// 在这里写脚本：SDK 函数（log、http_get、db_query…）可直接调用。
// 设置 result 即推送消息；字符串为 markdown。
const today = dayjs().format("YYYY-MM-DD");
log("开始生成日报", today);

result = {
  title: "日报 " + today,
  content: "### 日报 " + today + "\\n\\n- 一切正常 ✅",
};
`;

export type ScriptLanguage = "python" | "javascript";

/** The new-task script in Python: the seed's own style (no imports, `result` is a dict). */
export const STARTER_SCRIPT_PYTHON = `# 在这里写脚本：SDK 函数（log、http_get、db_query…）可直接调用，常用模块无需 import。
# 设置 result 即推送消息。
today = datetime.now().strftime('%Y-%m-%d')
log('开始生成日报', today)

result = {
    'title': f'日报 {today}',
    'content': f'### 日报 {today}\n\n- 一切正常 ✅',
}
`;

export const starterScript = (language: ScriptLanguage) =>
  language === "python" ? STARTER_SCRIPT_PYTHON : STARTER_SCRIPT;

/** Where the console remembers the operator's last script language choice. */
export const LAST_LANGUAGE_KEY = "tasks.lastScriptLanguage";

export function emptyTaskForm(tenantId: string | null, language: ScriptLanguage = "python"): TaskFormState {
  return {
    tenant_id: tenantId,
    task_name: "",
    task_desc: "",
    schedule_type: "simple",
    time_points: ["09:00"],
    cron_expression: "0 9 * * 1-5",
    timezone: DEFAULT_TIMEZONE,
    workday_filter: "none",
    execution_type: "script",
    webhook_url: "",
    script_language: language,
    script_content: starterScript(language),
    input_params: "{}",
    retry_count: 0,
    retry_interval: 60,
    timeout_seconds: 60,
    overlap_policy: "skip",
    misfire_grace_seconds: 300,
    alert_on_failure: false,
    alert_webhook: "",
    alert_channels: [],
    alert_after_failures: 1,
    alert_at_mobiles: "",
    alert_at_all: false,
    alert_mentioned_list: "",
    alert_mentioned_mobiles: "",
    notify_channels: [],
    notify_wecom_app_id: null,
    // A new task starts disabled: nothing runs or pushes until the operator has tested it and
    // switched it on (the starter script builds a message, and a group should not get it by surprise).
    is_enabled: false,
  };
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

export function taskToForm(task: TaskLike): TaskFormState {
  return {
    tenant_id: task.tenant_id,
    task_name: task.task_name,
    task_desc: task.task_desc ?? "",
    schedule_type: oneOf(task.schedule_type, ["simple", "cron"], "simple"),
    time_points: Array.isArray(task.time_points)
      ? task.time_points.filter((v): v is string => typeof v === "string")
      : [],
    cron_expression: task.cron_expression ?? "",
    timezone: task.timezone || DEFAULT_TIMEZONE,
    workday_filter: oneOf(task.workday_filter, ["none", "workday", "holiday"], "none"),
    execution_type: oneOf(task.execution_type, ["script", "webhook"], "script"),
    webhook_url: task.webhook_url ?? "",
    script_language: oneOf(task.script_language, ["python", "javascript"], "javascript"),
    script_content: task.script_content ?? "",
    input_params: JSON.stringify(task.input_params ?? {}, null, 2),
    retry_count: task.retry_count,
    retry_interval: task.retry_interval,
    timeout_seconds: task.timeout_seconds ?? 60,
    overlap_policy: oneOf(task.overlap_policy, ["skip", "allow"], "skip"),
    misfire_grace_seconds: task.misfire_grace_seconds ?? 300,
    alert_on_failure: task.alert_on_failure,
    alert_webhook: task.alert_webhook ?? "",
    alert_channels: Array.isArray(task.alert_channels)
      ? task.alert_channels.filter((v): v is number => typeof v === "number")
      : [],
    alert_after_failures: task.alert_after_failures ?? 1,
    alert_at_mobiles: mentionList(task.alert_mentions, "at_mobiles"),
    alert_at_all: (task.alert_mentions as { at_all?: boolean } | null)?.at_all === true,
    alert_mentioned_list: mentionList(task.alert_mentions, "mentioned_list"),
    alert_mentioned_mobiles: mentionList(task.alert_mentions, "mentioned_mobile_list"),
    notify_channels: Array.isArray(task.notify_channels)
      ? task.notify_channels.filter((v): v is number => typeof v === "number")
      : [],
    notify_wecom_app_id: task.notify_wecom_app_id,
    is_enabled: task.is_enabled,
  };
}

/** The input params text as an object, or null when it is not a JSON object. */
export function parseParams(text: string): Record<string, unknown> | null {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const blankToNull = (s: string) => (s.trim() === "" ? null : s.trim());

/** The body for tasks.create / tasks.update; fields of the other schedule or execution type are dropped. */
export function formToInput(form: TaskFormState) {
  return {
    tenant_id: form.tenant_id,
    task_name: form.task_name,
    task_desc: blankToNull(form.task_desc),
    schedule_type: form.schedule_type,
    time_points: form.schedule_type === "simple" ? form.time_points.filter((t) => t.trim() !== "") : null,
    cron_expression: form.schedule_type === "cron" ? form.cron_expression : null,
    timezone: form.timezone,
    workday_filter: form.workday_filter,
    execution_type: form.execution_type,
    webhook_url: form.execution_type === "webhook" ? blankToNull(form.webhook_url) : null,
    script_language: form.script_language,
    script_content: form.execution_type === "script" ? form.script_content : null,
    input_params: parseParams(form.input_params) ?? {},
    retry_count: form.retry_count,
    retry_interval: form.retry_interval,
    timeout_seconds: form.timeout_seconds,
    overlap_policy: form.overlap_policy,
    misfire_grace_seconds: form.misfire_grace_seconds,
    alert_on_failure: form.alert_on_failure,
    alert_webhook: blankToNull(form.alert_webhook),
    alert_channels: form.alert_channels,
    alert_after_failures: form.alert_after_failures,
    alert_mentions: {
      at_mobiles: splitList(form.alert_at_mobiles),
      at_all: form.alert_at_all,
      mentioned_list: splitList(form.alert_mentioned_list),
      mentioned_mobile_list: splitList(form.alert_mentioned_mobiles),
    },
    notify_channels: form.notify_channels,
    notify_wecom_app_id: form.notify_wecom_app_id,
    is_enabled: form.is_enabled,
  };
}

/**
 * Field errors found before asking the server, keyed like the server's details
 * (`task_name`, `time_points.1`, `cron_expression`, `input_params`). `tenantHasDefaultAlert`:
 * whether the task's tenant has a default alert channel; unknown (not loaded yet) leaves the
 * alert target to the server.
 */
export function validateForm(
  form: TaskFormState,
  paramsMessage: string,
  say: (issue: IssueLike) => string = (issue) => issue.message ?? "",
  tenantHasDefaultAlert?: boolean,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (parseParams(form.input_params) === null) errors.input_params = paramsMessage;
  const input = formToInput(form);
  // The schema checks the schedule only once every plain field passed; check it here too so
  // all problems show at once.
  const schedule = checkScheduleFields(input);
  if (!schedule.ok) for (const p of schedule.problems) errors[p.path.join(".")] ??= say(p);
  // The same cross-field rules as ZTaskFields' transform, for the same reason.
  if (input.execution_type === "webhook" && !input.webhook_url)
    errors.webhook_url ??= say({ reason: "WEBHOOK_URL_REQUIRED" });
  if (input.execution_type === "script" && !input.script_content?.trim())
    errors.script_content ??= say({ reason: "SCRIPT_REQUIRED" });
  // Where the alert goes: the server's own rule, with the tenant's default channel counted.
  if (tenantHasDefaultAlert !== undefined && alertTargetMissing(input, tenantHasDefaultAlert))
    errors[ALERT_TARGET_FIELD] ??= say({ reason: "ALERT_TARGET_REQUIRED" });
  const parsed = ZTaskFields.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join(".");
      errors[path] ??= say(issue as IssueLike);
    }
  }
  return errors;
}

/**
 * A copy of a task, named "<name> 副本", kept within the 100-character name limit. The copy
 * starts disabled: an enabled copy would push the same message to the same group twice.
 */
export function duplicateInput(task: TaskLike, suffix: string) {
  const form = taskToForm(task);
  const tail = ` ${suffix}`;
  return {
    ...formToInput(form),
    task_name: form.task_name.slice(0, 100 - tail.length) + tail,
    is_enabled: false,
  };
}

/** The @mention inputs of the form and the task lists they become (errors come keyed by the list). */
export const MENTION_FIELDS = {
  alert_at_mobiles: "alert_mentions.at_mobiles",
  alert_mentioned_list: "alert_mentions.mentioned_list",
  alert_mentioned_mobiles: "alert_mentions.mentioned_mobile_list",
} as const;
export type MentionField = keyof typeof MENTION_FIELDS;

/** The form field an error path is shown on: `alert_mentions.at_mobiles.1` → `alert_at_mobiles`. */
export function formFieldOf(path: string): string {
  for (const [field, list] of Object.entries(MENTION_FIELDS))
    if (path === list || path.startsWith(`${list}.`)) return field;
  return path.split(".")[0]!;
}

/**
 * The errors of one @mention input, client or server alike, each with the entries it is about
 * (entries with the same error together; none for the list's own error, e.g. too many).
 */
export function mentionErrors(
  errors: Record<string, string>,
  field: MentionField,
  text: string,
): { entries: string[]; message: string }[] {
  const list = MENTION_FIELDS[field];
  const entries = splitList(text);
  const byMessage = new Map<string, string[]>();
  for (const [path, message] of Object.entries(errors)) {
    if (path !== list && !path.startsWith(`${list}.`)) continue;
    const entry = path === list ? undefined : entries[Number(path.slice(list.length + 1))];
    const named = byMessage.get(message) ?? [];
    if (entry !== undefined) named.push(entry);
    byMessage.set(message, named);
  }
  return [...byMessage].map(([message, named]) => ({ entries: named, message }));
}

function mentionList(mentions: unknown, key: string): string {
  const list = (mentions as Record<string, unknown> | null)?.[key];
  return Array.isArray(list) ? list.filter((x) => typeof x === "string").join(", ") : "";
}

/** "a, b，c" → ["a", "b", "c"] (ASCII or Chinese commas, blanks dropped). */
function splitList(text: string): string[] {
  return text
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Whether two form states differ (the unsaved-changes guard). */
export function formsDiffer(a: TaskFormState, b: TaskFormState): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** The form in another script language; an untouched starter script follows the language. */
export function withLanguage(form: TaskFormState, language: ScriptLanguage): TaskFormState {
  const untouched =
    form.script_content.trim() === "" || form.script_content === starterScript(form.script_language);
  return {
    ...form,
    script_language: language,
    script_content: untouched ? starterScript(language) : form.script_content,
  };
}

/** The operator's last choice (localStorage), or null when none was made or storage is unavailable. */
export function readLastLanguage(storage: Pick<Storage, "getItem"> | undefined): ScriptLanguage | null {
  try {
    const v = storage?.getItem(LAST_LANGUAGE_KEY);
    return v === "python" || v === "javascript" ? v : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(storage: Pick<Storage, "setItem"> | undefined, language: ScriptLanguage) {
  try {
    storage?.setItem(LAST_LANGUAGE_KEY, language);
  } catch {
    // Private mode or storage full: the choice is simply not remembered.
  }
}
