import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { sendRobotMessage } from "@/server/notify/send";
import { fastOptions } from "./notify-helpers";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;
beforeAll(async () => {
  dingtalk = await startFakeDingtalk({ robots: [{ token: "t" }] });
  wecom = await startFakeWecomRobot({ keys: ["k"] });
});
afterAll(async () => {
  await dingtalk.close();
  await wecom.close();
});
beforeEach(() => {
  dingtalk.reset();
  wecom.reset();
});

const dt = () => ({ channelType: "dingtalk_bot" as const, webhookUrl: dingtalk.webhookUrl("t") });
const wc = () => ({ channelType: "wecom_bot" as const, webhookUrl: wecom.webhookUrl("k") });

describe("transient failures are retried", () => {
  it("5xx twice, then OK → delivered once, after three attempts", async () => {
    dingtalk.failNext(2, { status: 502 });
    const outcome = await sendRobotMessage(dt(), "重要通知", fastOptions());
    expect(outcome).toEqual({ ok: true, errcode: 0, errmsg: "ok", attempts: 3, messages: 1 });
    expect(dingtalk.received.map((r) => r.status)).toEqual([502, 502, 200]);
    expect(dingtalk.accepted()).toHaveLength(1);
  });

  it("rate-limit errcodes (130101, 410100, 45009) and system busy (-1) are retried", async () => {
    dingtalk.failNext(1, { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" });
    dingtalk.failNext(1, { errcode: 410100, errmsg: "发送速度太快而限流" });
    dingtalk.failNext(1, { errcode: -1, errmsg: "系统繁忙" });
    expect(await sendRobotMessage(dt(), "x", fastOptions())).toMatchObject({ ok: true, attempts: 4 });
    wecom.failNext(2, { errcode: 45009, errmsg: "api freq out of limit" });
    expect(await sendRobotMessage(wc(), "x", fastOptions())).toMatchObject({ ok: true, attempts: 3 });
  });

  it("a timeout is retried", async () => {
    wecom.failNext(1, { delayMs: 400 });
    const outcome = await sendRobotMessage(wc(), "x", fastOptions({ timeoutMs: 100 }));
    expect(outcome).toMatchObject({ ok: true, attempts: 2, messages: 1 });
  });

  it("gives up after maxAttempts and says why", async () => {
    dingtalk.failNext(10, { status: 503 });
    const outcome = await sendRobotMessage(
      dt(),
      "x",
      fastOptions({ retry: { maxAttempts: 3, baseDelayMs: 5 } }),
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 3, messages: 0 });
    expect(outcome.explanation).toBe("机器人接口暂时不可用（HTTP 503）");
  });

  it("a network error (nothing listening) is retried, then reported", async () => {
    const closed = await startFakeWecomRobot({ keys: ["k"] });
    const url = closed.webhookUrl("k");
    await closed.close();
    const outcome = await sendRobotMessage(
      { channelType: "wecom_bot", webhookUrl: url },
      "x",
      fastOptions({ retry: { maxAttempts: 2, baseDelayMs: 5 } }),
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 2, messages: 0 });
    expect(outcome.explanation).toContain("网络错误");
  });
});

describe("permanent failures are not retried", () => {
  it("an unknown WeCom key (93000) → one attempt, explained", async () => {
    const outcome = await sendRobotMessage(
      { channelType: "wecom_bot", webhookUrl: wecom.webhookUrl("gone") },
      "x",
      fastOptions(),
    );
    expect(outcome).toMatchObject({ ok: false, errcode: 93000, attempts: 1 });
    expect(outcome.explanation).toContain("Webhook 地址无效");
    expect(wecom.received).toHaveLength(1);
  });

  it("a long message stops at the first part that fails for good", async () => {
    const long = Array.from({ length: 600 }, (_, i) => `第 ${i} 行：一些中文内容`).join("\n");
    wecom.failNext(1, { errcode: 40058, errmsg: "invalid Request Parameter" }, 1);
    const outcome = await sendRobotMessage(wc(), long, fastOptions());
    expect(outcome).toMatchObject({ ok: false, errcode: 40058, attempts: 2, messages: 1 });
    expect(outcome.explanation).toMatch(/（第 2\/\d+ 条）$/);
    expect(wecom.received).toHaveLength(2);
  });

  it("a webhook that is not a URL is refused without sending", async () => {
    const outcome = await sendRobotMessage(
      { channelType: "wecom_bot", webhookUrl: "not a url" },
      "x",
      fastOptions(),
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 0, messages: 0 });
    expect(outcome.explanation).toContain("Webhook 地址无效");
  });
});

describe("explanations", () => {
  it("quote WeCom's own reason without its hint and URL", async () => {
    const outcome = await sendRobotMessage(wc(), { msg_type: "text", content: "x" }, fastOptions());
    expect(outcome.ok).toBe(true);
    wecom.failNext(1, {
      errcode: 40058,
      errmsg:
        "markdown.content exceed max length 4096. invalid Request Parameter, hint: [1], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=40058",
    });
    const failed = await sendRobotMessage(wc(), "x", fastOptions());
    expect(failed.explanation).toBe(
      "消息字段超长或参数不合法：markdown.content exceed max length 4096. invalid Request Parameter",
    );
  });
});
