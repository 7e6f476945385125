import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { sendRobotMessage } from "@/server/notify/send";
import { formatForRobot } from "@/server/notify/format";
import { splitWithMarkers, stripPartMarker, utf8Bytes, truncateWithMarker } from "@/server/notify/text-bytes";
import { bodies, fastOptions } from "./notify-helpers";
import { allowLoopback } from "../helpers/net";

// The strict fakes listen on 127.0.0.1; robot requests go through the SSRF guard.
allowLoopback();

// Chinese text with 4-byte emoji: lines of varying length plus one very long line, so that some
// cuts fall at line ends and some inside a line.
function chineseMarkdown(targetBytes: number): string {
  const words = [
    "今日销售额",
    "订单数量",
    "同比增长",
    "🚀",
    "客户满意度",
    "**重点**",
    "数据来源：系统",
    "😀👍",
  ];
  const lines: string[] = [];
  let i = 0;
  while (utf8Bytes(lines.join("\n")) < targetBytes) {
    const n = (i * 7) % 13;
    lines.push(
      i === 20
        ? "超长行".repeat(700)
        : `- 第${i}项 ` + Array.from({ length: n + 1 }, (_, k) => words[(i + k) % words.length]).join(""),
    );
    i++;
  }
  return lines.join("\n");
}

let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;
beforeAll(async () => {
  dingtalk = await startFakeDingtalk({ robots: [{ token: "t", secret: "SECsplit" }] });
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

describe("long messages", () => {
  it("a 10 KB Chinese markdown reaches WeCom complete, in several parts, no character broken", async () => {
    const text = chineseMarkdown(10_240);
    expect(utf8Bytes(text)).toBeGreaterThanOrEqual(10_240);
    const outcome = await sendRobotMessage(
      { channelType: "wecom_bot", webhookUrl: wecom.webhookUrl("k") },
      text,
      fastOptions(),
    );
    expect(outcome.ok).toBe(true);
    const parts = bodies(wecom.accepted()).map((b) => b.markdown.content as string);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(outcome.messages).toBe(parts.length);
    for (const [i, part] of parts.entries()) {
      expect(utf8Bytes(part)).toBeLessThanOrEqual(4096);
      expect(part.endsWith(`(${i + 1}/${parts.length})`)).toBe(true);
      expect(part).not.toContain("\uFFFD");
    }
    // The raw bodies, decoded by the fake as UTF-8, reassemble to exactly the original text.
    expect(parts.map(stripPartMarker).join("")).toBe(text);
    // Short lines are never cut in the middle: a part ends at a line end unless it holds the long line.
    for (const part of parts.slice(0, -1).map(stripPartMarker)) {
      if (!part.includes("超长行超长行")) expect(part.endsWith("\n")).toBe(true);
    }
  });

  it("a 60 KB markdown reaches DingTalk in parts whose bodies stay under 20000 bytes", async () => {
    const text = chineseMarkdown(60_000).replaceAll("重点", '"引号" \\ 反斜杠');
    const outcome = await sendRobotMessage(
      { channelType: "dingtalk_bot", webhookUrl: dingtalk.webhookUrl("t"), signSecret: "SECsplit" },
      { title: "长日报", content: text },
      fastOptions(),
    );
    expect(outcome.ok).toBe(true);
    const accepted = dingtalk.accepted();
    expect(accepted.length).toBeGreaterThanOrEqual(4);
    for (const r of accepted) expect(utf8Bytes(r.raw)).toBeLessThanOrEqual(20_000);
    const md = bodies(accepted).map((b) => b.markdown as { title: string; text: string });
    expect(md.map((m) => m.title)).toEqual(md.map((_, i) => `长日报 (${i + 1}/${md.length})`));
    expect(md.map((m) => stripPartMarker(m.text)).join("")).toBe(text);
  });

  it("WeCom text is split at 2048 bytes", () => {
    const payloads = formatForRobot(
      { msg_type: "text", content: "告警".repeat(1000) },
      "wecom_bot",
    ) as unknown as { text: { content: string } }[];
    expect(payloads.length).toBe(3);
    for (const p of payloads) expect(utf8Bytes(p.text.content)).toBeLessThanOrEqual(2048);
    expect(payloads.map((p) => stripPartMarker(p.text.content)).join("")).toBe("告警".repeat(1000));
  });

  it("a card field that cannot be split is truncated with a marker", () => {
    const [card] = formatForRobot(
      {
        msg_type: "actionCard",
        title: "长卡片",
        content: "很长的内容。".repeat(5000),
        buttons: [{ title: "看", url: "https://example.com" }],
      },
      "dingtalk_bot",
    ) as unknown as { actionCard: { text: string } }[];
    expect(utf8Bytes(JSON.stringify(card))).toBeLessThanOrEqual(20_000);
    expect(card!.actionCard.text.endsWith("…（已截断）")).toBe(true);
  });
});

describe("splitWithMarkers (property)", () => {
  it("parts fit, keep code points whole and reassemble to the input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 3000 }),
        fc.integer({ min: 40, max: 600 }),
        (text, max) => {
          const parts = splitWithMarkers(text, max);
          for (const p of parts) {
            expect(utf8Bytes(p)).toBeLessThanOrEqual(max);
            expect(Buffer.from(p, "utf8").toString("utf8")).toBe(p); // no lone surrogate from a cut
          }
          expect(parts.length === 1 ? parts[0] : parts.map(stripPartMarker).join("")).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("truncation never exceeds its budget", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 500 }),
        fc.integer({ min: 20, max: 300 }),
        (text, max) => {
          const cut = truncateWithMarker(text, max);
          expect(utf8Bytes(cut)).toBeLessThanOrEqual(Math.max(max, 0));
          if (utf8Bytes(text) <= max) expect(cut).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
