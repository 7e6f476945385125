"use client";

import * as React from "react";

import { useLocale } from "@/lib/i18n/client";
import { errorText, issueText, serverFieldErrors, type IssueLike } from "./errors";

/** `const say = useErrorText(); toast.error(say(error))`: an error in the console's language. */
export function useErrorText() {
  const locale = useLocale();
  return React.useCallback((error: unknown) => errorText(error, locale), [locale]);
}

export function useErrorWords() {
  const locale = useLocale();
  return React.useMemo(
    () => ({
      text: (error: unknown) => errorText(error, locale),
      fields: (error: unknown) => serverFieldErrors(error, locale),
      issue: (issue: IssueLike) => issueText(issue, locale),
    }),
    [locale],
  );
}
