import { env } from "../env";
import { AppError } from "../errors";

// CSRF defence for cookie-authenticated calls (the console session). A cross-site page can make
// the browser send the session cookie with a "simple" request: a form POST (urlencoded,
// multipart, text/plain) needs no CORS preflight. So a mutation authenticated by cookie must
//   1. declare `Content-Type: application/json` (a simple request cannot), and
//   2. come from this origin: `Origin` equal to the console's origin, or, without Origin,
//      `Sec-Fetch-Site: same-origin`. `Origin: null` (sandboxed frames, file:, some redirects),
//      other origins and same-site sibling subdomains are refused.
// Bearer-token calls carry no ambient credential and are not affected; safe methods (GET, HEAD,
// OPTIONS) change nothing and are not checked.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function isJson(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json";
}

/** Origins this server answers as: APP_URL's, and the one the request itself was addressed to. */
function ownOrigins(req: Request): Set<string> {
  const out = new Set<string>([new URL(env.APP_URL).origin]);
  try {
    out.add(new URL(req.url).origin);
  } catch {
    // a relative URL: APP_URL only
  }
  return out;
}

/** Why this request may not mutate with its cookie, or null when it may (or carries no cookie). */
export function csrfRefusal(req: Request): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (req.headers.get("authorization")) return null; // Bearer: no ambient credential
  if (!req.headers.get("cookie")) return null; // no session: the call fails authentication anyway
  if (!isJson(req.headers.get("content-type")))
    return "Cookie-authenticated changes must send Content-Type: application/json";
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (!ownOrigins(req).has(origin.trim().toLowerCase().replace(/\/$/, "")))
      return `Cross-origin request refused (Origin ${origin})`;
    return null;
  }
  if ((req.headers.get("sec-fetch-site") ?? "").toLowerCase() === "same-origin") return null;
  return "Cookie-authenticated changes must come from the console (same-origin Origin or Sec-Fetch-Site)";
}

/** Throws 403 for a cookie-authenticated mutation that may be a cross-site request forgery. */
export function assertNotCrossSite(req: Request): void {
  const why = csrfRefusal(req);
  if (why) throw new AppError("CSRF_REFUSED", { why });
}
