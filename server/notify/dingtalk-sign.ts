import { createHmac } from "node:crypto";

// DingTalk 加签 (robot-apis.md §1.2): Base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)).

/** The un-encoded Base64 signature for a millisecond timestamp. */
export function dingtalkSign(secret: string, timestampMs: number | string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(`${timestampMs}\n${secret}`, "utf8")
    .digest("base64");
}

/** The webhook URL with fresh `timestamp` and URL-encoded `sign` (replacing any already there). */
export function signDingtalkUrl(webhookUrl: string, secret: string, nowMs = Date.now()): string {
  const url = new URL(webhookUrl);
  url.searchParams.delete("timestamp");
  url.searchParams.delete("sign");
  // URLSearchParams encodes + / = as %2B %2F %3D: pass the raw Base64 so it is encoded once.
  url.searchParams.set("timestamp", String(nowMs));
  url.searchParams.set("sign", dingtalkSign(secret, nowMs));
  return url.toString();
}
