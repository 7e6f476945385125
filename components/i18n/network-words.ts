import type { TFunction, TKey } from "@/lib/i18n";

/**
 * Which words say what a transport error (Node's `connect ECONNREFUSED 127.0.0.1:9`, an HTTP
 * status, a certificate failure) means, so the console shows a sentence and keeps the raw text
 * as a secondary detail. Null when the message is none of the common ones.
 */
export function networkWords(errmsg: string): { key: TKey; vars?: Record<string, string> } | null {
  if (/ECONNREFUSED/.test(errmsg)) return { key: "kit.net.refused" };
  if (/ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|timed? ?out/i.test(errmsg))
    return { key: "kit.net.timeout" };
  if (/ENOTFOUND|EAI_AGAIN/.test(errmsg)) return { key: "kit.net.notFound" };
  if (/ECONNRESET|EPIPE|socket hang up|UND_ERR_SOCKET/i.test(errmsg)) return { key: "kit.net.reset" };
  if (/CERT_|certificate|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(errmsg)) return { key: "kit.net.cert" };
  const status = /\bHTTP (\d{3})\b/i.exec(errmsg);
  if (status) return { key: "kit.net.http", vars: { status: status[1]! } };
  return null;
}

/**
 * What a failed channel test's toast says: the transport error in words when it is one (the
 * server's explanation repeats the raw text, which the dialog keeps as its muted line), else the
 * server's explanation, else the robot's own message.
 */
export function testFailureText(
  answer: { errmsg: string; explanation: string | null },
  t: TFunction,
): string {
  const words = networkWords(answer.errmsg);
  if (words) return t(words.key, words.vars);
  return answer.explanation ?? answer.errmsg;
}
