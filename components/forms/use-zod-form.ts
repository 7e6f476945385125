"use client";

import * as React from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  useForm,
  type FieldErrors,
  type FieldValues,
  type Resolver,
  type UseFormProps,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";

import { issueText, localizeText, serverFieldErrors, errorText } from "@/components/i18n/errors";
import type { Locale } from "@/lib/i18n";
import { useLocale } from "@/lib/i18n/client";

/** Rewrites every message of a failed parse in the console's language (no zod English in zh). */
function localizeErrors(errors: FieldErrors, locale: Locale): FieldErrors {
  for (const value of Object.values(errors)) {
    if (!value || typeof value !== "object") continue;
    const e = value as { message?: unknown; type?: unknown };
    if (typeof e.message === "string") {
      e.message =
        localizeText(e.message, locale) ??
        issueText({ code: String(e.type ?? "custom"), message: "" }, locale);
    } else localizeErrors(value as FieldErrors, locale);
  }
  return errors;
}

/**
 * react-hook-form on a shared zod schema (lib/schemas): the form's values are the schema's
 * input, `handleSubmit` hands over its output, messages come in the console's language.
 */
export function useZodForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  options: Omit<UseFormProps<TIn, unknown, TOut>, "resolver"> = {},
): UseFormReturn<TIn, unknown, TOut> {
  const locale = useLocale();
  const resolver = React.useMemo((): Resolver<TIn, unknown, TOut> => {
    const base = zodResolver(
      schema as never,
      {
        error: (issue: Parameters<typeof issueText>[0]) => issueText(issue, locale),
      } as never,
    ) as unknown as Resolver<TIn, unknown, TOut>;
    return async (values, context, opts) => {
      const result = await base(values, context, opts);
      localizeErrors(result.errors as FieldErrors, locale);
      return result;
    };
  }, [schema, locale]);
  return useForm<TIn, unknown, TOut>({ mode: "onTouched", ...options, resolver });
}

/**
 * Puts a server refusal onto the form: field errors on their fields (those in `shown`), the
 * rest and the summary on the form (`root.server`). Returns the sentence for a toast.
 */
export function applyServerError<T extends FieldValues>(
  form: UseFormReturn<T, unknown, FieldValues> | UseFormReturn<T, unknown, never>,
  error: unknown,
  locale: Locale,
  shown: ReadonlySet<string>,
): string {
  const fields = serverFieldErrors(error, locale);
  const unshown: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    if (shown.has(path)) form.setError(path as never, { type: "server", message });
    else unshown.push(message);
  }
  const text = errorText(error, locale);
  const onFields = Object.keys(fields).length > 0 && unshown.length === 0;
  form.setError("root.server", { type: "server", message: onFields ? undefined : text });
  return text;
}
