import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/root";

export type SdkDocs = inferRouterOutputs<AppRouter>["sandbox"]["sdkDocs"];
export type FunctionDoc = SdkDocs["functions"][number];
export type FormatDoc = SdkDocs["message_formats"][number];

/** sdkDocs with a language gives plain strings; the type also allows the {zh, en} form. */
export function text(value: string | { zh: string; en: string }, locale: "zh" | "en"): string {
  return typeof value === "string" ? value : value[locale];
}
