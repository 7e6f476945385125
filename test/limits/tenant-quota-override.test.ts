import { beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser, ensureFirstAdmin } from "@/server/services/users";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { limiters, resetLimiters } from "@/server/limits";
import { refreshTenantQuotas, tenantRunQuota } from "@/server/limits/tenant-quotas";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

async function userCaller(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return createCaller(createContext({ user: { id: user.id, email } }));
}

describe("per-tenant run quota override (platform_tenants.max_concurrent_runs)", () => {
  beforeEach(async () => {
    await resetDb();
    resetLimiters();
    await refreshTenantQuotas(true);
    await ensureFirstAdmin({ email: "root@example.com", password: "root-password" });
    await tenantWithToken("acme");
    await tenantWithToken("globex");
    await createUser({
      scope: platformScope(),
      input: { email: "ops@acme.test", role: "tenant_admin", tenant_id: "acme" },
    });
  });

  it("a platform admin's override is what the run limiter lets the tenant have in flight", async () => {
    const root = await userCaller("root@example.com");
    const saved = await root.tenants.update({ tenant_id: "acme", max_concurrent_runs: 2 });
    expect(saved.maxConcurrentRuns).toBe(2);
    expect(tenantRunQuota("acme")).toBe(2);
    expect(tenantRunQuota("globex")).toBe(env.RUNS_TENANT_MAX_IN_FLIGHT);

    const runs = limiters().runs;
    const held = [runs.tryAcquire("acme"), runs.tryAcquire("acme")];
    expect(held.every((l) => l !== null)).toBe(true);
    // A third acme run waits for a slot; globex, with the default quota, still gets in.
    expect(runs.tryAcquire("acme")).toBeNull();
    expect(runs.tryAcquire("globex")).not.toBeNull();
    held[0]!.release();
    expect(runs.tryAcquire("acme")).not.toBeNull();

    // Clearing it (null) gives the tenant the default again.
    await root.tenants.update({ tenant_id: "acme", max_concurrent_runs: null });
    expect(tenantRunQuota("acme")).toBe(env.RUNS_TENANT_MAX_IN_FLIGHT);
    const listed = await root.tenants.list();
    expect(listed.find((t) => t.tenantId === "acme")?.maxConcurrentRuns).toBeNull();
  });

  it("is audited with the value before and after", async () => {
    const root = await userCaller("root@example.com");
    await root.tenants.update({ tenant_id: "acme", max_concurrent_runs: 5 });
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: "tenant.update", entityId: "acme" },
      orderBy: { id: "desc" },
    });
    expect(entry.details).toEqual({ changes: { max_concurrent_runs: { before: null, after: 5 } } });
  });

  it("a tenant admin cannot set their own tenant's quota, nor any other field of it", async () => {
    const ops = await userCaller("ops@acme.test");
    await expect(ops.tenants.update({ tenant_id: "acme", max_concurrent_runs: 9999 })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN",
    );
    const row = await db.tenant.findUniqueOrThrow({ where: { tenantId: "acme" } });
    expect(row.maxConcurrentRuns).toBeNull();
    await refreshTenantQuotas(true);
    expect(tenantRunQuota("acme")).toBe(env.RUNS_TENANT_MAX_IN_FLIGHT);
  });

  it("refuses a quota that is not a whole number from 1 up, naming the field", async () => {
    const root = await userCaller("root@example.com");
    for (const bad of [0, -1, 1.5, 10_001]) {
      await expect(root.tenants.update({ tenant_id: "acme", max_concurrent_runs: bad })).rejects.toSatisfy(
        (e: unknown) =>
          e instanceof TRPCError && e.code === "BAD_REQUEST" && /max_concurrent_runs/.test(JSON.stringify(e)),
      );
    }
  });
});
