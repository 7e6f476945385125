import { getToken } from "next-auth/jwt";
import { env } from "../env";
import { AppError } from "../errors";
import type { Scope } from "./scope";
import { scopeForUser, type SessionUser } from "./session-scope";
import { scopeForToken } from "./tokens";

export const ACTIVE_TENANT_COOKIE = "active_tenant";

export function parseCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

/** The signed-in console user of a request, from the next-auth session cookie. */
export async function sessionUserFromRequest(req: Request): Promise<SessionUser | null> {
  // getToken wants a Node-style request: plain header and cookie objects are enough.
  const shim = { headers: { cookie: req.headers.get("cookie") ?? "" }, cookies: parseCookies(req) };
  const jwt = await getToken({ req: shim as never, secret: env.APP_SECRET });
  if (!jwt || typeof jwt.uid !== "number" || typeof jwt.email !== "string") return null;
  return { id: jwt.uid, email: jwt.email };
}

/**
 * The scope of an `Authorization: Bearer <api token>` header: undefined when the request has no
 * Authorization header, null when it has one that is not a valid, unexpired, unrevoked token.
 * REST (scopeFromRequest) and tRPC (/api/trpc) resolve tokens through this same function.
 */
export async function bearerScope(req: Request): Promise<Scope | null | undefined> {
  const auth = req.headers.get("authorization");
  if (!auth) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  return match?.[1] ? await scopeForToken(match[1]) : null;
}

/**
 * Resolves the caller's scope: `Authorization: Bearer <token>` first, then the console session
 * (whose tenant is the `active_tenant` cookie or the `x-tenant-id` header). Throws 401.
 */
export async function scopeFromRequest(req: Request): Promise<Scope> {
  const token = await bearerScope(req);
  if (token !== undefined) {
    if (!token) throw new AppError("TOKEN_INVALID");
    return token;
  }
  const user = await sessionUserFromRequest(req);
  if (!user) throw new AppError("SIGN_IN_REQUIRED");
  return scopeForUser(user, req.headers.get("x-tenant-id") ?? parseCookies(req)[ACTIVE_TENANT_COOKIE]);
}
