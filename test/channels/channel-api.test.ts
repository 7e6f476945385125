import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import * as collection from "@/app/api/notification-channels/route";
import * as item from "@/app/api/notification-channels/[id]/route";
import * as testRoute from "@/app/api/notification-channels/[id]/test/route";
import { db } from "@/server/db";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { createUser } from "@/server/services/users";
import { platformScope } from "@/server/auth/scope";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";
import { allowLoopback } from "../runs/run-helpers";

const SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

describe("notification channels", () => {
  let robot: FakeDingtalk;
  let a: Awaited<ReturnType<typeof tenantWithToken>>;
  let b: Awaited<ReturnType<typeof tenantWithToken>>;

  beforeAll(async () => {
    allowLoopback();
    robot = await startFakeDingtalk({ robots: [{ token: "robot-a", secret: SECRET }, { token: "robot-b" }] });
  });
  afterAll(() => robot.close());
  beforeEach(async () => {
    await resetDb();
    robot.reset();
    a = await tenantWithToken("tenant-a");
    b = await tenantWithToken("tenant-b");
  });

  const create = (token: string, body: Record<string, unknown>) =>
    callRoute(collection.POST, { token, body });
  const channelOf = (token: string, robotToken: string, extra: Record<string, unknown> = {}) =>
    create(token, {
      channel_name: "运营群",
      channel_type: "dingtalk_bot",
      webhook_url: robot.webhookUrl(robotToken),
      ...extra,
    });

  it("creates a channel with an encrypted sign_secret that no answer ever contains", async () => {
    const created = await channelOf(a.token, "robot-a", { sign_secret: SECRET });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenant_id: "tenant-a",
      channel_type: "dingtalk_bot",
      sign_secret_set: true,
      is_enabled: true,
    });
    const row = await db.notifyChannel.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.signSecret).not.toContain(SECRET);
    const answers = [
      created,
      await callRoute(collection.GET, { token: a.token }),
      await callRoute(item.GET, { token: a.token, params: { id: created.body.id } }),
      await callRoute(item.PUT, {
        token: a.token,
        method: "PUT",
        params: { id: created.body.id },
        body: { description: "新描述" },
      }),
    ];
    for (const res of answers) {
      expect(JSON.stringify(res.body)).not.toContain(SECRET.slice(3));
      expect(JSON.stringify(res.body)).not.toMatch(/"sign_secret"/);
    }
  });

  it("sends a signed test message through the strict fake robot", async () => {
    const created = await channelOf(a.token, "robot-a", { sign_secret: SECRET });
    const res = await callRoute(testRoute.POST, {
      token: a.token,
      params: { id: created.body.id },
      body: { content: "你好" },
    });
    expect(res.body).toMatchObject({ success: true, errcode: 0 });
    expect(robot.accepted()).toHaveLength(1);
  });

  it("explains a wrong signing secret in Chinese, without retrying it", async () => {
    const created = await channelOf(a.token, "robot-a", { sign_secret: "SECwrong" });
    const res = await callRoute(testRoute.POST, { token: a.token, params: { id: created.body.id } });
    expect(res.body).toMatchObject({ success: false, errcode: 310000 });
    expect(res.body.explanation).toMatch(/加签/);
    expect(robot.received).toHaveLength(1);
  });

  it.each([
    ["webhook_url", { webhook_url: "https://oapi.dingtalk.com/robot/send" }],
    ["webhook_url", { webhook_url: "http://example.com/robot/send?access_token=x" }],
    ["webhook_url", { webhook_url: "https://10.0.0.1/robot/send?access_token=x" }],
    ["channel_type", { channel_type: "slack" }],
    ["channel_name", { channel_name: "" }],
  ])("answers 400 naming %s and creates nothing", async (field, patch) => {
    const res = await channelOf(a.token, "robot-a", patch);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await db.notifyChannel.count()).toBe(0);
  });

  it("keeps tenant A away from tenant B's channels on every REST endpoint", async () => {
    const theirs = (await channelOf(b.token, "robot-b")).body;
    const params = { id: theirs.id };
    expect((await callRoute(item.GET, { token: a.token, params })).status).toBe(404);
    expect(
      (await callRoute(item.PUT, { token: a.token, method: "PUT", params, body: { channel_name: "x" } }))
        .status,
    ).toBe(404);
    expect((await callRoute(item.DELETE, { token: a.token, method: "DELETE", params })).status).toBe(404);
    expect((await callRoute(testRoute.POST, { token: a.token, params })).status).toBe(404);
    expect((await callRoute(collection.GET, { token: a.token })).body).toMatchObject({ items: [], total: 0 });
    expect(robot.received).toHaveLength(0);
    expect((await db.notifyChannel.findUniqueOrThrow({ where: { id: theirs.id } })).channelName).toBe(
      "运营群",
    );
  });

  it("keeps tenant A away from tenant B's channels through tRPC too", async () => {
    const theirs = (await channelOf(b.token, "robot-b")).body;
    await createUser({
      scope: platformScope(),
      input: { email: "ops@a.test", role: "tenant_admin", tenant_id: "tenant-a" },
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ops@a.test" } });
    const caller = createCaller(createContext({ user: { id: user.id, email: user.email } }));
    const notFound = (p: Promise<unknown>) =>
      expect(p).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND");
    await notFound(caller.channels.get({ id: theirs.id }));
    await notFound(caller.channels.update({ id: theirs.id, data: { channel_name: "x" } }));
    await notFound(caller.channels.delete({ id: theirs.id }));
    await notFound(caller.channels.test({ id: theirs.id }));
    expect((await caller.channels.list()).items).toEqual([]);
  });

  it("refuses to delete a channel a task still uses, naming the task (409)", async () => {
    const channel = (await channelOf(a.token, "robot-a")).body;
    const task = await db.scheduledTask.create({
      data: { tenantId: "tenant-a", taskName: "日报任务", notifyChannels: [channel.id] },
    });
    const res = await callRoute(item.DELETE, {
      token: a.token,
      method: "DELETE",
      params: { id: channel.id },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("日报任务");
    expect(res.body.error.details[0].path).toBe(`tasks.${task.id}`);
    await db.scheduledTask.delete({ where: { id: task.id } });
    expect(
      (await callRoute(item.DELETE, { token: a.token, method: "DELETE", params: { id: channel.id } })).body,
    ).toEqual({ success: true });
  });

  it("clears the secret with null and keeps it when omitted", async () => {
    const channel = (await channelOf(a.token, "robot-a", { sign_secret: SECRET })).body;
    const kept = await callRoute(item.PUT, {
      token: a.token,
      method: "PUT",
      params: { id: channel.id },
      body: { channel_name: "改名" },
    });
    expect(kept.body).toMatchObject({ channel_name: "改名", sign_secret_set: true });
    const cleared = await callRoute(item.PUT, {
      token: a.token,
      method: "PUT",
      params: { id: channel.id },
      body: { sign_secret: null },
    });
    expect(cleared.body.sign_secret_set).toBe(false);
  });
});
