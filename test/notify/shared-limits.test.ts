import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeDingtalk, startFakeWecomApi, type FakeDingtalk, type FakeWecomApi } from "../fakes";
import { db } from "@/server/db";
import { DbRobotRateLimiter } from "@/server/notify/rate-limiter";
import { sendRobotMessage, sendWecomAppMessage } from "@/server/notify/send";
import { WecomTokenCache } from "@/server/notify/wecom-app-client";
import { resetDb } from "../helpers/db";
import { allowLoopback } from "../helpers/net";

// Several instances on one database: robot rate limits and WeCom tokens go through the
// database. Two limiters / caches here stand for two processes (each has its own memory).
allowLoopback();

const WINDOW_MS = 1_200;
let dingtalk: FakeDingtalk;
let wecomApi: FakeWecomApi;
beforeAll(async () => {
  dingtalk = await startFakeDingtalk({
    robots: [{ token: "shared", secret: "SECshared" }],
    rateLimit: { windowMs: WINDOW_MS, lockMs: 600_000 },
  });
  wecomApi = await startFakeWecomApi({
    apps: [{ corpId: "ww-corp", secret: "app-secret", agentId: 1000002, users: ["zhangsan"], parties: [] }],
  });
});
afterAll(async () => {
  await dingtalk.close();
  await wecomApi.close();
});
beforeEach(async () => {
  await resetDb();
  wecomApi.reset();
});

describe("robot rate limit shared through the database", () => {
  it("two instances sending 15 messages each to one robot: all 30 arrive, none refused, ≤ 20 per window", async () => {
    const instances = [
      new DbRobotRateLimiter({ max: 20, windowMs: WINDOW_MS }),
      new DbRobotRateLimiter({ max: 20, windowMs: WINDOW_MS }),
    ];
    const target = {
      channelType: "dingtalk_bot" as const,
      webhookUrl: dingtalk.webhookUrl("shared"),
      signSecret: "SECshared",
    };
    const outcomes = await Promise.all(
      instances.flatMap((limiter, n) =>
        Array.from({ length: 15 }, (_, i) =>
          sendRobotMessage(target, `实例 ${n} 第 ${i + 1} 条`, { limiter, retry: { baseDelayMs: 5 } }),
        ),
      ),
    );
    expect(outcomes.every((o) => o.ok && o.attempts === 1)).toBe(true);
    const received = dingtalk.received.filter((r) => r.errcode === 0);
    expect(received).toHaveLength(30);
    expect(dingtalk.received.every((r) => r.errcode === 0)).toBe(true);
    for (const r of received) {
      const inWindow = received.filter((x) => x.at >= r.at && x.at < r.at + WINDOW_MS);
      expect(inWindow.length).toBeLessThanOrEqual(20);
    }
  });
});

describe("WeCom access token shared through the database", () => {
  it("a second instance uses the token the first fetched (stored encrypted), and refreshes it once when rejected", async () => {
    const app = { corpId: "ww-corp", agentId: 1000002, secret: "app-secret", toUser: "zhangsan" };
    const [one, two] = [new WecomTokenCache({ shared: true }), new WecomTokenCache({ shared: true })];
    const send = (tokens: WecomTokenCache) =>
      sendWecomAppMessage(app, "你好", { baseUrl: wecomApi.url, tokens, retry: { baseDelayMs: 5 } });
    expect((await send(one)).ok).toBe(true);
    expect((await send(two)).ok).toBe(true);
    expect(wecomApi.gettokenCalls()).toBe(1);
    const [row] = await db.wecomToken.findMany();
    expect(row!.accessToken.startsWith("v1:")).toBe(true);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});
