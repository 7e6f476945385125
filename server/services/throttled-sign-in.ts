import { env } from "../env";
import { clientAddress } from "../http/client-address";
import { beginLoginAttempt, finishLoginAttempt } from "./login-throttle";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** The next-auth session cookie (its name carries a __Secure- prefix over https). */
const SESSION_COOKIE = /(^|[\s,;])(__Secure-)?next-auth\.session-token=/;

/**
 * Wraps next-auth's route handler: a credentials sign-in is counted by the login throttle before
 * next-auth sees it, and answered 429 with Retry-After while the account or address is locked.
 * The 429 body carries `url` with `error=TooManyAttempts` so next-auth's client `signIn()`
 * reports it as `res.error` like any other sign-in error.
 */
export function withLoginThrottle(handler: Handler): Handler {
  return async (req, ctx) => {
    const path = new URL(req.url).pathname;
    if (req.method !== "POST" || !path.endsWith("/callback/credentials")) return handler(req, ctx);
    let email = "";
    try {
      const form = await req.clone().formData();
      email = String(form.get("email") ?? "");
    } catch {
      // not a form: next-auth refuses it on its own; it still counts against the address
    }
    const attempt = await beginLoginAttempt(email, clientAddress(req));
    if (!attempt.allowed) {
      const retry = attempt.retryAfterSeconds;
      return new Response(
        JSON.stringify({
          url: `${env.APP_URL}/login?error=TooManyAttempts&retry_after=${retry}`,
          error: {
            code: "TOO_MANY_REQUESTS",
            message: `登录尝试过于频繁，请 ${retry} 秒后再试 (too many sign-in attempts, retry in ${retry} s)`,
            retry_after: retry,
          },
        }),
        {
          status: 429,
          headers: {
            "content-type": "application/json",
            "retry-after": String(retry),
            "cache-control": "no-store",
          },
        },
      );
    }
    const res = await handler(req, ctx);
    const success = res.headers.getSetCookie().some((c) => SESSION_COOKIE.test(c));
    await finishLoginAttempt(attempt, success);
    return res;
  };
}
