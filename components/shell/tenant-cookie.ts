/** The tenant switcher's cookie; the server reads it on every tRPC and REST call. */
export const ACTIVE_TENANT_COOKIE = "active_tenant";

/** Empty value = platform view. Kept for a year, site-wide. */
export function writeActiveTenantCookie(tenantId: string | null): void {
  const value = tenantId ? encodeURIComponent(tenantId) : "";
  document.cookie = `${ACTIVE_TENANT_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
}
