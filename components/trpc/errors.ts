import { TRPCClientError } from "@trpc/client";

import { errorText, serverFieldErrors } from "@/components/i18n/errors";
import type { TFunction } from "@/lib/i18n";

type ErrorData = { code?: string; details?: { path: string; message: string }[] | null };

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

/** The rows a 409 lists (`tasks.<id>` → the task's name): data to show as links, not words. */
export function conflictRows(error: unknown): { path: string; name: string }[] {
  return (errorData(error)?.details ?? []).map((d) => ({ path: d.path, name: d.message }));
}

/**
 * Field errors of a BAD_REQUEST, keyed by field path, in words (components/i18n), for showing
 * next to form inputs. Without `t`, the words are Chinese, the console's first language.
 */
export function fieldErrors(error: unknown, t?: TFunction): Record<string, string> {
  return serverFieldErrors(error, t?.locale ?? "zh");
}

/** A sentence for a toast or an error panel, in the console's language, never the server's English. */
export function errorMessage(error: unknown, t: TFunction): string {
  return errorText(error, t.locale);
}
