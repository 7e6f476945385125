/** Locales of the console. Chinese is the default; the choice lives in the `locale` cookie. */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export const LOCALE_COOKIE = "locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Cookie value → locale; anything unknown falls back to Chinese. */
export function toLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** BCP 47 tag for <html lang> and Intl formatting. */
export const HTML_LANG: Record<Locale, string> = { zh: "zh-CN", en: "en" };
