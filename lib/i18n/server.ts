// Server only: next/headers fails loudly if a client component imports this.
import { cookies } from "next/headers";

import { LOCALE_COOKIE, toLocale, type Locale } from "./config";
import { createT, type TFunction } from "./translate";

/** The visitor's locale from the `locale` cookie (Chinese when absent or unknown). */
export async function getLocale(): Promise<Locale> {
  const store = await cookies();
  return toLocale(store.get(LOCALE_COOKIE)?.value);
}

/** Locale and translate function for server components, route metadata and server actions. */
export async function getT(): Promise<{ locale: Locale; t: TFunction }> {
  const locale = await getLocale();
  return { locale, t: createT(locale) };
}
