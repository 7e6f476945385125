import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { AppError } from "@/server/errors";
import { deleteSecret, listSecrets, readSecretForRun, setSecret } from "@/server/services/secrets";
import { deleteScriptVar, getScriptVar, listScriptVars, setScriptVar } from "@/server/services/script-vars";
import { deleteTenantConfig, listTenantConfigs, setTenantConfig } from "@/server/services/tenant-configs";
import { createTenant } from "@/server/services/tenants";
import { ZListScriptVarsInput, ZListTenantConfigsInput } from "@/lib/schemas/admin";
import { resetDb } from "../helpers/db";
import { run } from "./helpers";

const admin = platformScope();
const content = (r: { result: unknown }) => JSON.parse((r.result as { content: string }).content) as unknown;

const cfgFilter = (input: Record<string, unknown>) => ZListTenantConfigsInput.parse(input);
const varFilter = (taskId: number, input: Record<string, unknown> = {}) =>
  ZListScriptVarsInput.parse({ task_id: taskId, ...input });

async function task(tenantId: string | null, name = "t") {
  return db.scheduledTask.create({ data: { tenantId, taskName: name, scriptContent: "log(1)" } });
}

beforeEach(async () => {
  await resetDb();
  for (const id of ["acme", "globex"])
    await createTenant({ scope: admin, input: { tenant_id: id, name: `${id} Inc`, is_enabled: true } });
});

describe("get_var / set_var / del_var", () => {
  it("persist JSON values across runs of the same task only", async () => {
    const a = await task("acme", "a");
    const b = await task("acme", "b");
    const first = await run(
      "set_var('state', { n: 1, list: ['x'] }); set_var('nothing', null); return json.dumps(get_var('state'))",
      { taskId: a.id, tenantId: "acme" },
    );
    expect(content(first)).toEqual({ n: 1, list: ["x"] });
    const second = await run(
      "const s = get_var('state'); s.n++; set_var('state', s); return json.dumps([s, get_var('nothing', 'd'), get_var('absent', 5)])",
      { taskId: a.id, tenantId: "acme" },
    );
    expect(content(second)).toEqual([{ n: 2, list: ["x"] }, null, 5]);
    const other = await run("return json.dumps(get_var('state', 'none'))", {
      taskId: b.id,
      tenantId: "acme",
    });
    expect(content(other)).toBe("none");
    await run("del_var('state')", { taskId: a.id, tenantId: "acme" });
    expect(
      content(await run("return json.dumps(get_var('state', 'gone'))", { taskId: a.id, tenantId: "acme" })),
    ).toBe("gone");
  });

  it("without a task (test-script) vars live for the run only", async () => {
    const r = await run(
      "set_var('k', 1); const v = get_var('k'); del_var('k'); return json.dumps([v, get_var('k', 'd')])",
      { mode: "test" },
    );
    expect(content(r)).toEqual([1, "d"]);
    expect(await db.scriptVar.count()).toBe(0);
  });

  it("refuses a bad key with a readable error", async () => {
    const a = await task("acme");
    const r = await run("set_var('', 1)", { taskId: a.id, tenantId: "acme" });
    expect(r.error).toMatch(/^Error: set_var\(\): key 不能为空/);
  });
});

describe("tenants and tenant configs", () => {
  beforeEach(async () => {
    await setTenantConfig({
      scope: admin,
      input: {
        tenant_id: "acme",
        app_code: "crm",
        config_key: "endpoint",
        config_value: "https://acme.example",
      },
    });
    await setTenantConfig({
      scope: admin,
      input: {
        tenant_id: "globex",
        app_code: "crm",
        config_key: "endpoint",
        config_value: "https://globex.example",
      },
    });
    await setTenantConfig({
      scope: admin,
      input: {
        tenant_id: "acme",
        app_code: "crm",
        config_key: "app_secret",
        config_value: "acme-config-secret-1",
        is_secret: true,
      },
    });
  });

  it("a tenant task sees only its own tenant", async () => {
    const r = await run(
      "return json.dumps({ t: get_tenants(), all: get_all_tenant_configs('crm', 'endpoint'), own: get_tenant_config('acme', 'crm', 'endpoint') })",
      { tenantId: "acme" },
    );
    expect(content(r)).toEqual({
      t: [{ tenant_id: "acme", name: "acme Inc", is_enabled: true }],
      all: [{ tenant_id: "acme", value: "https://acme.example" }],
      own: "https://acme.example",
    });
    const other = await run("get_tenant_config('globex', 'crm', 'endpoint')", { tenantId: "acme" });
    expect(other.error).toContain("租户任务只能读取本租户（acme）的配置");
  });

  it("a global task sees every tenant; tenants without a value are left out", async () => {
    await setTenantConfig({
      scope: admin,
      input: { tenant_id: "globex", app_code: "crm", config_key: "app_secret", config_value: null },
    });
    const secrets = await run(
      "return json.dumps(get_all_tenant_configs('crm', 'app_secret').map(c => c.tenant_id))",
    );
    expect(content(secrets)).toEqual(["acme"]);
    const r = await run(
      "return json.dumps({ n: get_tenants().length, all: get_all_tenant_configs('crm', 'endpoint').map(c => c.tenant_id), g: get_tenant_config('globex', 'crm', 'endpoint'), none: get_tenant_config('globex', 'crm', 'nope') })",
    );
    expect(content(r)).toEqual({ n: 2, all: ["acme", "globex"], g: "https://globex.example", none: null });
  });

  it("secret config values are decrypted for the script, masked in output, encrypted at rest and never listed", async () => {
    const r = await run(
      "const s = get_tenant_config('acme', 'crm', 'app_secret'); log('secret is', s); return String(s.length)",
      { tenantId: "acme" },
    );
    expect(r.success).toBe(true);
    expect(r.output).toContain("secret is ******");
    expect(r.output).not.toContain("acme-config-secret-1");
    const raw = await db.tenantConfig.findFirstOrThrow({ where: { configKey: "app_secret" } });
    expect(raw.configValue).not.toContain("acme-config-secret-1");
    const listed = (await listTenantConfigs({ scope: tenantScope("acme") })).items;
    expect(listed.find((c) => c.config_key === "app_secret")).toMatchObject({
      config_value: null,
      is_secret: true,
      value_set: true,
    });
    expect(JSON.stringify(listed)).not.toContain("acme-config-secret-1");
  });

  it("tenant scopes manage only their own configs", async () => {
    expect((await listTenantConfigs({ scope: tenantScope("globex") })).items.map((c) => c.tenant_id)).toEqual(
      ["globex"],
    );
    await expect(
      setTenantConfig({
        scope: tenantScope("globex"),
        input: { tenant_id: "acme", app_code: "crm", config_key: "x", config_value: "y" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const acmeRow = (await listTenantConfigs({ scope: admin, filter: cfgFilter({ tenant_id: "acme" }) }))
      .items[0]!;
    await expect(deleteTenantConfig({ scope: tenantScope("globex"), id: acmeRow.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      setTenantConfig({
        scope: tenantScope("acme", "viewer"),
        input: { app_code: "crm", config_key: "x", config_value: "y" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      setTenantConfig({ scope: admin, input: { app_code: "crm", config_key: "x", config_value: "y" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("get_secret", () => {
  beforeEach(async () => {
    await setSecret({
      scope: tenantScope("acme"),
      input: { secret_key: "API_TOKEN", secret_value: "acme-token-AAAA" },
    });
    await setSecret({
      scope: admin,
      input: { tenant_id: "globex", secret_key: "API_TOKEN", secret_value: "globex-token-BBBB" },
    });
    await setSecret({ scope: admin, input: { secret_key: "API_TOKEN", secret_value: "global-token-CCCC" } });
    await setSecret({ scope: admin, input: { secret_key: "ONLY_GLOBAL", secret_value: "global-only-DDDD" } });
  });

  it("a tenant task reads its own tenant's secret, never another tenant's or a global one", async () => {
    const r = await run(
      "return json.dumps([get_secret('API_TOKEN') === 'acme-token-AAAA', get_secret('ONLY_GLOBAL'), get_secret('MISSING')])",
      { tenantId: "acme" },
    );
    expect(content(r)).toEqual([true, null, null]);
  });

  it("a global task reads global secrets only", async () => {
    const r = await run(
      "return json.dumps([get_secret('API_TOKEN') === 'global-token-CCCC', get_secret('ONLY_GLOBAL') === 'global-only-DDDD'])",
    );
    expect(content(r)).toEqual([true, true]);
    expect(await readSecretForRun({ tenantId: null, key: "API_TOKEN" })).toBe("global-token-CCCC");
  });

  it("secret values never appear in output or error, even JSON-escaped or inside objects", async () => {
    await setSecret({ scope: tenantScope("acme"), input: { secret_key: "QUOTED", secret_value: 'p"a\\ss' } });
    const r = await run(
      `
      const t = get_secret('API_TOKEN')
      const q = get_secret('QUOTED')
      log('token', t, { nested: t, q })
      print(q)
      throw new Error('failed with ' + t + ' and ' + q)`,
      { tenantId: "acme" },
    );
    expect(r.success).toBe(false);
    for (const text of [r.output, r.error!]) {
      expect(text).not.toContain("acme-token-AAAA");
      expect(text).not.toContain('p"a\\ss');
      expect(text).not.toContain('p\\"a\\\\ss');
    }
    expect(r.output).toContain('token ****** {"nested":"******","q":"******"}');
    expect(r.error).toContain("failed with ****** and ******");
  });

  it("the management service lists no values and keeps tenants apart", async () => {
    const acme = await listSecrets({ scope: tenantScope("acme") });
    expect(acme.map((s) => [s.tenant_id, s.secret_key])).toEqual([["acme", "API_TOKEN"]]);
    expect(JSON.stringify(acme)).not.toContain("token-");
    const globals = await listSecrets({ scope: admin, tenantId: null });
    expect(globals.map((s) => s.secret_key)).toEqual(["API_TOKEN", "ONLY_GLOBAL"]);
    const raw = await db.secret.findMany();
    expect(JSON.stringify(raw)).not.toMatch(/token-(AAAA|BBBB|CCCC)/);

    const globexSecret = (await listSecrets({ scope: admin, tenantId: "globex" }))[0]!;
    await expect(deleteSecret({ scope: tenantScope("acme"), id: globexSecret.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      setSecret({
        scope: tenantScope("acme"),
        input: { tenant_id: "globex", secret_key: "X", secret_value: "y" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      setSecret({ scope: tenantScope("acme", "viewer"), input: { secret_key: "X", secret_value: "y" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      setSecret({ scope: admin, input: { secret_key: "bad key!", secret_value: "y" } }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await deleteSecret({ scope: admin, id: globexSecret.id })).toEqual({ success: true });
    expect(await readSecretForRun({ tenantId: "globex", key: "API_TOKEN" })).toBeNull();
  });
});

describe("script vars service", () => {
  it("is scoped by the task's tenant", async () => {
    const a = await task("acme");
    await setScriptVar({ scope: tenantScope("acme"), taskId: a.id, key: "cursor", value: { at: 3 } });
    expect(
      (await listScriptVars({ scope: tenantScope("acme"), filter: varFilter(a.id) })).items,
    ).toMatchObject([{ key: "cursor", value: { at: 3 } }]);
    expect(await getScriptVar({ scope: admin, taskId: a.id, key: "cursor" })).toMatchObject({
      value: { at: 3 },
    });
    await expect(
      listScriptVars({ scope: tenantScope("globex"), filter: varFilter(a.id) }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      setScriptVar({ scope: tenantScope("globex"), taskId: a.id, key: "x", value: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setScriptVar({ scope: tenantScope("acme", "viewer"), taskId: a.id, key: "x", value: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const seen = await run("return json.dumps(get_var('cursor'))", { taskId: a.id, tenantId: "acme" });
    expect(content(seen)).toEqual({ at: 3 });
    expect(await deleteScriptVar({ scope: tenantScope("acme"), taskId: a.id, key: "cursor" })).toEqual({
      success: true,
    });
    await expect(
      deleteScriptVar({ scope: tenantScope("acme"), taskId: a.id, key: "cursor" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the console's lists of configs and variables", () => {
  it("page, search and sort tenant configs on the server, within the caller's tenant", async () => {
    for (const key of ["a_url", "b_url", "c_id", "d_url", "e_url"])
      await setTenantConfig({
        scope: admin,
        input: { tenant_id: "acme", app_code: "erp", config_key: key, config_value: key },
      });
    await setTenantConfig({
      scope: admin,
      input: { tenant_id: "globex", app_code: "erp", config_key: "z_url", config_value: "z" },
    });
    const acme = tenantScope("acme");
    const first = await listTenantConfigs({ scope: acme, filter: cfgFilter({ page_size: 2 }) });
    expect(first).toMatchObject({ total: 5, page: 1, page_size: 2 });
    expect(first.items.map((c) => c.config_key)).toEqual(["a_url", "b_url"]);
    const third = await listTenantConfigs({ scope: acme, filter: cfgFilter({ page: 3, page_size: 2 }) });
    expect(third.items.map((c) => c.config_key)).toEqual(["e_url"]);
    const found = await listTenantConfigs({ scope: acme, filter: cfgFilter({ q: "url", sort: "key.desc" }) });
    expect(found.total).toBe(4);
    expect(found.items.map((c) => c.config_key)).toEqual(["e_url", "d_url", "b_url", "a_url"]);
    expect((await listTenantConfigs({ scope: admin, filter: cfgFilter({ q: "z_" }) })).total).toBe(1);
    expect(() => cfgFilter({ sort: "config_value.asc" })).toThrow();
    expect(() => cfgFilter({ page_size: 500 })).toThrow();
  });

  it("page, search and sort a task's variables on the server", async () => {
    const a = await task("acme");
    for (const key of ["k1", "k2", "k3", "other"])
      await setScriptVar({ scope: tenantScope("acme"), taskId: a.id, key, value: key });
    const acme = tenantScope("acme");
    const page = await listScriptVars({ scope: acme, filter: varFilter(a.id, { page: 2, page_size: 3 }) });
    expect(page).toMatchObject({ total: 4, page: 2 });
    expect(page.items.map((v) => v.key)).toEqual(["other"]);
    const found = await listScriptVars({
      scope: acme,
      filter: varFilter(a.id, { q: "k", sort: "key.desc" }),
    });
    expect(found.items.map((v) => v.key)).toEqual(["k3", "k2", "k1"]);
  });
});
