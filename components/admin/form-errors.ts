import type { ZodError } from "zod";

/** First message per field path of a failed zod parse, for showing next to the inputs. */
export function zodFieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_";
    out[path] ??= issue.message;
  }
  return out;
}
