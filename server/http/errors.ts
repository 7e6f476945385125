import { ZodError } from "zod";
import { AppError, validationError, type AppErrorCode } from "../errors";
import { logger } from "../logger";
import { jsonResponse } from "./json";

type PrismaKnownError = { code: string; meta?: Record<string, unknown> };

function isPrismaKnown(err: unknown): err is PrismaKnownError {
  return (
    typeof err === "object" &&
    err !== null &&
    "code" in err &&
    typeof (err as { code: unknown }).code === "string" &&
    /^P\d{4}$/.test((err as { code: string }).code)
  );
}

/** Any thrown value → an AppError the client may see. Unknown errors become a bare 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError(err.issues);
  if (isPrismaKnown(err)) {
    if (err.code === "P2002") return new AppError("UNIQUE_CONFLICT");
    if (err.code === "P2025") return new AppError("NOT_FOUND");
  }
  return new AppError("INTERNAL");
}

/**
 * The error envelope of API.md: {"error": {"code", "message", "details"}}, plus the stable
 * `reason` (lib/errors.ts) and its `params`. `message` is English (README, "Errors").
 */
export function errorResponse(err: unknown, context?: Record<string, unknown>): Response {
  const appErr = toAppError(err);
  if (appErr.code === "INTERNAL") logger.error({ err, ...context }, "unhandled error in REST handler");
  const body: {
    error: { code: AppErrorCode; message: string; reason: string; params?: unknown; details?: unknown };
  } = {
    error: { code: appErr.code, message: appErr.message, reason: appErr.reason },
  };
  if (Object.keys(appErr.params).length > 0) body.error.params = appErr.params;
  if (appErr.details) body.error.details = appErr.details;
  return jsonResponse(body, appErr.status);
}
