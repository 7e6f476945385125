import { TRPCClientError } from "@trpc/client";

import type { TFunction } from "@/lib/i18n";

type ErrorData = { code?: string; httpStatus?: number; details?: { path: string; message: string }[] | null };

function errorData(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

/** The tRPC error code ("UNAUTHORIZED", "FORBIDDEN", ...) of a failed query or mutation. */
export function errorCode(error: unknown): string | undefined {
  return errorData(error)?.code;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === "UNAUTHORIZED";
}

/** Field errors of a BAD_REQUEST, keyed by field path, for showing next to form inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of errorData(error)?.details ?? []) out[d.path] ??= d.message;
  return out;
}

/**
 * A message for a toast or an error panel: the server's own message for validation and
 * conflicts (they name the field), a translated one for the generic cases.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof TRPCClientError) {
    const code = errorCode(error);
    if (!code) return t("common.errorNetwork");
    if (code === "FORBIDDEN") return t("common.forbidden");
    if (code === "UNAUTHORIZED") return t("auth.sessionExpired");
    if (code === "INTERNAL_SERVER_ERROR") return t("common.errorGeneric");
    return error.message || t("common.errorGeneric");
  }
  return t("common.errorGeneric");
}
