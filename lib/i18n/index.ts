/**
 * Console i18n. Chinese is the default; the `locale` cookie ("zh" | "en") selects English.
 *
 * - Client components: `const t = useT()` from "@/lib/i18n/client", then `t("shell.nav.tasks")`
 *   or `t("overview.greeting", { name })`. Keys are type-checked dotted paths.
 * - Server components / metadata: `const { t, locale } = await getT()` from "@/lib/i18n/server".
 * - Adding text: put it in lib/i18n/messages/<namespace>.ts (zh and en side by side; en is typed
 *   against zh so a missing key fails typecheck) and register a new namespace in dictionaries.ts.
 *   test/console/i18n.test.ts also checks that both languages use the same `{placeholders}`.
 *
 * This entry is isomorphic: safe to import from server and client code alike.
 */
export { LOCALES, LOCALE_COOKIE, HTML_LANG, isLocale, toLocale, type Locale } from "./config";
export { createT, interpolate, type TFunction, type TKey } from "./translate";
