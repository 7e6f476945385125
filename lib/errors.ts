/**
 * The one registry of error reasons. Every AppError the server throws names a reason from here;
 * the reason fixes its HTTP class (`code` in the REST envelope and tRPC) and its English message
 * template, whose `{name}` placeholders are the error's parameters. The console has words for every
 * reason in components/i18n/error-words.ts (typed against ErrorReason, tested for zh and en).
 *
 * Message convention (README, architecture): the REST and tRPC `message` is English only, built
 * from the template; people read the console's words for `reason` + `params`, never `message`.
 */

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL";

type Entry = readonly [ErrorCode, string];

export const ERROR_REASONS = {
  // Input
  INVALID_INPUT: ["BAD_REQUEST", "Invalid input: {summary}"],
  INVALID_RESULT: ["BAD_REQUEST", "Invalid result: {summary}"],
  // A script's `result`, by message-schema.ts's own rules (lib/result-error.ts reads them back).
  RESULT_NOT_OBJECT: ["BAD_REQUEST", "must be a string or an object"],
  RESULT_MSG_TYPE: [
    "BAD_REQUEST",
    "must be one of markdown, markdown_v2, text, actionCard, feedCard, link, news, template_card",
  ],
  RESULT_URL: ["BAD_REQUEST", "must be an http(s):// or dingtalk:// URL"],
  RESULT_REQUIRED_WHEN: ["BAD_REQUEST", "is required when type is {type}"],
  RESULT_NEEDS_IMAGE: ["BAD_REQUEST", "news_notice needs card_image or image_text_area"],
  BODY_NOT_JSON: ["BAD_REQUEST", "not valid JSON"],
  BODY_TOO_LARGE: ["PAYLOAD_TOO_LARGE", "Body larger than {max} bytes"],
  TEXT_ILL_FORMED: ["BAD_REQUEST", "contains an unpaired UTF-16 surrogate: not valid Unicode text"],
  TENANT_REQUIRED: ["BAD_REQUEST", "a tenant is required"],
  TENANT_UNKNOWN: ["BAD_REQUEST", "tenant {tenant_id} does not exist"],
  TENANT_IMMUTABLE: ["BAD_REQUEST", "the task's tenant cannot be changed"],
  CHANNEL_UNKNOWN: ["BAD_REQUEST", "channel {id} does not exist in this tenant"],
  WECOM_APP_UNKNOWN: ["BAD_REQUEST", "WeCom app {id} does not exist in this tenant"],
  ALERT_TARGET_REQUIRED: ["BAD_REQUEST", "alerts need a channel, alert_webhook or a tenant default"],
  URL_INVALID: ["BAD_REQUEST", "must be a URL"],
  URL_NOT_HTTP: ["BAD_REQUEST", "must be an http(s) URL"],
  WEBHOOK_HTTPS_REQUIRED: ["BAD_REQUEST", "must be https (http only for hosts in OUTBOUND_ALLOWLIST)"],
  INTERNAL_ADDRESS: [
    "BAD_REQUEST",
    "INTERNAL_ADDRESS: internal, loopback or reserved address refused: {host}{why}",
  ],
  SIGN_SECRET_PLAINTEXT: [
    "BAD_REQUEST",
    "sign_secret of channel {channel} is stored in plaintext: enter it again",
  ],
  SIGN_SECRET_UNDECRYPTABLE: [
    "BAD_REQUEST",
    "sign_secret of channel {channel} cannot be decrypted: enter it again",
  ],
  TIMEZONE_UNKNOWN: ["BAD_REQUEST", "unknown time zone {timezone}: use an IANA name such as Asia/Shanghai"],
  TIME_POINT_INVALID: ["BAD_REQUEST", "a time point is HH:MM (00:00-23:59)"],
  CRON_REQUIRED: ["BAD_REQUEST", "a cron schedule needs cron_expression"],
  CRON_INVALID: ["BAD_REQUEST", "invalid cron expression: {detail}"],
  CRON_EMPTY: ["BAD_REQUEST", "the cron expression is empty"],
  CRON_TOO_LONG: ["BAD_REQUEST", "the cron expression is longer than {max} characters"],
  CRON_MACRO_UNKNOWN: ["BAD_REQUEST", "unsupported cron macro {macro} (supported: {macros})"],
  CRON_FIELD_COUNT: ["BAD_REQUEST", "a cron expression has 5 or 6 fields, not {count}"],
  CRON_NEVER_FIRES: ["BAD_REQUEST", "the cron expression never fires (the date does not exist)"],
  CRON_NOT_STRING: ["BAD_REQUEST", "cron_expression must be a string"],
  SCHEDULE_TYPE_INVALID: ["BAD_REQUEST", "schedule_type must be simple or cron"],
  TIME_POINTS_REQUIRED: ["BAD_REQUEST", "a simple schedule needs at least one time point"],
  TIME_POINTS_NOT_ARRAY: ["BAD_REQUEST", 'time_points must be an array such as ["08:00", "12:00"]'],
  TIME_POINTS_TOO_MANY: ["BAD_REQUEST", "at most {max} time points; use cron for denser schedules"],
  TIMEZONE_NOT_STRING: ["BAD_REQUEST", "timezone must be a string: an IANA name such as Asia/Shanghai"],
  WORKDAY_FILTER_INVALID: ["BAD_REQUEST", "workday_filter must be none, workday or holiday"],
  TEXT_SEARCH_RANGE: ["BAD_REQUEST", "text search covers at most {days} days"],
  VAR_VALUE_NOT_JSON: ["BAD_REQUEST", "must be a JSON value"],
  VAR_VALUE_TOO_LARGE: ["BAD_REQUEST", "must be at most {max_kb} KB as JSON"],
  TOKEN_ROLE_TENANT: ["BAD_REQUEST", "a tenant token cannot be platform_admin"],
  TOKEN_ROLE_PLATFORM: ["BAD_REQUEST", "a platform token is platform_admin or viewer"],
  DSN_REFUSED: ["BAD_REQUEST", "the data source was refused: {detail}"],
  // Schema reason codes (lib/schemas write them as the issue message)
  TASK_NAME_REQUIRED: ["BAD_REQUEST", "the task name must not be empty"],
  WEBHOOK_URL_REQUIRED: ["BAD_REQUEST", "a webhook task needs webhook_url"],
  SCRIPT_REQUIRED: ["BAD_REQUEST", "a script task needs script_content"],
  CORP_ID_CHARS: ["BAD_REQUEST", "letters, digits, '_' and '-' only"],
  WECOM_RECIPIENT_REQUIRED: ["BAD_REQUEST", "at least one recipient (user, party or tag)"],
  DATA_SOURCE_NAME_CHARS: ["BAD_REQUEST", "letters, digits, '_' and '-' only"],
  DSN_FORMAT: ["BAD_REQUEST", "must look like mysql://user:password@host:port/database"],
  SIGN_SECRET_PREFIX: ["BAD_REQUEST", "sign_secret must start with SEC"],
  DINGTALK_ACCESS_TOKEN_MISSING: ["BAD_REQUEST", "the DingTalk webhook URL is missing access_token"],
  WECOM_KEY_MISSING: ["BAD_REQUEST", "the WeCom webhook URL is missing key"],
  // Who may do what
  SIGN_IN_REQUIRED: ["UNAUTHORIZED", "Sign in or send Authorization: Bearer <api token>"],
  TOKEN_INVALID: ["UNAUTHORIZED", "Invalid or expired API token"],
  ACCOUNT_DISABLED: ["UNAUTHORIZED", "Your account is disabled or no longer exists"],
  METRICS_TOKEN_REQUIRED: ["UNAUTHORIZED", "Send Authorization: Bearer <METRICS_TOKEN>"],
  METRICS_TOKEN_INVALID: ["UNAUTHORIZED", "Invalid metrics token"],
  READ_ONLY_ROLE: ["FORBIDDEN", "Your role is read-only (viewer)"],
  PLATFORM_ADMIN_ONLY: ["FORBIDDEN", "Only platform admins may do this"],
  NO_TENANT: ["FORBIDDEN", "You are not a member of any tenant yet; ask a platform admin"],
  OWN_TENANT_ONLY: ["FORBIDDEN", "you may only create rows in your own tenant"],
  TENANT_MOVE_FORBIDDEN: ["FORBIDDEN", "a row cannot move to another tenant"],
  SHARED_WECOM_APP_ADMIN_ONLY: ["FORBIDDEN", "Only platform admins may change a shared WeCom app"],
  CSRF_REFUSED: ["FORBIDDEN", "CSRF: {why}"],
  // Missing rows (another tenant's row answers the same as a missing one)
  NOT_FOUND: ["NOT_FOUND", "Not found"],
  TASK_NOT_FOUND: ["NOT_FOUND", "Task not found"],
  RUN_NOT_FOUND: ["NOT_FOUND", "Run not found"],
  CHANNEL_NOT_FOUND: ["NOT_FOUND", "Channel not found"],
  SECRET_NOT_FOUND: ["NOT_FOUND", "Secret not found"],
  VARIABLE_NOT_FOUND: ["NOT_FOUND", "Variable not found"],
  TENANT_NOT_FOUND: ["NOT_FOUND", "Tenant not found"],
  TENANT_CONFIG_NOT_FOUND: ["NOT_FOUND", "Tenant config not found"],
  MEMBER_NOT_FOUND: ["NOT_FOUND", "Member not found"],
  API_TOKEN_NOT_FOUND: ["NOT_FOUND", "API token not found"],
  SCRIPT_VERSION_NOT_FOUND: ["NOT_FOUND", "Script version not found"],
  WECOM_APP_NOT_FOUND: ["NOT_FOUND", "WeCom app not found"],
  DATA_SOURCE_NOT_FOUND: ["NOT_FOUND", "Data source not found"],
  GRANT_NOT_FOUND: ["NOT_FOUND", "Grant not found"],
  // Conflicts
  UNIQUE_CONFLICT: ["CONFLICT", "A row with the same unique value already exists"],
  TASK_VERSION_STALE: [
    "CONFLICT",
    "the task was changed by someone else (current version {current}); reload and save again",
  ],
  TENANT_EXISTS: ["CONFLICT", "Tenant {tenant_id} already exists"],
  TENANT_NOT_EMPTY: [
    "CONFLICT",
    "tenant {tenant_id} still has {tasks} task(s) and {channels} channel(s); delete or move them first",
  ],
  CHANNEL_IN_USE: ["CONFLICT", "the channel is used by {count} task(s); remove it from them first: {tasks}"],
  WECOM_APP_IN_USE: ["CONFLICT", "the WeCom app is used by {count} task(s): {tasks}"],
  DATA_SOURCE_NAME_TAKEN: ["CONFLICT", "a data source named {name} already exists"],
  NOTHING_TO_REPUSH: ["CONFLICT", "No failed delivery to push again"],
  NO_MESSAGE_TO_PUSH: ["CONFLICT", "The run has no message to push"],
  RUN_NOT_RUNNING: ["CONFLICT", "Run {id} is not running (status {status})"],
  // Limits
  TEST_SCRIPT_BUSY: [
    "TOO_MANY_REQUESTS",
    "test_script_busy: at most {max} test runs at once per user; wait for one to finish",
  ],
  INTERNAL: ["INTERNAL", "Internal server error"],
} as const satisfies Record<string, Entry>;

export type ErrorReason = keyof typeof ERROR_REASONS;

type Names<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Names<Rest> : never;
type Template<R extends ErrorReason> = (typeof ERROR_REASONS)[R][1];

/** The parameters a reason's message needs, by name; reasons without placeholders take none. */
export type ErrorParams<R extends ErrorReason> = { [K in Names<Template<R>>]: string | number };

export type ErrorParamsArg<R extends ErrorReason> = [Names<Template<R>>] extends [never]
  ? [params?: Record<string, never>]
  : [params: ErrorParams<R>];

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERROR_REASONS, value);
}

export function errorCodeOf(reason: ErrorReason): ErrorCode {
  return ERROR_REASONS[reason][0];
}

/** The English message of a reason, its placeholders filled from params. */
export function englishMessage(reason: ErrorReason, params?: Record<string, unknown>): string {
  return ERROR_REASONS[reason][1].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && name in params ? String(params[name]) : whole,
  );
}

/** The English part of a schema message: "中文 (English)" → "English"; a reason code → its template. */
export function englishOf(message: string): string {
  const trimmed = message.trim();
  if (isErrorReason(trimmed)) return englishMessage(trimmed);
  const bilingual = /^(.*?[\u3400-\u9fff].*?)\s*[（(]([^（()）]*[A-Za-z][^（()）]*)[)）]\s*$/.exec(trimmed);
  return bilingual ? bilingual[2]! : trimmed;
}
