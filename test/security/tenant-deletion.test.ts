import { beforeEach, describe, expect, it } from "vitest";
import { ZCreateWecomAppInput } from "@/lib/schemas/wecom-app";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { scopeForToken } from "@/server/auth/tokens";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { testScript } from "@/server/sandbox/test-script";
import { listApiTokens } from "@/server/services/api-tokens";
import { listAuditLogs } from "@/server/services/audit";
import { deleteChannel } from "@/server/services/channels";
import { listSecrets, setSecret } from "@/server/services/secrets";
import { deleteTask } from "@/server/services/tasks";
import { listTenantConfigs, setTenantConfig } from "@/server/services/tenant-configs";
import { createTenant, deleteTenant, TENANT_DELETION } from "@/server/services/tenants";
import { createUser, listMembers } from "@/server/services/users";
import { createWecomApp, listWecomApps } from "@/server/services/wecom-apps";
import { readDatamodel } from "../db/prisma-dmmf";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";
import { makeChannel, makeTask } from "../runs/run-helpers";

// Issue 11 item 7: deleting a tenant left its secrets and configs behind, and re-creating the
// same id read them. A platform admin deletes "gone"; a new tenant "gone" must read nothing of it.

const admin = platformScope();
const ID = "gone";

async function populate() {
  const { token, scope } = await tenantWithToken(ID);
  await setSecret({ scope, input: { secret_key: "DB_PASSWORD", secret_value: "old-tenant-password" } });
  await setTenantConfig({
    scope,
    input: { app_code: "crm", config_key: "token", config_value: "old-config", is_secret: true },
  });
  await setTenantConfig({
    scope,
    input: { app_code: "crm", config_key: "region", config_value: "old-region" },
  });
  await createWecomApp({
    scope,
    input: ZCreateWecomAppInput.parse({
      app_name: "old app",
      corp_id: "ww0123456789abcdef",
      agent_id: 1000002,
      secret: "old-app-secret",
      to_user: "@all",
    }),
  });
  await createUser({
    scope: admin,
    input: { email: "old-admin@gone.test", role: "tenant_admin", tenant_id: ID },
  });
  const channel = await makeChannel(scope, {
    channel_type: "wecom_bot",
    webhook_url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=old",
  });
  const task = await makeTask(scope, {
    task_name: "旧任务",
    script_content: "set_var('k', 'old-var'); result = 1",
  });
  const source = await db.dataSource.create({ data: { name: "old-source", dsn: "x", checkOk: true } });
  await db.dataSourceGrant.create({ data: { dataSourceId: source.id, tenantId: ID, isDefault: true } });
  await db.taskLog.create({
    data: { taskId: 999_999, tenantId: ID, traceId: "stray", status: "success", trigger: "manual" } as never,
  });
  return { token, scope, channel, task };
}

describe("deleting a tenant", () => {
  beforeEach(async () => {
    process.env.OUTBOUND_ALLOWLIST = "qyapi.weixin.qq.com";
    const { resetEnvCache } = await import("@/server/env");
    resetEnvCache();
    await resetDb();
  });

  it("is refused (409) while it has tasks or channels, listing them; nothing is deleted", async () => {
    const { task, channel } = await populate();
    const err = await deleteTenant({ scope: admin, tenantId: ID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("CONFLICT");
    expect((err as AppError).details).toEqual([
      { path: "tasks", message: `#${task.id} 旧任务` },
      { path: "channels", message: `#${channel.id} 群机器人` },
    ]);
    expect(await db.secret.count({ where: { tenantId: ID } })).toBe(1);
    expect(await db.tenant.count({ where: { tenantId: ID } })).toBe(1);
  });

  it("deletes what it owns; a re-created id starts empty and reads nothing of the old one", async () => {
    const { token, scope, task, channel } = await populate();
    await deleteTask({ scope, id: task.id });
    await deleteChannel({ scope, id: channel.id });
    const res = await deleteTenant({ scope: admin, tenantId: ID });
    expect(res.deleted).toMatchObject({
      secrets: 1,
      tenant_configs: 2,
      wecom_apps: 1,
      memberships: 1,
      api_tokens: 1,
      run_logs: 1,
    });
    expect(await scopeForToken(token)).toBeNull();

    await createTenant({ scope: admin, input: { tenant_id: ID, name: "new owner", is_enabled: true } });
    const fresh = tenantScope(ID);
    expect(await listSecrets({ scope: fresh })).toEqual([]);
    expect((await listTenantConfigs({ scope: fresh })).items).toEqual([]);
    expect(await listWecomApps({ scope: fresh })).toEqual([]);
    expect(await listApiTokens({ scope: fresh })).toEqual([]);
    expect(await listMembers({ scope: admin, tenantId: ID })).toEqual([]);
    // Its audit history moved to the platform: the new tenant sees only its own creation.
    const audit = await listAuditLogs({ scope: fresh });
    expect(audit.items.map((a) => a.action)).toEqual(["tenant.create"]);
    expect(
      JSON.stringify(audit.items, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
    ).not.toContain("旧任务");
    const platformAudit = await listAuditLogs({ scope: admin, tenantId: "" });
    expect(platformAudit.items.some((a) => a.action === "tenant.delete")).toBe(true);

    // From a script of the new tenant: nothing.
    const run = await testScript({
      scope: fresh,
      script_content:
        "result = JSON.stringify([get_secret('DB_PASSWORD'), get_tenant_config('gone', 'crm', 'token'), get_tenant_config('gone', 'crm', 'region')])",
    });
    expect(run.success, run.error ?? "").toBe(true);
    expect(JSON.stringify(run.result)).not.toMatch(/old-/);
    for (const table of [
      "secret",
      "tenantConfig",
      "wecomApp",
      "apiToken",
      "membership",
      "taskLog",
      "dataSourceGrant",
    ] as const)
      expect(
        await (db[table] as { count: (a: unknown) => Promise<number> }).count({ where: { tenantId: ID } }),
        table,
      ).toBe(0);
  });

  it("every model with a tenant_id is accounted for (refused, deleted or detached)", async () => {
    const datamodel = await readDatamodel();
    const owned = datamodel.models
      .filter((m) => m.fields.some((f) => f.name === "tenantId"))
      .map((m) => m.name)
      .sort();
    expect(owned.filter((m) => !(m in TENANT_DELETION))).toEqual([]);
  });
});
