import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mysql from "mysql2/promise";
import { firstAdminPassword, platformToken, tearDown } from "./helpers/console";
import { dropDemoBusiness, signIn, startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_start";

// The README's promise: on a fresh machine `npm start` creates and migrates the database, seeds
// the demo tenant, the first admin and the demo task, and serves the console you can sign in to.
describe("npm start on an empty database", () => {
  let app: StartedApp;

  beforeAll(async () => {
    app = await startApp({ database: DATABASE });
  });

  afterAll(async () => {
    await tearDown(DATABASE, app);
    await dropDemoBusiness(DATABASE);
  });

  it("answers ok on /api/health with the embedded scheduler", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(await res.json()).toEqual({
      status: "ok",
      db: "ok",
      scheduler: "embedded",
      data_sources: { status: "ok", problems: [] },
    });
  });

  it("the demo task 销售日报 reads real rows from its demo data source (SELECT-only user)", async () => {
    expect(app.output()).toContain("Demo data source demo_business created");
    const token = platformToken(app);
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const conn = await mysql.createConnection(app.databaseUrl);
    const [[task]] = (await conn.query(
      "SELECT id FROM platform_scheduled_tasks WHERE tenant_id = 'demo' AND task_name = '销售日报'",
    )) as unknown as [{ id: number }[]];
    await conn.end();
    const run = await fetch(`${app.url}/api/scheduled-tasks/${task!.id}/run`, {
      method: "POST",
      headers,
      body: "{}",
    });
    expect(run.status).toBe(202);
    const { trace_id } = (await run.json()) as { trace_id: string };
    let log: { status: string; result: { content?: string } | null; error: string | null } | undefined;
    for (let i = 0; i < 60 && (!log || log.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await fetch(`${app.url}/api/scheduled-tasks/${task!.id}/logs?trace_id=${trace_id}`, {
        headers,
      });
      log = ((await res.json()) as { items: NonNullable<typeof log>[] }).items[0];
    }
    expect(log?.error ?? null).toBeNull();
    expect(log?.status).toBe("success");
    expect(log?.result?.content).toContain("| 华东 | ¥");
  });

  it("seeded the demo tenant, the first admin and the demo script task", async () => {
    const conn = await mysql.createConnection(app.databaseUrl);
    try {
      const [tenants] = await conn.query("SELECT tenant_id FROM platform_tenants");
      expect(tenants).toEqual([{ tenant_id: "demo" }]);
      const [tasks] = await conn.query(
        "SELECT task_name, execution_type, notify_channels FROM platform_scheduled_tasks",
      );
      expect(tasks).toMatchObject([{ task_name: "销售日报", execution_type: "script" }]);
      const [migrations] = await conn.query(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL",
      );
      expect((migrations as unknown[]).length).toBeGreaterThan(0);
    } finally {
      await conn.end();
    }
  });

  it("lets you sign in as the printed admin and see who you are", async () => {
    const password = firstAdminPassword(app);
    expect(password, app.output()).toBeTruthy();

    expect(await signIn(app.url, "admin@example.com", "wrong-password")).toBeNull();
    const cookie = await signIn(app.url, "admin@example.com", password);
    expect(cookie).toBeTruthy();

    const me = await fetch(`${app.url}/api/trpc/me.get`, { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      result: { data: { json: { user: { email: string }; isPlatformAdmin: boolean } } };
    };
    expect(body.result.data.json).toMatchObject({
      user: { email: "admin@example.com" },
      isPlatformAdmin: true,
    });

    const console = await fetch(`${app.url}/`, { headers: { cookie: cookie! }, redirect: "manual" });
    expect(console.status).toBe(200);
    expect(await console.text()).toContain("admin@example.com");
  });

  it("sends visitors without a session to the login page", async () => {
    const res = await fetch(`${app.url}/`, { redirect: "manual" });
    expect([302, 303, 307]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/\/login/);
    const unauthorized = await fetch(`${app.url}/api/trpc/me.get`);
    expect(unauthorized.status).toBe(401);
  });
});
