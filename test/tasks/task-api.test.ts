import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/scheduled-tasks/route";
import * as item from "@/app/api/scheduled-tasks/[id]/route";
import * as toggle from "@/app/api/scheduled-tasks/[id]/toggle/route";
import * as logs from "@/app/api/scheduled-tasks/[id]/logs/route";
import * as preview from "@/app/api/scheduled-tasks/preview-schedule/route";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { platformToken, tenantWithToken } from "../helpers/tenants";

const validTask = {
  task_name: "早报",
  schedule_type: "simple",
  time_points: ["12:00", "08:00", "08:00"],
  timezone: "Asia/Shanghai",
  execution_type: "script",
  script_content: "result = { content: 'hi' }",
  input_params: { prompt: "你好" },
};

describe("scheduled tasks over REST", () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;
  let b: Awaited<ReturnType<typeof tenantWithToken>>;

  beforeEach(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
    b = await tenantWithToken("tenant-b");
  });

  const create = (token: string, body: unknown) => callRoute(collection.POST, { token, body });

  it("creates a task: 201, time points sorted without duplicates, next_run_at at the next time point", async () => {
    const before = Date.now();
    const res = await create(a.token, validTask);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      tenant_id: "tenant-a",
      task_name: "早报",
      time_points: ["08:00", "12:00"],
      input_params: { prompt: "你好" },
      is_enabled: true,
      alert_on_failure: false,
      retry_count: 0,
      retry_interval: 60,
      version: 1,
    });
    const next = new Date(res.body.next_run_at);
    expect(next.getTime()).toBeGreaterThan(before);
    // 08:00 or 12:00 in Shanghai (UTC+8) is 00:00 or 04:00 UTC, within the next 24 hours.
    expect([0, 4]).toContain(next.getUTCHours());
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getTime() - before).toBeLessThanOrEqual(24 * 3600_000);
  });

  it.each([
    ["cron_expression", { schedule_type: "cron", cron_expression: "61 * * * *" }],
    ["time_points.0", { time_points: ["25:00"] }],
    ["timezone", { timezone: "Mars/Olympus_Mons" }],
    ["webhook_url", { execution_type: "webhook", webhook_url: "ftp://example.com/hook" }],
    ["webhook_url", { execution_type: "webhook", webhook_url: undefined }],
    ["script_content", { script_content: "   " }],
    // Alerting needs somewhere to go: alert channels, alert_webhook or the tenant's default channel.
    ["alert_channels", { alert_on_failure: true }],
    ["retry_count", { retry_count: 11 }],
    ["retry_interval", { retry_interval: 0 }],
    ["task_name", { task_name: "x".repeat(101) }],
  ])("answers 400 naming %s and creates nothing", async (field, patch) => {
    const res = await create(a.token, { ...validTask, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await db.scheduledTask.count()).toBe(0);
  });

  it("refuses notify_channels of another tenant", async () => {
    const theirs = await db.notifyChannel.create({
      data: {
        tenantId: "tenant-b",
        channelName: "b",
        channelType: "wecom_bot",
        webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
      },
    });
    const res = await create(a.token, { ...validTask, notify_channels: [theirs.id] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("notify_channels.0");
  });

  it("keeps tenants apart on every endpoint: 404 for the other tenant's task, nothing changed", async () => {
    const theirs = (await create(b.token, validTask)).body;
    const params = { id: theirs.id };
    expect((await callRoute(item.GET, { token: a.token, params })).status).toBe(404);
    expect(
      (await callRoute(item.PUT, { token: a.token, params, method: "PUT", body: { task_name: "mine now" } }))
        .status,
    ).toBe(404);
    expect((await callRoute(toggle.POST, { token: a.token, params, method: "POST" })).status).toBe(404);
    expect((await callRoute(logs.GET, { token: a.token, params })).status).toBe(404);
    expect((await callRoute(item.DELETE, { token: a.token, params, method: "DELETE" })).status).toBe(404);
    const list = await callRoute(collection.GET, { token: a.token, query: { tenant_id: "tenant-b" } });
    expect(list.body).toMatchObject({ items: [], total: 0 });
    const row = await db.scheduledTask.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(row).toMatchObject({ taskName: "早报", isEnabled: true, version: 1 });
  });

  it("lets a tenant create only in its own tenant; a platform token creates global and tenant tasks", async () => {
    expect((await create(a.token, { ...validTask, tenant_id: "tenant-b" })).status).toBe(403);
    const platform = await platformToken();
    const global = await create(platform, validTask);
    expect(global.body.tenant_id).toBeNull();
    const forB = await create(platform, { ...validTask, tenant_id: "tenant-b" });
    expect(forB.body.tenant_id).toBe("tenant-b");
    const all = await callRoute(collection.GET, { token: platform });
    expect(all.body.total).toBe(2);
    const onlyB = await callRoute(collection.GET, { token: platform, query: { tenant_id: "tenant-b" } });
    expect(onlyB.body.items.map((t: { id: number }) => t.id)).toEqual([forB.body.id]);
  });

  it("filters and pages the list", async () => {
    for (let i = 0; i < 3; i++) await create(a.token, { ...validTask, task_name: `日报 ${i}` });
    await create(a.token, { ...validTask, task_name: "周报", is_enabled: false });
    const page = await callRoute(collection.GET, {
      token: a.token,
      query: { page: "1", page_size: "2", keyword: "日报" },
    });
    expect(page.body).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect(page.body.items).toHaveLength(2);
    const disabled = await callRoute(collection.GET, { token: a.token, query: { is_enabled: "0" } });
    expect(disabled.body.items.map((t: { task_name: string }) => t.task_name)).toEqual(["周报"]);
    expect((await callRoute(collection.GET, { token: a.token, query: { page_size: "500" } })).status).toBe(
      400,
    );
  });

  it("updates partially with optimistic locking: a stale version gets 409 and changes nothing", async () => {
    const task = (await create(a.token, validTask)).body;
    const params = { id: task.id };
    const ok = await callRoute(item.PUT, {
      token: a.token,
      params,
      method: "PUT",
      body: { task_name: "午报", version: 1 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ task_name: "午报", version: 2, time_points: ["08:00", "12:00"] });
    const stale = await callRoute(item.PUT, {
      token: a.token,
      params,
      method: "PUT",
      body: { task_name: "晚报", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).taskName).toBe("午报");
    const bad = await callRoute(item.PUT, {
      token: a.token,
      params,
      method: "PUT",
      body: { time_points: ["24:61"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("time_points.0");
  });

  it("switching to cron clears the time points and moves next_run_at", async () => {
    const task = (await create(a.token, validTask)).body;
    const res = await callRoute(item.PUT, {
      token: a.token,
      params: { id: task.id },
      method: "PUT",
      body: { schedule_type: "cron", cron_expression: "*/5 * * * *" },
    });
    expect(res.status).toBe(200);
    expect(res.body.time_points).toBeNull();
    expect(new Date(res.body.next_run_at).getUTCMinutes() % 5).toBe(0);
  });

  it("toggles: disabling clears next_run_at, enabling sets it again", async () => {
    const task = (await create(a.token, validTask)).body;
    const off = await callRoute(toggle.POST, { token: a.token, params: { id: task.id }, method: "POST" });
    expect(off.body).toMatchObject({ is_enabled: false, next_run_at: null });
    const on = await callRoute(toggle.POST, {
      token: a.token,
      params: { id: task.id },
      body: { is_enabled: 1 },
    });
    expect(on.body.is_enabled).toBe(true);
    expect(on.body.next_run_at).not.toBeNull();
  });

  it("deletes a task with its variables and logs", async () => {
    const task = (await create(a.token, validTask)).body;
    await db.scriptVar.create({ data: { taskId: task.id, varKey: "k", varValue: 1 } });
    const res = await callRoute(item.DELETE, { token: a.token, params: { id: task.id }, method: "DELETE" });
    expect(res.body).toEqual({ success: true });
    expect(await db.scheduledTask.count()).toBe(0);
    expect(await db.scriptVar.count()).toBe(0);
  });

  it("previews a schedule with fire times in the task's offset and a Chinese description", async () => {
    const res = await callRoute(preview.POST, {
      token: a.token,
      body: {
        schedule_type: "simple",
        time_points: ["08:00"],
        timezone: "Asia/Shanghai",
        from: "2026-12-01T00:00:00+08:00",
        count: 2,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.fire_times).toEqual(["2026-12-01T08:00:00+08:00", "2026-12-02T08:00:00+08:00"]);
    expect(res.body.description).toMatch(/08:00/);
    const bad = await callRoute(preview.POST, {
      token: a.token,
      body: { schedule_type: "cron", cron_expression: "nope" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("cron_expression");
  });
});
