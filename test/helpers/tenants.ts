import { platformScope, type Scope } from "@/server/auth/scope";
import { createApiToken } from "@/server/services/api-tokens";
import { createTenant } from "@/server/services/tenants";

const admin = platformScope();

/** A tenant plus an API token for it; `role` defaults to tenant_admin. */
export async function tenantWithToken(tenantId: string, role: "tenant_admin" | "viewer" = "tenant_admin") {
  await createTenant({
    scope: admin,
    input: { tenant_id: tenantId, name: `Tenant ${tenantId}`, is_enabled: true },
  }).catch((e: unknown) => {
    if (!(e instanceof Error && /already exists/.test(e.message))) throw e;
  });
  const { token } = await createApiToken({
    scope: admin,
    input: { name: `${tenantId}-${role}`, tenant_id: tenantId, role },
  });
  const scope: Scope = { type: "tenant", tenantId, role, actor: { type: "system", id: "test" } };
  return { tenantId, token, scope };
}

export async function platformToken(role: "platform_admin" | "viewer" = "platform_admin") {
  const { token } = await createApiToken({ scope: admin, input: { name: `platform-${role}`, role } });
  return token;
}
