import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeWecomApi, type FakeWecomApi } from "../fakes";
import { sendWecomAppMessage, type WecomAppSendOptions } from "@/server/notify/send";
import { WecomTokenCache } from "@/server/notify/wecom-app-client";
import { utf8Bytes } from "@/server/notify/text-bytes";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

const app = {
  corpId: "ww-corp",
  agentId: 1000002,
  secret: "app-secret",
  toUser: "zhangsan|lisi",
  toParty: "2",
};

let fake: FakeWecomApi;
let tokens: WecomTokenCache;
beforeAll(async () => {
  fake = await startFakeWecomApi({
    apps: [
      {
        corpId: "ww-corp",
        secret: "app-secret",
        agentId: 1000002,
        users: ["zhangsan", "lisi"],
        parties: ["2"],
      },
    ],
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  tokens = new WecomTokenCache();
});

const opts = (): WecomAppSendOptions => ({ baseUrl: fake.url, tokens, retry: { baseDelayMs: 5 } });

describe("WeCom application messages", () => {
  it("sends to the app's default recipients with its agent id", async () => {
    const outcome = await sendWecomAppMessage(app, { title: "日报", content: "**完成**" }, opts());
    expect(outcome).toEqual({ ok: true, errcode: 0, errmsg: "ok", attempts: 1, messages: 1 });
    const [sent] = fake.accepted();
    expect(sent!.body).toEqual({
      touser: "zhangsan|lisi",
      toparty: "2",
      totag: "",
      msgtype: "markdown",
      markdown: { content: "**日报**\n\n**完成**" },
      agentid: 1000002,
      safe: 0,
      enable_duplicate_check: 0,
    });
  });

  it("caches the access token across messages", async () => {
    for (let i = 0; i < 3; i++) expect((await sendWecomAppMessage(app, `第 ${i} 条`, opts())).ok).toBe(true);
    expect(fake.gettokenCalls()).toBe(1);
    expect(new Set(fake.accepted().map((r) => r.query.access_token)).size).toBe(1);
  });

  it("a token invalidated early (42001) is refreshed once and the message goes out", async () => {
    expect((await sendWecomAppMessage(app, "第一条", opts())).ok).toBe(true);
    fake.expireTokens();
    const outcome = await sendWecomAppMessage(app, "第二条", opts());
    expect(outcome).toMatchObject({ ok: true, errcode: 0, messages: 1, attempts: 2 });
    expect(fake.gettokenCalls()).toBe(2);
    expect(fake.sends().map((r) => r.errcode)).toEqual([0, 42001, 0]);
    const [first, , third] = fake.sends();
    expect(third!.query.access_token).not.toBe(first!.query.access_token);
  });

  it("fetches a new token before the old one's lifetime ends", async () => {
    const shortLived = await startFakeWecomApi({
      apps: [{ corpId: "c", secret: "s", agentId: 1 }],
      tokenLifetimeSeconds: 1,
    });
    try {
      const target = { corpId: "c", secret: "s", agentId: 1, toUser: "@all" };
      const o = { baseUrl: shortLived.url, tokens: new WecomTokenCache(), retry: { baseDelayMs: 5 } };
      expect((await sendWecomAppMessage(target, "a", o)).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await sendWecomAppMessage(target, "b", o)).ok).toBe(true);
      expect(shortLived.gettokenCalls()).toBe(2);
      expect(shortLived.sends().map((r) => r.errcode)).toEqual([0, 0]);
    } finally {
      await shortLived.close();
    }
  });

  it("markdown is split at the app's 2048-byte limit", async () => {
    const text = "应用消息内容。\n".repeat(300);
    const outcome = await sendWecomAppMessage(app, text, opts());
    expect(outcome.ok).toBe(true);
    const parts = fake.accepted().map((r) => (r.body as { markdown: { content: string } }).markdown.content);
    expect(parts.length).toBe(outcome.messages);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(2048);
  });

  it("a wrong secret is explained and nothing is sent", async () => {
    const outcome = await sendWecomAppMessage({ ...app, secret: "wrong" }, "x", opts());
    expect(outcome).toMatchObject({ ok: false, errcode: 40001, attempts: 0, messages: 0 });
    expect(outcome.explanation).toContain("应用 Secret 无效");
    expect(fake.sends()).toHaveLength(0);
  });

  it("no recipients → 82001, explained, not retried", async () => {
    const outcome = await sendWecomAppMessage(
      { corpId: "ww-corp", agentId: 1000002, secret: "app-secret" },
      "x",
      opts(),
    );
    expect(outcome).toMatchObject({ ok: false, errcode: 82001, attempts: 1 });
    expect(outcome.explanation).toContain("接收人为空");
  });

  it("a wrong agent id → 40056, explained", async () => {
    const outcome = await sendWecomAppMessage({ ...app, agentId: 9 }, "x", opts());
    expect(outcome).toMatchObject({ ok: false, errcode: 40056, attempts: 1 });
    expect(outcome.explanation).toContain("AgentId");
  });

  it("a 5xx from message/send is retried", async () => {
    await sendWecomAppMessage(app, "warm the token", opts());
    fake.failNext(2, { status: 503 });
    const outcome = await sendWecomAppMessage(app, "x", opts());
    expect(outcome).toMatchObject({ ok: true, attempts: 3, messages: 1 });
  });
});
