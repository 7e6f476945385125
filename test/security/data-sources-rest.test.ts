import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/data-sources/route";
import * as one from "@/app/api/data-sources/[id]/route";
import * as check from "@/app/api/data-sources/[id]/check/route";
import * as grants from "@/app/api/data-sources/[id]/grants/route";
import { env } from "@/server/env";
import { db } from "@/server/db";
import { closeDbQueryPools } from "@/server/sandbox/bindings/db-query";
import { businessDb, type BusinessDb } from "../helpers/business-db";
import { callRoute } from "../helpers/rest";
import { platformToken, tenantWithToken } from "../helpers/tenants";
import { run } from "../sandbox/helpers";

// The REST surface of data sources: platform admins only, DSNs write-only, refusals name the field.
let biz: BusinessDb;
let admin: string;
let tenantAdmin: string;

beforeAll(async () => {
  biz = await businessDb("rest");
  await biz.root.query(`CREATE TABLE \`${biz.database}\`.t (id INT PRIMARY KEY)`);
  await biz.root.query(`INSERT INTO \`${biz.database}\`.t VALUES (1), (2), (3)`);
  admin = await platformToken();
  tenantAdmin = (await tenantWithToken("rest-acme")).token;
});

afterAll(async () => {
  await db.dataSource.deleteMany({ where: { name: { startsWith: "rest_" } } });
  await closeDbQueryPools();
  await biz.cleanup();
});

describe("/api/data-sources", () => {
  it("a tenant admin can neither list nor create", async () => {
    expect((await callRoute(list.GET, { token: tenantAdmin })).status).toBe(403);
    const { dsn } = await biz.user(["GRANT SELECT ON {db}.*"]);
    const r = await callRoute(list.POST, { token: tenantAdmin, body: { name: "rest_x", dsn } });
    expect(r.status).toBe(403);
  });

  it("refuses the platform's own connection with 400 on dsn, and a malformed DSN", async () => {
    const root = await callRoute(list.POST, {
      token: admin,
      body: { name: "rest_root", dsn: env.DATABASE_URL },
    });
    expect(root.status).toBe(400);
    expect(JSON.stringify(root.body)).toContain("dsn");
    expect(JSON.stringify(root.body)).toContain("权限超出只读范围");
    const bad = await callRoute(list.POST, {
      token: admin,
      body: { name: "rest_bad", dsn: "postgres://x@y/z" },
    });
    expect(bad.status).toBe(400);
    expect(await db.dataSource.count({ where: { name: { startsWith: "rest_" } } })).toBe(0);
  });

  it("creates, grants, re-checks, updates and deletes; the DSN never comes back", async () => {
    const { dsn } = await biz.user(["GRANT SELECT ON {db}.*"]);
    const password = new URL(dsn).password;
    const created = await callRoute(list.POST, {
      token: admin,
      body: { name: "rest_ok", dsn, description: "业务库", max_connections: 3 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "rest_ok", check_ok: true, max_connections: 3 });
    expect(JSON.stringify(created.body)).not.toContain(password);
    const id = (created.body as { id: number }).id;

    const granted = await callRoute(grants.POST, {
      token: admin,
      params: { id },
      body: { tenant_id: "rest-acme", is_default: true },
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ grants: [{ tenant_id: "rest-acme", is_default: true }] });
    const r = await run("return String(db_query('SELECT COUNT(*) AS n FROM t')[0].n)", {
      tenantId: "rest-acme",
    });
    expect(r.result).toMatchObject({ content: "3" });

    expect((await callRoute(check.POST, { token: admin, params: { id } })).body).toMatchObject({
      check_ok: true,
    });
    const updated = await callRoute(one.PUT, {
      token: admin,
      method: "PUT",
      params: { id },
      body: { description: "改过" },
    });
    expect(updated.body).toMatchObject({ description: "改过", check_ok: true });

    const listed = await callRoute(list.GET, { token: admin });
    expect(JSON.stringify(listed.body)).not.toContain(password);

    const revoked = await callRoute(grants.DELETE, {
      token: admin,
      method: "DELETE",
      params: { id },
      query: { tenant_id: "rest-acme" },
    });
    expect(revoked.body).toMatchObject({ grants: [] });
    const after = await run("db_query('SELECT 1 AS x')", { tenantId: "rest-acme" });
    expect(after.error).toContain("当前任务没有可用的数据源");
    expect((await callRoute(one.DELETE, { token: admin, method: "DELETE", params: { id } })).status).toBe(
      200,
    );
    expect((await callRoute(one.DELETE, { token: admin, method: "DELETE", params: { id } })).status).toBe(
      404,
    );
  });
});
