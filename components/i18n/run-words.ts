import type { Locale } from "@/lib/i18n";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { interpolate } from "@/lib/i18n/translate";
import { INVALID_WEBHOOK_RESULT_PREFIX, parseInvalidResult } from "@/lib/result-error";
import { ERROR_WORDS } from "./error-words";
import { issueText, localizeText } from "./errors";

// A run's stored texts (its error, a delivery's or an alert's errmsg, who started it) in the
// viewer's language. The server stores one readable text for REST clients, logs and the seed's
// tools ("推送失败 (delivery failed): …", "已取消 (cancelled)", an invalid result's zod issues,
// `token:<name>`); the console words it here at render time. What is not a known shape (a
// script's own exception, a stack trace) is the script's log and is shown as it is.

type RunTextKey = keyof (typeof dictionaries)["zh"]["labels"]["runText"];

const word = (locale: Locale, key: RunTextKey, values?: Record<string, string>) =>
  interpolate(dictionaries[locale].labels.runText[key], values);

/** One line per wrong field of an invalid `result`, in words; null when the text is another error. */
export function resultIssueLines(text: string | null | undefined, locale: Locale): string[] | null {
  const issues = parseInvalidResult(text);
  if (!issues) return null;
  const sep = locale === "zh" ? "：" : ": ";
  return issues.map((issue) => {
    const field = issue.path === "result" ? "result" : `result.${issue.path}`;
    // An issue of no known shape: its own English for en, the generic word for zh.
    const said =
      issue.code === "custom" && !issue.reason && issue.message
        ? (localizeText(issue.message, locale) ?? ERROR_WORDS[locale]["issue.custom"]!)
        : issueText(issue, locale);
    return `${field}${sep}${said}`;
  });
}

const DELIVERY_FAILED = /^推送失败 \(delivery failed\):\s*(.*)$/;

/** "坏群: 机器人已停用 (errcode 310000)" → the channel, its explanation and the code in words. */
function deliveryPart(part: string, locale: Locale): string {
  const m = /^(.*?): (.*) \(errcode (-?\d+)\)$/.exec(part);
  if (!m) return part;
  const [, name, why, code] = m;
  const explained = localizeText(why, locale) ?? why!;
  return locale === "zh"
    ? `${name}：${explained}（${word(locale, "errcode", { code: code! })}）`
    : `${name}: ${explained} (${word(locale, "errcode", { code: code! })})`;
}

/** One stored line in the viewer's language. */
function lineText(line: string, locale: Locale): string {
  const issues = resultIssueLines(line, locale);
  const head = line.startsWith(INVALID_WEBHOOK_RESULT_PREFIX) ? "invalidWebhookResult" : "invalidResult";
  if (issues)
    return `${word(locale, head)}${locale === "zh" ? "：" : ": "}${issues.join(locale === "zh" ? "；" : "; ")}`;
  const delivery = DELIVERY_FAILED.exec(line);
  if (delivery) {
    const parts = delivery[1]!.split("; ").map((p) => deliveryPart(p, locale));
    return `${word(locale, "deliveryFailed")}${locale === "zh" ? "：" : ": "}${parts.join(locale === "zh" ? "；" : "; ")}`;
  }
  // "中文 (English)" → one language; anything else is the script's own text.
  return localizeText(line, locale) ?? line;
}

/** A run's stored error (or last-run message) in the viewer's language, line by line. */
export function runErrorText(error: string | null | undefined, locale: Locale): string {
  if (!error) return "";
  return error
    .split("\n")
    .map((line) => lineText(line, locale))
    .join("\n");
}

/**
 * A run's output (the script's log, which the run flow ends with each failed attempt's error) with
 * only the platform's invalid-result lines in words; the script's own lines stay as they are.
 */
export function runOutputText(output: string, locale: Locale): string {
  return output
    .split("\n")
    .map((line) => (parseInvalidResult(line) ? lineText(line, locale) : line))
    .join("\n");
}

/** A delivery's or an alert target's errmsg ("渠道已停用，已跳过 (channel disabled, skipped)"). */
export function storedText(text: string | null | undefined, locale: Locale): string {
  return text ? (localizeText(text, locale) ?? text) : "";
}

/**
 * Who started a run, in words: an email as it is, `token:<name>` as an API token (the CLI's own
 * token names "platform (cli)" and "<tenant> (cli)" in words), null as the scheduler.
 */
export function triggeredByText(by: string | null | undefined, locale: Locale): string {
  if (!by) return word(locale, "byScheduler");
  if (!by.startsWith("token:")) return by;
  const name = by.slice("token:".length);
  if (name === "platform (cli)") return word(locale, "byPlatformCliToken");
  const cli = /^(.+) \(cli\)$/.exec(name);
  if (cli) return word(locale, "byTenantCliToken", { tenant: cli[1]! });
  return word(locale, "byToken", { name });
}
