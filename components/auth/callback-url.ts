/**
 * Where to go after signing in. Only a path on this site is kept (the host of an absolute URL is
 * dropped), so a crafted link cannot send a user elsewhere; /login itself falls back to "/".
 */
export function safeCallbackUrl(raw: string | string[] | null | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return "/";
  try {
    const url = new URL(value, "http://placeholder.invalid");
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (!path.startsWith("/") || path.startsWith("//") || url.pathname.startsWith("/login")) return "/";
    return path;
  } catch {
    return "/";
  }
}
