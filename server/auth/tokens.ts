import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import type { Scope } from "./scope";

// API tokens look like `stp_<43 chars>`; only their SHA-256 is stored.
export const TOKEN_PREFIX = "stp_";

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The scope a bearer token grants, or null when it is unknown, revoked or expired. */
export async function scopeForToken(token: string): Promise<Scope | null> {
  if (env.PLATFORM_API_TOKEN && safeEqual(token, env.PLATFORM_API_TOKEN)) {
    return {
      type: "platform",
      role: "platform_admin",
      actor: { type: "token", id: "env", name: "PLATFORM_API_TOKEN" },
    };
  }
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
  // Best effort: a failed timestamp update must not fail the request.
  db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  const actor = { type: "token" as const, id: String(row.id), name: row.name };
  if (row.tenantId === "") {
    return { type: "platform", role: row.role === "viewer" ? "viewer" : "platform_admin", actor };
  }
  const tenant = await db.tenant.findUnique({ where: { tenantId: row.tenantId } });
  if (!tenant || !tenant.isEnabled) return null;
  return {
    type: "tenant",
    tenantId: row.tenantId,
    role: row.role === "viewer" ? "viewer" : "tenant_admin",
    actor,
  };
}
