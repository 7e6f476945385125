import { db } from "../db";
import { env } from "../env";
import { logger } from "../logger";

// Per-tenant overrides of the runs-in-flight quota (platform_tenants.max_concurrent_runs),
// read synchronously by the limiter from a cache the runner refreshes in the background.

const g = globalThis as unknown as {
  __tenantQuotas?: { overrides: Map<string, number>; loadedAt: number; loading: Promise<void> | null };
};
const state = (g.__tenantQuotas ??= { overrides: new Map(), loadedAt: 0, loading: null });

/** How long an override read from the database is trusted. */
export const QUOTA_REFRESH_MS = 30_000;

/** Runs a tenant may have in flight in this process ("" = global tasks: the default). */
export function tenantRunQuota(key: string): number {
  return state.overrides.get(key) ?? defaultTenantRunQuota();
}

/** Reloads the overrides when older than QUOTA_REFRESH_MS (or now with `force`). Never throws. */
export function refreshTenantQuotas(force = false): Promise<void> {
  if (!force && Date.now() - state.loadedAt < QUOTA_REFRESH_MS) return Promise.resolve();
  state.loading ??= (async () => {
    try {
      const rows = await db.tenant.findMany({
        where: { maxConcurrentRuns: { not: null } },
        select: { tenantId: true, maxConcurrentRuns: true },
      });
      state.overrides = new Map(rows.map((r) => [r.tenantId, r.maxConcurrentRuns!]));
      state.loadedAt = Date.now();
    } catch (err) {
      logger.warn({ err }, "could not read tenant run quotas; keeping the previous ones");
    } finally {
      state.loading = null;
    }
  })();
  return state.loading;
}

/** The quota of a tenant without an override (the console shows it as the field's placeholder). */
export function defaultTenantRunQuota(): number {
  return env.RUNS_TENANT_MAX_IN_FLIGHT;
}
