import type { Scope } from "./scope";

// Robot and webhook URLs carry their credential in the query (DingTalk `access_token`, WeCom
// `key`) or in the user-info part. Viewers see those masked; tenant and platform admins see them
// whole (they need them to edit).

export const REDACTED = "******";
const SENSITIVE_PARAMS = new Set([
  "access_token",
  "key",
  "token",
  "secret",
  "sign",
  "signature",
  "sig",
  "password",
  "passwd",
  "apikey",
  "api_key",
  "auth",
  "code",
]);

/** The URL with credential-like query values and any user-info password replaced by ******. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return REDACTED;
  }
  let changed = false;
  if (u.username || u.password) {
    u.username = u.username ? REDACTED : "";
    u.password = u.password ? REDACTED : "";
    changed = true;
  }
  const params = [...u.searchParams.entries()];
  if (params.some(([k]) => SENSITIVE_PARAMS.has(k.toLowerCase()))) {
    // Rebuilt by hand so the mask stays readable (URLSearchParams would percent-encode it).
    const query = params
      .map(([k, v]) =>
        SENSITIVE_PARAMS.has(k.toLowerCase())
          ? `${encodeURIComponent(k)}=${REDACTED}`
          : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
      )
      .join("&");
    u.search = "";
    return `${u.toString().replace(/#.*$/, "")}?${query}${u.hash}`.replace(/%2A/gi, "*");
  }
  return changed ? u.toString().replace(/%2A/gi, "*") : url;
}

/** Redacts a URL field for read-only roles; admins get it unchanged. */
export function urlForScope<T extends string | null | undefined>(scope: Scope, url: T): T {
  if (scope.role !== "viewer" || !url) return url;
  return redactUrl(url) as T;
}
