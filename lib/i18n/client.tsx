"use client";

import * as React from "react";
import { useRouter } from "next/navigation";

import { DEFAULT_LOCALE, LOCALE_COOKIE, type Locale } from "./config";
import { createT, type TFunction } from "./translate";

type I18nContextValue = { locale: Locale; t: TFunction };

const I18nContext = React.createContext<I18nContextValue | null>(null);

/** Gives client components the locale the server rendered with (read from the `locale` cookie). */
export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = React.useMemo(() => ({ locale, t: createT(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

const fallback: I18nContextValue = { locale: DEFAULT_LOCALE, t: createT(DEFAULT_LOCALE) };

/** Translate function: `t("shell.nav.tasks")`, `t("overview.greeting", { name })`. */
export function useT(): TFunction {
  return (React.useContext(I18nContext) ?? fallback).t;
}

export function useLocale(): Locale {
  return (React.useContext(I18nContext) ?? fallback).locale;
}

/** Writes the `locale` cookie (1 year) and re-renders the server tree in the new language. */
export function useSetLocale(): (locale: Locale) => void {
  const router = useRouter();
  return React.useCallback(
    (locale: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
      router.refresh();
    },
    [router],
  );
}
