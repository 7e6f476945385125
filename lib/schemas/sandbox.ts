import { z } from "zod";
import { LOCALES } from "../i18n/config";
import { ZScriptContent, ZScriptLanguage } from "./task";

// Inputs of the script sandbox's endpoints (test-script, SDK docs), shared by tRPC and REST.

/** A test run is interactive: someone waits for it. Longer work belongs in a scheduled run. */
export const TEST_SCRIPT_MAX_TIMEOUT_SECONDS = 120;

/** POST /api/scheduled-tasks/test-script and sandbox.testScript. */
export const ZTestScriptInput = z.object({
  // The same limit as a saved script (MAX_SCRIPT_BYTES), counted the same way.
  script_content: z.string({ error: "is required" }).min(1, "is required").pipe(ZScriptContent),
  /** Omitted: Python over REST (the original's clients), JavaScript over tRPC (see the routes). */
  script_language: ZScriptLanguage.optional(),
  input_params: z.record(z.string(), z.unknown()).nullish(),
  tenant_id: z.string().trim().max(50).nullish(),
  timeout_seconds: z
    .number()
    .int()
    .min(1)
    .max(TEST_SCRIPT_MAX_TIMEOUT_SECONDS, `must be at most ${TEST_SCRIPT_MAX_TIMEOUT_SECONDS} seconds`)
    .optional(),
});
export type TTestScriptInput = z.input<typeof ZTestScriptInput>;

export const ZSdkLocale = z.enum(LOCALES);

/** sandbox.sdkDocs (the console's locale). */
export const ZSdkDocsInput = z.object({ lang: ZSdkLocale }).optional();

/** GET /api/scheduled-tasks/sdk-docs */
export const ZSdkDocsQuery = z.object({
  format: z.enum(["json", "markdown"]).default("json"),
  lang: ZSdkLocale.optional(),
});
