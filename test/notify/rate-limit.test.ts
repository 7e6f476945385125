import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { RobotRateLimiter } from "@/server/notify/rate-limiter";
import { sendRobotMessage } from "@/server/notify/send";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

// Robots allow 20 messages per minute and lock a robot that exceeds it (DingTalk: 10 minutes).
// The fakes enforce that with a short window; the limiter must queue, never trip the lock.

const WINDOW_MS = 1_200;

let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;
beforeAll(async () => {
  dingtalk = await startFakeDingtalk({
    robots: [{ token: "busy", secret: "SECbusy" }],
    rateLimit: { windowMs: WINDOW_MS, lockMs: 600_000 },
  });
  wecom = await startFakeWecomRobot({ keys: ["busy"], rateLimit: { windowMs: WINDOW_MS } });
});
afterAll(async () => {
  await dingtalk.close();
  await wecom.close();
});

describe("25 messages in a burst to one robot", () => {
  it.each([
    [
      "DingTalk",
      () => ({
        channelType: "dingtalk_bot" as const,
        webhookUrl: dingtalk.webhookUrl("busy"),
        signSecret: "SECbusy",
      }),
      () => dingtalk,
    ],
    [
      "WeCom",
      () => ({ channelType: "wecom_bot" as const, webhookUrl: wecom.webhookUrl("busy") }),
      () => wecom,
    ],
  ])("%s: all 25 arrive, none refused, the 21st only after the window", async (_name, target, fake) => {
    const limiter = new RobotRateLimiter({ max: 20, windowMs: WINDOW_MS });
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        sendRobotMessage(target(), `第 ${i + 1} 条`, { limiter, retry: { baseDelayMs: 5 } }),
      ),
    );
    expect(outcomes.every((o) => o.ok && o.attempts === 1)).toBe(true);
    const received = fake().received;
    expect(received.map((r) => r.errcode)).toEqual(Array(25).fill(0));
    const contents = received.map((r) => JSON.stringify(r.body));
    expect(contents[20]).toContain("第 21 条");
    expect(received[20]!.at - received[0]!.at).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(received[19]!.at - received[0]!.at).toBeLessThan(WINDOW_MS);
  });
});

describe("the fake's throttle (what the limiter protects against)", () => {
  it("the 21st message within the window is refused with 130101 and the robot stays locked", async () => {
    const fake = await startFakeDingtalk({
      robots: [{ token: "t" }],
      rateLimit: { windowMs: 60_000, lockMs: 600_000 },
    });
    try {
      const post = () =>
        fetch(fake.webhookUrl("t"), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: '{"msgtype":"text","text":{"content":"x"}}',
        }).then((r) => r.json() as Promise<{ errcode: number }>);
      for (let i = 0; i < 20; i++) expect((await post()).errcode).toBe(0);
      expect((await post()).errcode).toBe(130101);
      expect((await post()).errcode).toBe(130101);
    } finally {
      await fake.close();
    }
  });
});

describe("RobotRateLimiter", () => {
  it("keeps robots apart: a busy robot does not delay another", async () => {
    const limiter = new RobotRateLimiter({ max: 2, windowMs: 10_000 });
    for (let i = 0; i < 2; i++) (await limiter.acquire("a"))();
    const started = Date.now();
    (await limiter.acquire("b"))();
    expect(Date.now() - started).toBeLessThan(100);
  });
});
