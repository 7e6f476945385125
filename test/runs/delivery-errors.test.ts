import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as channelTest from "@/app/api/notification-channels/[id]/test/route";
import { db } from "@/server/db";
import { localRunner, resetLocalRunner } from "@/server/runs/local-runner";
import { runTaskNow } from "@/server/runs/manual-run";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { platformToken } from "../helpers/tenants";
import { allowLoopback, logsOf, makeChannel, makeTask, makeTenant } from "./run-helpers";

// Nothing a run touches may leave it `running`: a channel that cannot be used (a sign_secret
// still in plaintext, one that does not decrypt, a URL that is not a robot's) fails on its own
// delivery entry, the other channels still get the message, and a channel test explains it (4xx).

const SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

describe("delivery errors stay on their channel", () => {
  let wecom: FakeWecomRobot;
  let dingtalk: FakeDingtalk;

  beforeAll(async () => {
    allowLoopback();
    resetLocalRunner();
    localRunner({ concurrency: 2, flow: { deliveryRounds: 2, deliveryRetrySeconds: 1 } });
    wecom = await startFakeWecomRobot();
    dingtalk = await startFakeDingtalk({ robots: [{ token: "signed", secret: SECRET }] });
  });
  afterAll(async () => {
    await wecom.close();
    await dingtalk.close();
  });
  beforeEach(async () => {
    await resetDb();
    wecom.reset();
    dingtalk.reset();
  });

  async function brokenChannels(scope: Awaited<ReturnType<typeof makeTenant>>) {
    const plain = await makeChannel(scope, {
      channel_name: "明文密钥",
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl("signed"),
      sign_secret: SECRET,
    });
    const garbled = await makeChannel(scope, {
      channel_name: "坏密钥",
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl("signed"),
      sign_secret: SECRET,
    });
    const badUrl = await makeChannel(scope, {
      channel_name: "坏地址",
      channel_type: "wecom_bot",
      webhook_url: wecom.webhookUrl(),
    });
    // As the original system left them, or as a changed APP_SECRET leaves them.
    await db.notifyChannel.update({ where: { id: plain.id }, data: { signSecret: SECRET } });
    await db.notifyChannel.update({
      where: { id: garbled.id },
      data: { signSecret: "v1:" + Buffer.alloc(40, 7).toString("base64") },
    });
    await db.notifyChannel.update({ where: { id: badUrl.id }, data: { webhookUrl: "not a url" } });
    return { plain, garbled, badUrl };
  }

  it("a run with broken channels finishes, records each failure on its channel and still delivers to the good one", async () => {
    const scope = await makeTenant();
    const { plain, garbled, badUrl } = await brokenChannels(scope);
    const good = await makeChannel(scope, {
      channel_name: "好群",
      channel_type: "wecom_bot",
      webhook_url: wecom.webhookUrl(),
    });
    const task = await makeTask(scope, {
      script_content: "result = { title: '日报', content: '今日一切正常' }",
      notify_channels: [plain.id, garbled.id, badUrl.id, good.id],
    });
    const { log_id } = await runTaskNow({ scope, id: task.id });
    await localRunner().idle();

    const [log] = await logsOf(task.id);
    expect(log!.id).toBe(log_id);
    expect(log!.status).not.toBe("running");
    expect(log!.finishedAt).not.toBeNull();
    const deliveries = log!.deliveries as { id: number; ok: boolean; errcode: number; explanation: string }[];
    const byId = new Map(deliveries.map((d) => [d.id, d]));
    expect(byId.get(plain.id)).toMatchObject({ ok: false, errcode: -8 });
    expect(byId.get(plain.id)!.explanation).toMatch(/明文/);
    expect(byId.get(garbled.id)).toMatchObject({ ok: false, errcode: -8 });
    expect(byId.get(garbled.id)!.explanation).toMatch(/无法解密/);
    expect(byId.get(badUrl.id)).toMatchObject({ ok: false });
    expect(byId.get(good.id)).toMatchObject({ ok: true, errcode: 0 });
    // The good channel got the message exactly once; the broken ones were not retried.
    expect(wecom.accepted()).toHaveLength(1);
    expect(JSON.stringify(wecom.accepted()[0]!.body)).toContain("今日一切正常");
    expect(dingtalk.received).toHaveLength(0);
    expect(log!.error).toMatch(/明文/);
    const after = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after.lastRunStatus).not.toBe("running");
  });

  it("a channel test of a broken channel answers 4xx naming the problem, never 500", async () => {
    const scope = await makeTenant();
    const { plain, garbled, badUrl } = await brokenChannels(scope);
    const token = await platformToken();
    for (const [channel, pattern] of [
      [plain, /plaintext/],
      [garbled, /cannot be decrypted/],
    ] as const) {
      const res = await callRoute(channelTest.POST, { token, params: { id: channel.id }, body: {} });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("sign_secret");
      expect(res.body.error.message).toMatch(pattern);
    }
    const bad = await callRoute(channelTest.POST, { token, params: { id: badUrl.id }, body: {} });
    expect(bad.status).toBeLessThan(500);
    expect(JSON.stringify(bad.body)).toMatch(/URL|url|地址/);
  });
});
