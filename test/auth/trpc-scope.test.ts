import { beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser, ensureFirstAdmin } from "@/server/services/users";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

async function userCaller(email: string, activeTenantId?: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return createCaller(createContext({ user: { id: user.id, email }, activeTenantId }));
}

async function expectCode(promise: Promise<unknown>, code: TRPCError["code"]) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);
}

describe("tRPC procedures and scope", () => {
  beforeEach(async () => {
    await resetDb();
    await ensureFirstAdmin({ email: "root@example.com", password: "root-password" });
    await tenantWithToken("acme");
    await tenantWithToken("globex");
    await createUser({
      scope: platformScope(),
      input: { email: "ops@acme.test", role: "tenant_admin", tenant_id: "acme" },
    });
    await createUser({
      scope: platformScope(),
      input: { email: "look@acme.test", role: "viewer", tenant_id: "acme" },
    });
  });

  it("refuses callers who are not signed in", async () => {
    const anonymous = createCaller(createContext({ user: null }));
    await expectCode(anonymous.me.get(), "UNAUTHORIZED");
    await expectCode(anonymous.tokens.list(), "UNAUTHORIZED");
  });

  it("tells a tenant admin who they are and offers only their tenants", async () => {
    const me = await (await userCaller("ops@acme.test")).me.get();
    expect(me.isPlatformAdmin).toBe(false);
    expect(me.tenants.map((t) => t.tenantId)).toEqual(["acme"]);
    expect(me.activeTenantId).toBe("acme");
  });

  it("keeps a tenant admin inside their tenant even when the cookie names another", async () => {
    const caller = await userCaller("ops@acme.test", "globex");
    const tokens = await caller.tokens.list();
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.tenantId === "acme")).toBe(true);
    expect(JSON.stringify(tokens)).not.toMatch(/tokenHash|token_hash/);
    expect((await caller.tenants.list()).map((t) => t.tenantId)).toEqual(["acme"]);
  });

  it("lets a platform admin see everything, or act inside one tenant", async () => {
    const platform = await userCaller("root@example.com");
    expect((await platform.tenants.list()).map((t) => t.tenantId)).toEqual(["acme", "globex"]);
    const inGlobex = await userCaller("root@example.com", "globex");
    const tokens = await inGlobex.tokens.list();
    expect(tokens.every((t) => t.tenantId === "globex")).toBe(true);
  });

  it("refuses changes from a viewer and admin procedures from a tenant admin", async () => {
    const viewer = await userCaller("look@acme.test");
    await expectCode(viewer.tokens.create({ name: "mine" }), "FORBIDDEN");
    const tenantAdmin = await userCaller("ops@acme.test");
    await expectCode(
      tenantAdmin.tenants.create({ tenant_id: "evil", name: "Evil", is_enabled: true }),
      "FORBIDDEN",
    );
    expect(await db.tenant.findUnique({ where: { tenantId: "evil" } })).toBeNull();
  });

  it("rejects bad input with BAD_REQUEST naming the field", async () => {
    const platform = await userCaller("root@example.com");
    const err = await platform.tenants
      .create({ tenant_id: "has space", name: "x", is_enabled: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/tenant_id/);
  });

  it("creates a tenant token shown once, stored only as a hash, and audited", async () => {
    const caller = await userCaller("ops@acme.test");
    const { token, apiToken } = await caller.tokens.create({ name: "ci" });
    expect(token).toMatch(/^stp_/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.tenantId).toBe("acme");
    const audit = await db.auditLog.findFirst({
      where: { action: "token.create", entityId: String(apiToken.id) },
    });
    expect(audit).toMatchObject({ tenantId: "acme", actorType: "user", actorId: "ops@acme.test" });
  });

  it("refuses to delete a tenant that still owns tasks", async () => {
    await db.scheduledTask.create({ data: { tenantId: "globex", taskName: "keep me" } });
    const platform = await userCaller("root@example.com");
    await expectCode(platform.tenants.delete({ tenant_id: "globex" }), "CONFLICT");
    expect(await db.tenant.findUnique({ where: { tenantId: "globex" } })).not.toBeNull();
  });
});
