import { describe, expect, it } from "vitest";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { AppError } from "@/server/errors";
import { parseMessageResult } from "@/server/notify/message-schema";
import { sendRobotMessage } from "@/server/notify/send";
import { fastOptions } from "./notify-helpers";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

function failure(value: unknown): AppError {
  try {
    parseMessageResult(value);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected parseMessageResult to fail");
}

describe("parseMessageResult", () => {
  it("a string is markdown content; an object without msg_type is markdown", () => {
    expect(parseMessageResult("**hi**")).toEqual({ msg_type: "markdown", content: "**hi**" });
    expect(parseMessageResult({ title: "t", content: "c" })).toEqual({
      msg_type: "markdown",
      title: "t",
      content: "c",
    });
  });

  it("null and undefined mean nothing to push", () => {
    expect(parseMessageResult(null)).toBeNull();
    expect(parseMessageResult(undefined)).toBeNull();
  });

  it("accepts the usual spellings of msg_type and Python-style numbers", () => {
    expect(
      parseMessageResult({ msg_type: "action_card", title: "t", content: "c", btn_orientation: 1 }),
    ).toMatchObject({
      msg_type: "actionCard",
      btn_orientation: "1",
    });
    expect(
      parseMessageResult({ msg_type: "FeedCard", links: [{ title: "a", url: "https://a" }] }),
    ).toMatchObject({ msg_type: "feedCard" });
  });

  it.each([
    [
      {
        msg_type: "actionCard",
        title: "t",
        content: "c",
        buttons: [{ title: "b", url: "javascript:alert(1)" }],
      },
      "buttons.0.url",
    ],
    [{ msg_type: "actionCard", title: "t", content: "c", btn_orientation: "2" }, "btn_orientation"],
    [{ msg_type: "feedCard", links: [] }, "links"],
    [{ msg_type: "link", title: "t", content: "c" }, "url"],
    [
      { msg_type: "news", articles: [{ title: "a", url: "https://a" }, { url: "https://b" }] },
      "articles.1.title",
    ],
    [{ msg_type: "template_card", title: "t", jump_list: [{ type: 1, title: "x" }] }, "jump_list.0.url"],
    [{ msg_type: "template_card", card_type: "vote", title: "t" }, "card_type"],
    [{ msg_type: "template_card", card_type: "news_notice", title: "t", url: "https://a" }, "card_image"],
    [
      { msg_type: "template_card", title: "t", horizontal_list: [{ keyname: "k", type: 1 }] },
      "horizontal_list.0.url",
    ],
    [{ msg_type: "weather", content: "c" }, "msg_type"],
    [{ content: "" }, "content"],
    [{ title: "only a title" }, "content"],
    [42, "result"],
  ])("names the wrong field: %j → %s", (value, path) => {
    const err = failure(value);
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.details?.map((d) => d.path)).toContain(path);
    expect(err.message).toContain(`${path}: `);
  });

  it("an invalid result is refused before anything is sent", async () => {
    const fake: FakeDingtalk = await startFakeDingtalk();
    try {
      await expect(
        sendRobotMessage(
          { channelType: "dingtalk_bot", webhookUrl: fake.webhookUrl() },
          { msg_type: "actionCard", title: "t", content: "c", buttons: [{ title: "b", url: "nope" }] },
          fastOptions(),
        ),
      ).rejects.toThrow(/buttons\.0\.url: /);
      expect(fake.received).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });
});
