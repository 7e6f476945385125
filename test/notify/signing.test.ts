import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { dingtalkSign, signDingtalkUrl } from "@/server/notify/dingtalk-sign";
import { explainRobotError } from "@/server/notify/robot-errors";
import { sendMarkdown, sendRobotMessage } from "@/server/notify/send";
import { fastOptions } from "./notify-helpers";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

describe("DingTalk 加签", () => {
  it("matches the test vector of robot-apis.md §1.2", () => {
    expect(dingtalkSign("SEC0123456789abcdef", 1700000000000)).toBe(
      "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=",
    );
    const url = signDingtalkUrl(
      "https://oapi.dingtalk.com/robot/send?access_token=abc",
      "SEC0123456789abcdef",
      1700000000000,
    );
    expect(url).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D",
    );
  });

  it("replaces a stale timestamp and sign already in the URL", () => {
    const url = signDingtalkUrl(
      "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=old",
      "SECx",
      1700000000000,
    );
    expect(new URL(url).searchParams.getAll("timestamp")).toEqual(["1700000000000"]);
    expect(new URL(url).searchParams.getAll("sign")).toEqual([dingtalkSign("SECx", 1700000000000)]);
  });
});

describe("signed delivery against the strict fake", () => {
  let fake: FakeDingtalk;
  beforeAll(async () => {
    fake = await startFakeDingtalk({
      robots: [
        { token: "signed", secret: "SECright0123456789" },
        { token: "keyword", keywords: ["日报"] },
      ],
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it("signs every send afresh, so a sequence of messages all pass", async () => {
    const target = {
      channelType: "dingtalk_bot" as const,
      webhookUrl: fake.webhookUrl("signed"),
      signSecret: "SECright0123456789",
    };
    for (let i = 0; i < 3; i++)
      expect((await sendMarkdown(target, `第 ${i} 条`, "测试", fastOptions())).ok).toBe(true);
    const stamps = fake.accepted().map((r) => Number(r.query.timestamp));
    expect(stamps).toHaveLength(3);
    for (const ts of stamps) expect(Math.abs(Date.now() - ts)).toBeLessThan(60_000);
  });

  it("a wrong secret fails with 310000, one attempt and a Chinese explanation", async () => {
    const outcome = await sendRobotMessage(
      {
        channelType: "dingtalk_bot",
        webhookUrl: fake.webhookUrl("signed"),
        signSecret: "SECwrong0000000000",
      },
      "hello",
      fastOptions(),
    );
    expect(outcome).toMatchObject({
      ok: false,
      errcode: 310000,
      explanation: "加签校验失败：请检查渠道的加签密钥是否与钉钉机器人安全设置中的一致",
      attempts: 1,
      messages: 0,
    });
    expect(outcome.errmsg).toContain("sign not match");
    expect(fake.received).toHaveLength(1);
  });

  it("a missing secret on a signed robot is refused the same way", async () => {
    const outcome = await sendRobotMessage(
      { channelType: "dingtalk_bot", webhookUrl: fake.webhookUrl("signed") },
      "hello",
      fastOptions(),
    );
    expect(outcome).toMatchObject({ ok: false, errcode: 310000, attempts: 1 });
  });

  it("the fake refuses a signature older than one hour", async () => {
    const stale = signDingtalkUrl(fake.webhookUrl("signed"), "SECright0123456789", Date.now() - 3_600_001);
    const res = await fetch(stale, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"msgtype":"text","text":{"content":"x"}}',
    });
    const body = (await res.json()) as { errcode: number; errmsg: string };
    expect(body.errcode).toBe(310000);
    expect(explainRobotError("dingtalk_bot", body.errcode, body.errmsg)).toContain("时间戳");
  });

  it("a message without the robot's keyword is refused and explained", async () => {
    const target = { channelType: "dingtalk_bot" as const, webhookUrl: fake.webhookUrl("keyword") };
    const refused = await sendRobotMessage(target, "今天的数据", fastOptions());
    expect(refused).toMatchObject({ ok: false, errcode: 310000, attempts: 1 });
    expect(refused.explanation).toContain("关键词");
    expect(
      (await sendRobotMessage(target, { title: "销售日报", content: "今天的数据" }, fastOptions())).ok,
    ).toBe(true);
  });

  it("an unknown token is refused with 300001 and explained", async () => {
    const outcome = await sendRobotMessage(
      { channelType: "dingtalk_bot", webhookUrl: fake.webhookUrl("nope") },
      "x",
      fastOptions(),
    );
    expect(outcome).toMatchObject({ ok: false, errcode: 300001, attempts: 1 });
    expect(outcome.explanation).toContain("access_token 无效");
  });
});
