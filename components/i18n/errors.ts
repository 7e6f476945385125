import { TRPCClientError } from "@trpc/client";

import { interpolate } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n";
import { ERROR_WORDS } from "./error-words";

/**
 * Every error the console shows goes through here, so the zh console never shows raw server or
 * zod English: tRPC codes, zod issue codes and the schemas' reason codes become words.
 */

const CJK = /[\u3400-\u9fff]/;

function word(locale: Locale, key: string, values?: Record<string, unknown>): string | undefined {
  const text = ERROR_WORDS[locale][key];
  return text === undefined ? undefined : interpolate(text, values as Record<string, string>);
}

/**
 * A message written for people, in the wanted language, or undefined when it is not: the shared
 * schemas write "中文 (English)"; zh keeps the Chinese part, en the part in brackets; a reason
 * code (`TASK_NAME_TAKEN`) is looked up.
 */
export function localizeText(message: string | undefined, locale: Locale): string | undefined {
  if (!message) return undefined;
  const trimmed = message.trim();
  if (/^[A-Z][A-Z0-9_]+$/.test(trimmed)) return word(locale, `reason.${trimmed}`);
  const bilingual = /^(.*?[\u3400-\u9fff].*?)\s*[（(]([^（()）]*[A-Za-z][^（()）]*)[)）]\s*$/.exec(trimmed);
  if (bilingual) return locale === "zh" ? bilingual[1] : bilingual[2];
  if (locale === "zh") return CJK.test(trimmed) ? trimmed : undefined;
  return CJK.test(trimmed) ? undefined : trimmed;
}

/**
 * The parts of a zod issue (client side), or of a server error detail (`code` = the zod issue code,
 * its numbers in `params`; or `reason` + `params` from lib/errors.ts), that say what was wrong.
 */
export type IssueLike = {
  code?: string;
  message?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  divisor?: number;
  expected?: string;
  input?: unknown;
  params?: Record<string, unknown>;
  reason?: string;
};

const GENERIC_ZOD = /^(Invalid|Too (small|big)|Expected|Required)\b/;

/** One issue in words. Reason codes first, then a message written for people, then the issue code. */
export function issueText(issue: IssueLike, locale: Locale): string {
  const p = { ...issue.params, ...issue } as IssueLike & Record<string, unknown>;
  const reason =
    issue.reason ??
    (typeof issue.params?.reason === "string" ? issue.params.reason : undefined) ??
    (issue.message && /^[A-Z][A-Z0-9_]+$/.test(issue.message.trim()) ? issue.message.trim() : undefined);
  if (reason) {
    const text = word(locale, `reason.${reason}`, issue.params);
    if (text) return text;
  }
  const code = issue.code ?? "custom";
  const origin = p.origin === "int" ? "number" : p.origin;
  if (code === "invalid_type") {
    if (
      p.missing === true ||
      (("input" in issue || "input" in (issue.params ?? {})) &&
        (p.input === undefined || p.input === null || p.input === ""))
    )
      return word(locale, "issue.required")!;
    if (p.expected === "int") return word(locale, "invalid.int")!;
    if (p.expected === "number") return word(locale, "invalid.number")!;
    const typed =
      typeof p.expected === "string" ? word(locale, `issue.invalid_type.${p.expected}`) : undefined;
    if (typed) return typed;
  }
  // Only a stored result's options are listed (they are the script's own words); a form's enum
  // values are codes its select already shows in words.
  const options = issue.params?.values;
  if (code === "invalid_value" && Array.isArray(options) && options.length)
    return word(locale, "issue.invalid_value.values", {
      values: options.join(locale === "zh" ? "、" : ", "),
    })!;
  // Messages a schema wrote on purpose win over the generic words, when they are in this language.
  if (issue.message && !GENERIC_ZOD.test(issue.message)) {
    const text = localizeText(issue.message, locale);
    if (text) return text;
  }
  const values = {
    min: p.minimum !== undefined ? String(p.minimum) : "",
    max: p.maximum !== undefined ? String(p.maximum) : "",
    divisor: p.divisor ?? "",
  };
  if (code === "too_small" && origin === "string" && Number(p.minimum) === 1)
    return word(locale, "issue.too_small.string.1")!;
  return (
    word(locale, `issue.${code}.${p.format ?? origin ?? ""}`, values) ??
    word(locale, `issue.${code}`, values) ??
    word(locale, "issue.custom")!
  );
}

type Detail = IssueLike & { path: string };
type ErrorData = {
  code?: string;
  httpStatus?: number;
  reason?: string | null;
  params?: Record<string, unknown> | null;
  details?: Detail[] | null;
};

function errorData(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

/** Field errors of a rejected input, keyed by field path, in words. */
export function serverFieldErrors(error: unknown, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of errorData(error)?.details ?? []) out[d.path] ??= issueText(d, locale);
  return out;
}

/** Details that name input fields (not the list of tasks a 409 names). */
const isFieldDetail = (d: Detail) => d.reason !== undefined || d.code !== undefined;

/** One sentence for a toast or an error panel; never the server's own (English) message. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof TRPCClientError) {
    const data = errorData(error);
    if (!data?.code)
      return locale === "zh" ? "无法连接服务器，请检查网络后重试。" : "Cannot reach the server.";
    const details = (data.details ?? []).filter(isFieldDetail);
    if (data.code === "BAD_REQUEST" && details.length) {
      return details.map((d) => `${fieldLabel(d.path, locale)}：${issueText(d, locale)}`).join("；");
    }
    if (data.reason) {
      const text = word(locale, `reason.${data.reason}`, data.params ?? undefined);
      if (text) return text;
    }
    return word(locale, `code.${data.code}`) ?? word(locale, "code.INTERNAL")!;
  }
  if (error instanceof Error && error.name === "ZodError") return word(locale, "code.BAD_REQUEST")!;
  return word(locale, "code.INTERNAL")!;
}

/** A reason of lib/errors.ts (a bulk report's row, say) in words; the class's words when unknown. */
export function reasonText(
  reason: string | undefined,
  params: Record<string, unknown> | undefined,
  locale: Locale,
): string {
  return (reason ? word(locale, `reason.${reason}`, params) : undefined) ?? word(locale, "code.INTERNAL")!;
}

/** A field path in words where a word is known (`task_name` → 任务名称), else the path. */
export function fieldLabel(path: string, locale: Locale): string {
  return word(locale, `field.${path}`) ?? word(locale, `field.${path.split(".")[0]}`) ?? path;
}
