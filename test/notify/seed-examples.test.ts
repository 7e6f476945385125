import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { sendRobotMessage } from "@/server/notify/send";
import { fastOptions } from "./notify-helpers";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

// The seed's two `result` examples (scheduled-tasks.md 示例脚本), with the random and AI parts
// fixed, must reach each robot exactly as written out by hand below.

const basic = {
  title: "每日推送",
  content: "**生成时间**: 2026-11-28 08:00:00\n\n今天适合早点出门，记得带伞。",
};

const salesReport = {
  msg_type: "actionCard",
  title: "销售日报 | 2026年11月28",
  content: `### 今日业绩
| 指标 | 数值 |
|:---:|:---:|
| 销售额 | **¥123,456** |
| 订单数 | **57** |
> 点击查看详情
`,
  buttons: [{ title: "查看详情", url: "https://example.com/report" }],
};

let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;

beforeAll(async () => {
  dingtalk = await startFakeDingtalk({ robots: [{ token: "seed-robot", secret: "SEC0123456789abcdef" }] });
  wecom = await startFakeWecomRobot({ keys: ["seed-key"] });
});
afterAll(async () => {
  await dingtalk.close();
  await wecom.close();
});
beforeEach(() => {
  dingtalk.reset();
  wecom.reset();
});

const dingtalkTarget = () => ({
  channelType: "dingtalk_bot" as const,
  webhookUrl: dingtalk.webhookUrl("seed-robot"),
  signSecret: "SEC0123456789abcdef",
});
const wecomTarget = () => ({ channelType: "wecom_bot" as const, webhookUrl: wecom.webhookUrl("seed-key") });

describe("the seed's basic markdown result", () => {
  it("reaches DingTalk as one signed markdown message, byte for byte", async () => {
    const outcome = await sendRobotMessage(dingtalkTarget(), basic, fastOptions());
    expect(outcome).toEqual({ ok: true, errcode: 0, errmsg: "ok", attempts: 1, messages: 1 });
    expect(dingtalk.accepted().map((r) => r.raw)).toEqual([
      '{"msgtype":"markdown","markdown":{"title":"每日推送","text":"**生成时间**: 2026-11-28 08:00:00\\n\\n今天适合早点出门，记得带伞。"}}',
    ]);
  });

  it("reaches WeCom as markdown with the title as its first line", async () => {
    const outcome = await sendRobotMessage(wecomTarget(), basic, fastOptions());
    expect(outcome.ok).toBe(true);
    expect(wecom.accepted().map((r) => r.raw)).toEqual([
      '{"msgtype":"markdown","markdown":{"content":"**每日推送**\\n\\n**生成时间**: 2026-11-28 08:00:00\\n\\n今天适合早点出门，记得带伞。"}}',
    ]);
  });
});

describe("the seed's ActionCard sales report", () => {
  it("reaches DingTalk as a single-button actionCard, byte for byte", async () => {
    const outcome = await sendRobotMessage(dingtalkTarget(), salesReport, fastOptions());
    expect(outcome).toEqual({ ok: true, errcode: 0, errmsg: "ok", attempts: 1, messages: 1 });
    expect(dingtalk.accepted().map((r) => r.raw)).toEqual([
      '{"msgtype":"actionCard","actionCard":{"title":"销售日报 | 2026年11月28",' +
        '"text":"### 今日业绩\\n| 指标 | 数值 |\\n|:---:|:---:|\\n| 销售额 | **¥123,456** |\\n| 订单数 | **57** |\\n> 点击查看详情\\n",' +
        '"btnOrientation":"0","singleTitle":"查看详情","singleURL":"https://example.com/report"}}',
    ]);
  });

  it("reaches WeCom as a text_notice template card whose button is a jump link", async () => {
    const outcome = await sendRobotMessage(wecomTarget(), salesReport, fastOptions());
    expect(outcome.ok).toBe(true);
    expect(wecom.accepted().map((r) => r.raw)).toEqual([
      '{"msgtype":"template_card","template_card":{"card_type":"text_notice",' +
        '"main_title":{"title":"销售日报 | 2026年11月28"},' +
        '"sub_title_text":"今日业绩\\n指标 | 数值\\n销售额 | ¥123,456\\n订单数 | 57\\n点击查看详情",' +
        '"jump_list":[{"type":1,"url":"https://example.com/report","title":"查看详情"}],' +
        '"card_action":{"type":1,"url":"https://example.com/report"}}}',
    ]);
  });
});
