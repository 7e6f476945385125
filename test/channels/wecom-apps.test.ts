import { beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { db } from "@/server/db";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser, ensureFirstAdmin } from "@/server/services/users";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

const APP = {
  app_name: "告警应用",
  corp_id: "ww123456",
  agent_id: 1000002,
  secret: "super-secret-corp-app-value",
  to_user: "@all",
};

async function callerFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return createCaller(createContext({ user: { id: user.id, email } }));
}

describe("WeCom applications (tRPC)", () => {
  beforeEach(async () => {
    await resetDb();
    await ensureFirstAdmin({ email: "root@example.com", password: "root-password" });
    await tenantWithToken("tenant-a");
    await tenantWithToken("tenant-b");
    await createUser({
      scope: platformScope(),
      input: { email: "a@a.test", role: "tenant_admin", tenant_id: "tenant-a" },
    });
    await createUser({
      scope: platformScope(),
      input: { email: "b@b.test", role: "tenant_admin", tenant_id: "tenant-b" },
    });
  });

  it("stores the secret encrypted and never returns it", async () => {
    const a = await callerFor("a@a.test");
    const app = await a.wecomApps.create(APP);
    expect(app).toMatchObject({ tenant_id: "tenant-a", secret_set: true, agent_id: 1000002 });
    expect(JSON.stringify(await a.wecomApps.list())).not.toContain(APP.secret);
    expect(JSON.stringify(app)).not.toContain(APP.secret);
    expect((await db.wecomApp.findUniqueOrThrow({ where: { id: app.id } })).secret).not.toContain(APP.secret);
  });

  it("keeps tenants apart, and lets tenants use but not change the platform's shared apps", async () => {
    const a = await callerFor("a@a.test");
    const b = await callerFor("b@b.test");
    const root = await callerFor("root@example.com");
    const mine = await a.wecomApps.create(APP);
    const shared = await root.wecomApps.create({ ...APP, app_name: "平台应用" });
    expect(shared.tenant_id).toBeNull();
    expect((await b.wecomApps.list()).map((x) => x.id)).toEqual([shared.id]);
    await expect(b.wecomApps.update({ id: mine.id, data: { app_name: "x" } })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
    await expect(b.wecomApps.delete({ id: mine.id })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
    await expect(b.wecomApps.update({ id: shared.id, data: { app_name: "x" } })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN",
    );
    expect((await db.wecomApp.findUniqueOrThrow({ where: { id: mine.id } })).appName).toBe("告警应用");
  });

  it("refuses an update that leaves the app without recipients, naming to_user", async () => {
    const a = await callerFor("a@a.test");
    const app = await a.wecomApps.create(APP);
    const err = await a.wecomApps
      .update({ id: app.id, data: { to_user: null, to_party: "", to_tag: null } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/^to_user: /);
    expect((await db.wecomApp.findUniqueOrThrow({ where: { id: app.id } })).toUser).toBe("@all");
    await a.wecomApps.update({ id: app.id, data: { to_user: null, to_party: "2" } });
  });

  it("rejects bad input naming the field", async () => {
    const a = await callerFor("a@a.test");
    const err = await a.wecomApps.create({ ...APP, corp_id: "有空格 的id" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/corp_id/);
  });
});
