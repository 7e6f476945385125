// One error type for the whole server; tRPC and REST translate it at their edges.
import {
  englishMessage,
  englishOf,
  errorCodeOf,
  isErrorReason,
  type ErrorCode,
  type ErrorParamsArg,
  type ErrorReason,
} from "@/lib/errors";

export type AppErrorCode = ErrorCode;

/**
 * One field's problem. `message` is English (REST clients read it); `reason` + `params` (our
 * registry) or `code` + `params` (a zod issue code and its numbers) are what the console words.
 */
export type ErrorDetail = {
  path: string;
  message: string;
  reason?: ErrorReason;
  code?: string;
  params?: Record<string, unknown>;
};

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
};

type Options = { field?: string; details?: ErrorDetail[] };

/**
 * `new AppError("TENANT_UNKNOWN", { tenant_id }, { field: "tenant_id" })`: the reason (from
 * lib/errors.ts) fixes the code and the English message; a field names the input to fix.
 */
export class AppError<R extends ErrorReason = ErrorReason> extends Error {
  readonly code: AppErrorCode;
  readonly params: Record<string, unknown>;
  readonly details?: ErrorDetail[];

  constructor(
    readonly reason: R,
    ...rest: [...ErrorParamsArg<R>, options?: Options]
  ) {
    const params = rest[0] as Record<string, unknown> | undefined;
    const options = rest[1] as Options | undefined;
    const english = englishMessage(reason, params);
    super(options?.field ? `${options.field}: ${english}` : english);
    this.name = "AppError";
    this.code = errorCodeOf(reason);
    this.params = params ?? {};
    this.details =
      options?.details ??
      (options?.field ? [{ path: options.field, message: english, reason, params: this.params }] : undefined);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

type ZodIssueLike = { path: readonly PropertyKey[]; message: string; code?: string };

/** The numbers and names of a zod issue the console needs to say it in words. */
const ISSUE_PARAMS = ["origin", "format", "minimum", "maximum", "inclusive", "expected", "divisor"] as const;

/** Zod issues → error details with dotted paths (`time_points.1`), English messages and params. */
export function zodDetails(issues: readonly ZodIssueLike[]): ErrorDetail[] {
  return issues.map((issue) => {
    const i = issue as ZodIssueLike & Record<string, unknown>;
    const own = i.message.trim();
    const params: Record<string, unknown> = {};
    for (const key of ISSUE_PARAMS) {
      const value = i[key];
      if (value !== undefined) params[key] = typeof value === "bigint" ? Number(value) : value;
    }
    // zod 4 leaves the input out of issues; "received undefined" is how it says a field is missing.
    if (i.code === "invalid_type" && /received (undefined|null)\b/.test(own)) params.missing = true;
    // A schema's custom issue carries its reason's parameters in `params` (`{ max: 100 }`).
    if (i.params && typeof i.params === "object") Object.assign(params, i.params);
    const detail: ErrorDetail = {
      path: i.path.map(String).join(".") || "(body)",
      message: isErrorReason(own) ? englishMessage(own, params) : englishOf(own),
      code: i.code ?? "custom",
      params,
    };
    if (isErrorReason(own)) detail.reason = own;
    return detail;
  });
}

export function validationError(issues: readonly ZodIssueLike[]): AppError {
  const details = zodDetails(issues);
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  return new AppError("INVALID_INPUT", { summary }, { details });
}
