import type { Locale } from "./config";
import { dictionaries, type Dictionary } from "./dictionaries";
import type { MessageKey, MessageValues } from "./types";

export type TKey = MessageKey<Dictionary>;
/** Translates a key; `locale` says which language, for helpers that word other things (errors). */
export type TFunction = ((key: TKey, values?: MessageValues) => string) & { readonly locale: Locale };

function lookup(dict: Dictionary, key: string): string | undefined {
  let node: unknown = dict;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so mistakes are noticed. */
export function interpolate(template: string, values?: MessageValues): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

/** A translate function for one locale, usable on the server and the client. */
export function createT(locale: Locale): TFunction {
  const dict = dictionaries[locale];
  const t = (key: TKey, values?: MessageValues) =>
    interpolate(lookup(dict, key) ?? lookup(dictionaries.zh, key) ?? key, values);
  return Object.assign(t, { locale });
}
