import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startFakeDingtalk,
  startFakeWecomApi,
  startFakeWecomRobot,
  type FakeDingtalk,
  type FakeWecomApi,
  type FakeWecomRobot,
} from "../fakes";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

// The fakes must refuse what the real services refuse (robot-apis.md §5), or the delivery tests
// above would prove nothing.

let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;
let api: FakeWecomApi;
beforeAll(async () => {
  dingtalk = await startFakeDingtalk({ robots: [{ token: "t" }] });
  wecom = await startFakeWecomRobot({ keys: ["k"] });
  api = await startFakeWecomApi({ apps: [{ corpId: "c", secret: "s", agentId: 7, users: ["u1"] }] });
});
afterAll(async () => {
  await Promise.all([dingtalk.close(), wecom.close(), api.close()]);
});

async function post(url: string, body: unknown, contentType = "application/json") {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(200); // errors come back as HTTP 200 with an errcode
  return (await res.json()) as { errcode: number; errmsg: string; [k: string]: unknown };
}

describe("DingTalk fake", () => {
  it.each([
    [{ msgtype: "text", text: { content: "" } }, 40035],
    [{ msgtype: "markdown", markdown: { text: "no title" } }, 40035],
    [{ msgtype: "actionCard", actionCard: { title: "t", text: "x" } }, 40035],
    [{ msgtype: "actionCard", actionCard: { title: "t", text: "x", btns: [{ title: "a" }] } }, 40035],
    [{ msgtype: "feedCard", feedCard: { links: [{ title: "a", messageURL: "https://a" }] } }, 40035],
    [{ msgtype: "link", link: { title: "t", text: "x" } }, 40035],
    [{ msgtype: "image", image: {} }, 400105],
    [{ msgtype: "text", text: { content: "x".repeat(20_000) } }, 460101],
  ])("refuses %j with %i", async (body, errcode) => {
    expect((await post(dingtalk.webhookUrl("t"), body)).errcode).toBe(errcode);
  });

  it("refuses a wrong Content-Type and a body that is not JSON", async () => {
    expect(
      (await post(dingtalk.webhookUrl("t"), '{"msgtype":"text","text":{"content":"x"}}', "text/plain"))
        .errcode,
    ).toBe(43004);
    expect((await post(dingtalk.webhookUrl("t"), "not json")).errcode).toBe(40035);
  });

  it("refuses an unknown token", async () => {
    expect(await post(dingtalk.webhookUrl("other"), { msgtype: "text", text: { content: "x" } })).toEqual({
      errcode: 300001,
      errmsg: "token is not exist",
    });
  });
});

describe("WeCom robot fake", () => {
  const img = Buffer.from("fake image bytes");
  it.each([
    [{ msgtype: "Text", text: { content: "x" } }, 40008],
    [{ msgtype: "text", text: { content: "" } }, 44004],
    [{ msgtype: "text", text: { content: "字".repeat(683) } }, 40058],
    [{ msgtype: "markdown", markdown: { content: "字".repeat(1366) } }, 40058],
    [{ msgtype: "news", news: { articles: Array(9).fill({ title: "t", url: "https://a" }) } }, 45008],
    [{ msgtype: "news", news: { articles: [{ title: "t" }] } }, 40058],
    [{ msgtype: "image", image: { base64: img.toString("base64"), md5: "0".repeat(32) } }, 40009],
    [
      { msgtype: "template_card", template_card: { card_type: "text_notice", main_title: { title: "t" } } },
      42045,
    ],
    [
      {
        msgtype: "template_card",
        template_card: { card_type: "text_notice", main_title: { title: "t" }, card_action: { type: 1 } },
      },
      42045,
    ],
    [
      {
        msgtype: "template_card",
        template_card: {
          card_type: "text_notice",
          main_title: {},
          card_action: { type: 1, url: "https://a" },
        },
      },
      42027,
    ],
    [
      {
        msgtype: "template_card",
        template_card: {
          card_type: "news_notice",
          main_title: { title: "t" },
          card_action: { type: 1, url: "https://a" },
        },
      },
      42044,
    ],
    [
      {
        msgtype: "template_card",
        template_card: {
          card_type: "text_notice",
          main_title: { title: "t" },
          card_action: { type: 1, url: "https://a" },
          jump_list: Array(4).fill({ type: 1, url: "https://a", title: "j" }),
        },
      },
      40058,
    ],
    [
      {
        msgtype: "template_card",
        template_card: {
          card_type: "button_interaction",
          main_title: { title: "t" },
          card_action: { type: 1, url: "https://a" },
        },
      },
      40058,
    ],
  ])("refuses %j with %i", async (body, errcode) => {
    const answer = await post(wecom.webhookUrl("k"), body);
    expect(answer.errcode).toBe(errcode);
    expect(answer.errmsg).toContain(
      `more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
    );
  });

  it("accepts an image whose md5 matches its bytes, and refuses an unknown key", async () => {
    const md5 = createHash("md5").update(img).digest("hex");
    expect(
      (
        await post(wecom.webhookUrl("k"), {
          msgtype: "image",
          image: { base64: img.toString("base64"), md5 },
        })
      ).errcode,
    ).toBe(0);
    expect((await post(wecom.webhookUrl("nope"), { msgtype: "text", text: { content: "x" } })).errcode).toBe(
      93000,
    );
  });
});

describe("WeCom application API fake", () => {
  it("answers the documented gettoken errors and returns the same token while valid", async () => {
    const get = async (q: string) =>
      (await (await fetch(`${api.url}/cgi-bin/gettoken?${q}`)).json()) as Record<string, unknown>;
    expect((await get("corpid=x&corpsecret=s")).errcode).toBe(40013);
    expect((await get("corpid=c&corpsecret=bad")).errcode).toBe(40001);
    expect((await get("corpid=c")).errcode).toBe(41004);
    const a = await get("corpid=c&corpsecret=s");
    const b = await get("corpid=c&corpsecret=s");
    expect(a.access_token).toBe(b.access_token);
    expect(a.expires_in).toBeGreaterThan(7000);
  });

  it("checks token, agent id and recipients on message/send", async () => {
    const { access_token } = (await (
      await fetch(`${api.url}/cgi-bin/gettoken?corpid=c&corpsecret=s`)
    ).json()) as { access_token: string };
    const send = (token: string, body: unknown) =>
      post(`${api.url}/cgi-bin/message/send?access_token=${token}`, body);
    const msg = { msgtype: "text", text: { content: "hi" }, agentid: 7 };
    expect((await send("unknown", { ...msg, touser: "u1" })).errcode).toBe(40014);
    expect((await send(access_token, { ...msg, touser: "u1", agentid: 8 })).errcode).toBe(40056);
    expect((await send(access_token, { ...msg })).errcode).toBe(82001);
    expect((await send(access_token, { ...msg, touser: "ghost" })).errcode).toBe(81013);
    const partial = await send(access_token, { ...msg, touser: "u1|Ghost" });
    expect(partial).toMatchObject({ errcode: 0, invaliduser: "ghost" });
    expect(
      (
        await send(access_token, {
          touser: "u1",
          agentid: 7,
          msgtype: "markdown",
          markdown: { content: "字".repeat(683) },
        })
      ).errcode,
    ).toBe(40058);
  });
});
