import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDingtalkMessage } from "../fakes/fake-dingtalk";
import { checkWecomMessage } from "../fakes/wecom-validate";
import { toDingtalkPayloads } from "@/server/notify/format-dingtalk";
import { toWecomPayloads } from "@/server/notify/format-wecom";
import { parseMessageResult } from "@/server/notify/message-schema";
import { utf8Bytes } from "@/server/notify/text-bytes";

// Whatever valid result a script produces, every payload is one the strict fakes accept.

const text = (max: number) =>
  fc.string({ unit: "grapheme", minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const longText = fc.oneof(
  text(200),
  text(20_000),
  fc.constantFrom("中".repeat(9000), "😀\n".repeat(7000), '"\\'.repeat(8000)),
);
const url = fc.webUrl({ withQueryParameters: true }).filter((u) => u.length <= 2000);

const result = fc.oneof(
  longText,
  fc.record({ title: text(200), content: longText }),
  fc.record({
    msg_type: fc.constant("text"),
    content: longText,
    at_mobiles: fc.option(fc.array(fc.constantFrom("13800001111", "15000000000"), { maxLength: 2 }), {
      nil: undefined,
    }),
  }),
  fc.record({
    msg_type: fc.constant("actionCard"),
    title: text(200),
    content: longText,
    btn_orientation: fc.constantFrom("0", "1"),
    buttons: fc.array(fc.record({ title: text(100), url }), { maxLength: 6 }),
  }),
  fc.record({
    msg_type: fc.constant("feedCard"),
    links: fc.array(fc.record({ title: text(200), url, pic_url: fc.option(url, { nil: undefined }) }), {
      minLength: 1,
      maxLength: 12,
    }),
  }),
  fc.record({
    msg_type: fc.constant("link"),
    title: text(200),
    content: text(5000),
    url,
    pic_url: fc.option(url, { nil: undefined }),
  }),
  fc.record({
    msg_type: fc.constant("news"),
    articles: fc.array(
      fc.record({
        title: text(200),
        description: fc.option(text(1000), { nil: undefined }),
        url,
        picurl: fc.option(url, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 20 },
    ),
  }),
  fc.record({
    msg_type: fc.constant("template_card"),
    card_type: fc.constantFrom("text_notice", "button_interaction"),
    title: text(200),
    content: fc.option(longText, { nil: undefined }),
    horizontal_list: fc.array(fc.record({ keyname: text(100), value: text(100) }), { maxLength: 9 }),
    jump_list: fc.array(fc.record({ type: fc.constant(1), title: text(100), url }), { maxLength: 5 }),
  }),
);

describe("formatters (property)", () => {
  it("every payload passes the robots' checks and size limits", () => {
    fc.assert(
      fc.property(result, (value) => {
        const parsed = parseMessageResult(value)!;
        for (const p of toDingtalkPayloads(parsed)) {
          expect(checkDingtalkMessage(p)).toBeNull();
          expect(utf8Bytes(JSON.stringify(p))).toBeLessThanOrEqual(20_000);
        }
        for (const p of toWecomPayloads(parsed)) expect(checkWecomMessage(p, "robot")).toBeNull();
        for (const p of toWecomPayloads(parsed, { target: "app" }))
          expect(checkWecomMessage(p, "app")).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
