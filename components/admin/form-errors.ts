import type { ZodError } from "zod";

import { issueText } from "@/components/i18n/errors";
import type { TFunction } from "@/lib/i18n";

/** First problem per field path of a failed zod parse, in words, for showing next to the inputs. */
export function zodFieldErrors(error: ZodError, t?: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_";
    out[path] ??= issueText(issue as never, t?.locale ?? "zh");
  }
  return out;
}
