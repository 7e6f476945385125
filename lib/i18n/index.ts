// Isomorphic entry: safe to import from server and client code alike.
export { LOCALES, DEFAULT_LOCALE, LOCALE_COOKIE, HTML_LANG, isLocale, toLocale, type Locale } from "./config";
export { createT, interpolate, type TFunction, type TKey } from "./translate";
export type { Dictionary } from "./dictionaries";
