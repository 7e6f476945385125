import { db } from "../db";
import { AppError } from "../errors";
import type { Scope } from "./scope";

export type SessionUser = { id: number; email: string };

export type UserAccess = {
  isPlatformAdmin: boolean;
  tenants: { tenantId: string; name: string; role: "platform_admin" | "tenant_admin" | "viewer" }[];
};

/** Tenants a user can switch to: all of them for platform admins, else their memberships. */
export async function accessForUser(userId: number): Promise<UserAccess> {
  const memberships = await db.membership.findMany({ where: { userId } });
  const isPlatformAdmin = memberships.some((m) => m.role === "platform_admin" && m.tenantId === "");
  const tenants = await db.tenant.findMany({
    where: isPlatformAdmin ? {} : { tenantId: { in: memberships.map((m) => m.tenantId) }, isEnabled: true },
    orderBy: { tenantId: "asc" },
  });
  return {
    isPlatformAdmin,
    tenants: tenants.map((t) => ({
      tenantId: t.tenantId,
      name: t.name,
      role: isPlatformAdmin
        ? "platform_admin"
        : (memberships.find((m) => m.tenantId === t.tenantId)?.role ?? "viewer"),
    })),
  };
}

/**
 * The scope of a signed-in user. `activeTenantId` comes from the console's tenant switcher
 * (cookie `active_tenant`); platform admins without one work in the platform view.
 */
export async function scopeForUser(
  user: SessionUser,
  activeTenantId: string | null | undefined,
): Promise<Scope> {
  const row = await db.user.findUnique({ where: { id: user.id } });
  if (!row || !row.isActive) throw new AppError("ACCOUNT_DISABLED");
  const actor = { type: "user" as const, id: String(user.id), email: row.email };
  const access = await accessForUser(user.id);
  const wanted = activeTenantId ? access.tenants.find((t) => t.tenantId === activeTenantId) : undefined;
  if (access.isPlatformAdmin) {
    // A platform admin looking at one tenant acts as that tenant's admin.
    return wanted
      ? { type: "tenant", tenantId: wanted.tenantId, role: "tenant_admin", actor }
      : { type: "platform", role: "platform_admin", actor };
  }
  const chosen = wanted ?? access.tenants[0];
  if (!chosen) throw new AppError("NO_TENANT");
  return {
    type: "tenant",
    tenantId: chosen.tenantId,
    role: chosen.role === "viewer" ? "viewer" : "tenant_admin",
    actor,
  };
}
