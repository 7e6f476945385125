import { AppError } from "../errors";

/** Who is acting: a console user, an API token, or the platform itself (scheduler, CLI). */
export type Actor =
  | { type: "user"; id: string; email: string }
  | { type: "token"; id: string; name: string }
  | { type: "system"; id: string };

/**
 * What a caller may see and change. Every service receives one and filters by it:
 * a platform scope sees every tenant; a tenant scope sees exactly one.
 */
export type Scope =
  | { type: "platform"; role: "platform_admin" | "viewer"; actor: Actor }
  | { type: "tenant"; tenantId: string; role: "tenant_admin" | "viewer"; actor: Actor };

export const SYSTEM_ACTOR: Actor = { type: "system", id: "system" };

export function platformScope(actor: Actor = SYSTEM_ACTOR): Scope {
  return { type: "platform", role: "platform_admin", actor };
}

export function tenantScope(
  tenantId: string,
  role: "tenant_admin" | "viewer" = "tenant_admin",
  actor: Actor = SYSTEM_ACTOR,
): Scope {
  return { type: "tenant", tenantId, role, actor };
}

export function canWrite(scope: Scope): boolean {
  return scope.role !== "viewer";
}

/** Throws FORBIDDEN for read-only scopes. Services call it before any change. */
export function assertCanWrite(scope: Scope): void {
  if (!canWrite(scope)) throw new AppError("READ_ONLY_ROLE");
}

export function assertPlatformAdmin(scope: Scope): void {
  if (scope.type !== "platform" || scope.role !== "platform_admin") {
    throw new AppError("PLATFORM_ADMIN_ONLY");
  }
}

/**
 * Part of the tenant-scope mechanism (server/db/scoped.ts fills and checks the tenant of every
 * write): the tenant a new row belongs to: the scope's own tenant, or for a platform scope the requested
 * one (undefined/null = a global row). A tenant scope naming another tenant is refused.
 */
export function tenantForCreate(scope: Scope, requested: string | null | undefined): string | null {
  if (scope.type === "tenant") {
    if (requested != null && requested !== scope.tenantId) {
      throw new AppError("OWN_TENANT_ONLY", {}, { field: "tenant_id" });
    }
    return scope.tenantId;
  }
  return requested ?? null;
}

export function actorLabel(actor: Actor): string {
  if (actor.type === "user") return actor.email;
  if (actor.type === "token") return `token:${actor.name}`;
  return actor.id;
}
