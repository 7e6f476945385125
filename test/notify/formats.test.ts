import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startFakeDingtalk,
  startFakeWecomApi,
  startFakeWecomRobot,
  type FakeDingtalk,
  type FakeWecomApi,
  type FakeWecomRobot,
} from "../fakes";
import { formatForRobot } from "@/server/notify/format";
import { sendRobotMessage, sendWecomAppMessage } from "@/server/notify/send";
import { WecomTokenCache } from "@/server/notify/wecom-app-client";
import { bodies, fastOptions, type LooseJson } from "./notify-helpers";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

// Every format of the seed (消息格式) reaches all three WeCom/DingTalk targets and each strict fake
// accepts it; formats a robot lacks arrive as their closest equivalent.

const img = (n: number) => `https://img.example.com/${n}.png`;

const formats: Record<string, unknown> = {
  "plain string": "**今日提醒**\n- 喝水\n- 休息",
  "markdown {content, title}": { title: "每日推送", content: "## 标题\n\n正文" },
  markdown_v2: { msg_type: "markdown_v2", content: "# 表格\n| a | b |\n| :- | -: |\n| 1 | 2 |" },
  text: { msg_type: "text", content: "磁盘已满", at_mobiles: ["15000000000"], at_user_ids: ["zhangsan"] },
  "actionCard, two horizontal buttons": {
    msg_type: "actionCard",
    title: "审批",
    content: "### 请审批\n报销 ¥5,000",
    btn_orientation: "1",
    buttons: [
      { title: "同意", url: "https://example.com/ok" },
      { title: "拒绝", url: "https://example.com/no" },
    ],
  },
  "actionCard without buttons": { msg_type: "actionCard", title: "提示", content: "没有按钮的卡片" },
  feedCard: {
    msg_type: "feedCard",
    links: [
      { title: "标题1", url: "https://example.com/1", pic_url: img(1) },
      { title: "标题2", url: "https://example.com/2", pic_url: img(2) },
    ],
  },
  link: {
    msg_type: "link",
    title: "链接标题",
    content: "链接描述",
    url: "https://example.com/l",
    pic_url: img(3),
  },
  "news, one article": {
    msg_type: "news",
    articles: [{ title: "文章标题", description: "文章描述", url: "https://example.com/a", picurl: img(4) }],
  },
  "news, articles without pictures": {
    msg_type: "news",
    articles: [
      { title: "甲", description: "一", url: "https://example.com/a" },
      { title: "乙", url: "https://example.com/b" },
    ],
  },
  "template_card text_notice (seed)": {
    msg_type: "template_card",
    card_type: "text_notice",
    title: "卡片标题",
    content: "卡片内容",
    horizontal_list: [
      { keyname: "申请人", value: "张三" },
      { keyname: "金额", value: "¥5,000" },
    ],
    jump_list: [{ type: 1, title: "查看详情", url: "https://example.com/d" }],
  },
  "template_card news_notice": {
    msg_type: "template_card",
    card_type: "news_notice",
    title: "新品发布",
    card_image: { url: img(5), aspect_ratio: 2.25 },
    vertical_list: [{ title: "亮点", desc: "更快" }],
    url: "https://example.com/n",
  },
  "template_card button_interaction": {
    msg_type: "template_card",
    card_type: "button_interaction",
    title: "是否发布？",
    content: "版本 1.2.3",
    buttons: [
      { title: "去发布", url: "https://example.com/release" },
      { text: "稍后", key: "later" },
    ],
  },
  "template_card without any link": { msg_type: "template_card", title: "纯文本卡片", content: "没有链接" },
};

let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;
let wecomApi: FakeWecomApi;
const app = { corpId: "ww-formats", agentId: 1000002, secret: "formats-secret", toUser: "zhangsan" };

beforeAll(async () => {
  dingtalk = await startFakeDingtalk({ robots: [{ token: "t", secret: "SECformats" }] });
  wecom = await startFakeWecomRobot({ keys: ["k"] });
  wecomApi = await startFakeWecomApi({ apps: [{ ...app, users: ["zhangsan"] }] });
});
afterAll(async () => {
  await Promise.all([dingtalk.close(), wecom.close(), wecomApi.close()]);
});
beforeEach(() => {
  dingtalk.reset();
  wecom.reset();
  wecomApi.reset();
});

describe.each(Object.entries(formats))("%s", (_name, result) => {
  it("is accepted by the DingTalk robot", async () => {
    const outcome = await sendRobotMessage(
      { channelType: "dingtalk_bot", webhookUrl: dingtalk.webhookUrl("t"), signSecret: "SECformats" },
      result,
      fastOptions(),
    );
    expect(dingtalk.received.map((r) => r.errmsg)).toEqual(dingtalk.received.map(() => "ok"));
    expect(outcome).toMatchObject({ ok: true, errcode: 0 });
    expect(outcome.messages).toBeGreaterThan(0);
    expect(bodies(dingtalk.accepted())).toEqual(formatForRobot(result, "dingtalk_bot"));
  });

  it("is accepted by the WeCom robot", async () => {
    const outcome = await sendRobotMessage(
      { channelType: "wecom_bot", webhookUrl: wecom.webhookUrl("k") },
      result,
      fastOptions(),
    );
    expect(wecom.received.map((r) => r.errmsg)).toEqual(wecom.received.map(() => "ok"));
    expect(outcome).toMatchObject({ ok: true, errcode: 0 });
    expect(bodies(wecom.accepted())).toEqual(formatForRobot(result, "wecom_bot"));
  });

  it("is accepted by the WeCom application API", async () => {
    const outcome = await sendWecomAppMessage(app, result, {
      baseUrl: wecomApi.url,
      tokens: new WecomTokenCache(),
      retry: { baseDelayMs: 5 },
    });
    expect(wecomApi.sends().map((r) => r.errmsg)).toEqual(wecomApi.sends().map(() => "ok"));
    expect(outcome).toMatchObject({ ok: true, errcode: 0 });
    expect(wecomApi.accepted().length).toBe(outcome.messages);
  });
});

describe("closest equivalents", () => {
  const dt = (r: unknown) => formatForRobot(r, "dingtalk_bot") as LooseJson[];
  const wc = (r: unknown) => formatForRobot(r, "wecom_bot") as LooseJson[];

  it("actionCard → WeCom text_notice: at most 3 buttons as jump links, the rest listed in the text", () => {
    const buttons = [1, 2, 3, 4, 5].map((n) => ({ title: `按钮${n}`, url: `https://example.com/${n}` }));
    const [card] = wc({ msg_type: "actionCard", title: "多按钮", content: "**正文**", buttons });
    expect(card!.template_card.card_type).toBe("text_notice");
    expect(card!.template_card.jump_list).toEqual(
      buttons.slice(0, 3).map((b) => ({ type: 1, url: b.url, title: b.title })),
    );
    expect(card!.template_card.sub_title_text).toBe(
      "正文\n按钮4：https://example.com/4\n按钮5：https://example.com/5",
    );
    expect(card!.template_card.card_action).toEqual({ type: 1, url: "https://example.com/1" });
  });

  it("actionCard with several buttons → DingTalk btns in the chosen orientation", () => {
    const [p] = dt(formats["actionCard, two horizontal buttons"]);
    expect(p!.actionCard.btnOrientation).toBe("1");
    expect(p!.actionCard.btns).toEqual([
      { title: "同意", actionURL: "https://example.com/ok" },
      { title: "拒绝", actionURL: "https://example.com/no" },
    ]);
  });

  it("news → DingTalk link for one article, feedCard for several with pictures, markdown list without", () => {
    expect(dt(formats["news, one article"])).toEqual([
      {
        msgtype: "link",
        link: { title: "文章标题", text: "文章描述", messageUrl: "https://example.com/a", picUrl: img(4) },
      },
    ]);
    const withPics = dt({
      msg_type: "news",
      articles: [1, 2].map((n) => ({ title: `t${n}`, url: `https://example.com/${n}`, picurl: img(n) })),
    });
    expect(withPics).toEqual([
      {
        msgtype: "feedCard",
        feedCard: {
          links: [1, 2].map((n) => ({
            title: `t${n}`,
            messageURL: `https://example.com/${n}`,
            picURL: img(n),
          })),
        },
      },
    ]);
    const [md] = dt(formats["news, articles without pictures"]);
    expect(md!.msgtype).toBe("markdown");
    expect(md!.markdown.text).toBe(
      "#### [甲](https://example.com/a)\n一\n\n#### [乙](https://example.com/b)",
    );
  });

  it("feedCard and link → WeCom news", () => {
    expect(wc(formats.feedCard)).toEqual([
      {
        msgtype: "news",
        news: {
          articles: [
            { title: "标题1", url: "https://example.com/1", picurl: img(1) },
            { title: "标题2", url: "https://example.com/2", picurl: img(2) },
          ],
        },
      },
    ]);
    expect(wc(formats.link)).toEqual([
      {
        msgtype: "news",
        news: {
          articles: [
            { title: "链接标题", description: "链接描述", url: "https://example.com/l", picurl: img(3) },
          ],
        },
      },
    ]);
  });

  it("news with more than 8 articles → several WeCom news messages, none dropped", () => {
    const articles = Array.from({ length: 11 }, (_, i) => ({
      title: `第${i + 1}篇`,
      url: `https://example.com/${i}`,
    }));
    const payloads = wc({ msg_type: "news", articles });
    expect(payloads.map((p) => p.news.articles.length)).toEqual([8, 3]);
    expect(payloads.flatMap((p) => p.news.articles.map((a: { title: string }) => a.title))).toEqual(
      articles.map((a) => a.title),
    );
  });

  it("template_card → DingTalk actionCard keeping rows and links", () => {
    const [p] = dt(formats["template_card text_notice (seed)"]);
    expect(p).toEqual({
      msgtype: "actionCard",
      actionCard: {
        title: "卡片标题",
        text: "### 卡片标题\n\n卡片内容\n\n**申请人**：张三\n\n**金额**：¥5,000",
        btnOrientation: "0",
        singleTitle: "查看详情",
        singleURL: "https://example.com/d",
      },
    });
  });

  it("template_card rows beyond WeCom's 6 are listed in the text, not dropped", () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({ keyname: `键${i}`, value: `值${i}` }));
    const [p] = wc({
      msg_type: "template_card",
      title: "多行",
      horizontal_list: rows,
      url: "https://example.com",
    });
    expect(p!.template_card.horizontal_content_list).toHaveLength(6);
    expect(p!.template_card.sub_title_text).toBe("键6：值6\n键7：值7");
  });

  it("a card without any link → markdown on both robots", () => {
    expect(dt(formats["template_card without any link"])[0]!.msgtype).toBe("markdown");
    expect(wc(formats["template_card without any link"])[0]).toEqual({
      msgtype: "markdown",
      markdown: { content: "**纯文本卡片**\n\n没有链接" },
    });
  });

  it("markdown_v2 stays v2 on the WeCom robot unless it mentions someone (v2 cannot)", () => {
    expect(wc({ msg_type: "markdown_v2", content: "| a |\n| - |\n| 1 |" })[0]!.msgtype).toBe("markdown_v2");
    expect(wc({ msg_type: "markdown_v2", content: "看这里", at_user_ids: ["lisi"] })).toEqual([
      { msgtype: "markdown", markdown: { content: "看这里\n\n<@lisi>" } },
    ]);
  });

  it("mentions: DingTalk `at` with the mobile in the text; WeCom mentioned lists", () => {
    const [d] = dt(formats.text);
    expect(d).toEqual({
      msgtype: "text",
      text: { content: "磁盘已满\n\n@15000000000 @zhangsan" },
      at: { atMobiles: ["15000000000"], atUserIds: ["zhangsan"], isAtAll: false },
    });
    const [w] = wc(formats.text);
    expect(w).toEqual({
      msgtype: "text",
      text: { content: "磁盘已满", mentioned_list: ["zhangsan"], mentioned_mobile_list: ["15000000000"] },
    });
  });
});
