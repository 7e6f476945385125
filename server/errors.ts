// One error type for the whole server; tRPC and REST translate it at their edges.

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL";

export type ErrorDetail = { path: string; message: string };

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

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

export const badRequest = (path: string, message: string) =>
  new AppError("BAD_REQUEST", `${path}: ${message}`, [{ path, message }]);

/** Zod issues → error details with dotted paths (`time_points.1`). */
export function zodDetails(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ErrorDetail[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}

export function validationError(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): AppError {
  const details = zodDetails(issues);
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  return new AppError("BAD_REQUEST", `Invalid input: ${summary}`, details);
}
