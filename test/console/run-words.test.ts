import { describe, expect, it } from "vitest";

import { issueText } from "@/components/i18n/errors";
import {
  resultIssueLines,
  runErrorText,
  runOutputText,
  storedText,
  triggeredByText,
} from "@/components/i18n/run-words";
import { INVALID_RESULT_PREFIX, INVALID_WEBHOOK_RESULT_PREFIX, parseInvalidResult } from "@/lib/result-error";
import { AppError } from "@/server/errors";
import { parseMessageResult } from "@/server/notify/message-schema";

/** What a run stores for a script's invalid result (server/sandbox/run-setup.ts). */
function storedFor(value: unknown): { stored: string; err: AppError } {
  try {
    parseMessageResult(value);
  } catch (err) {
    if (err instanceof AppError)
      return { stored: `${INVALID_RESULT_PREFIX}${String(err.params.summary)}`, err };
    throw err;
  }
  throw new Error("expected an invalid result");
}

/** Two or more English words in a row (identifiers like result.buttons.0.url are one token). */
const englishRun = (text: string) =>
  text.replace(/[\w.]*[_.][\w.]*/g, " ").match(/[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,})+/g);

const BAD_RESULTS: unknown[] = [
  { foo: 1 },
  { content: 5 },
  { content: "" },
  { title: "x".repeat(201), content: "c" },
  { msg_type: "weather", content: "c" },
  { msg_type: "actionCard", title: "t", content: "c", btn_orientation: "2" },
  { msg_type: "actionCard", title: "t", content: "c", buttons: [{ title: "b", url: "javascript:alert(1)" }] },
  { msg_type: "feedCard", links: [] },
  { msg_type: "template_card", title: "t", jump_list: [{ type: 1, title: "x" }] },
  { msg_type: "template_card", card_type: "vote", title: "t" },
  { msg_type: "template_card", card_type: "news_notice", title: "t", url: "https://a" },
  { msg_type: "news", articles: Array.from({ length: 51 }, () => ({ title: "a", url: "https://a" })) },
  42,
];

describe("a run's stored texts in the viewer's language", () => {
  it("reads every invalid result back into the issues the server found, worded like the form errors", () => {
    for (const value of BAD_RESULTS) {
      const { stored, err } = storedFor(value);
      const issues = parseInvalidResult(stored)!;
      expect(
        issues.map((i) => i.path),
        stored,
      ).toEqual(err.details!.map((d) => d.path));
      for (const [i, detail] of err.details!.entries()) {
        for (const locale of ["zh", "en"] as const)
          expect(issueText(issues[i]!, locale), stored).toBe(issueText(detail, locale));
      }
      const zh = resultIssueLines(stored, "zh")!;
      expect(zh.join("\n"), stored).toMatch(/[\u3400-\u9fff]/);
      expect(englishRun(zh.join("\n")), `${stored} → ${zh.join(" / ")}`).toBeNull();
    }
  });

  it("words `result = {foo: 1}` with the field path, in zh and en", () => {
    const { stored } = storedFor({ foo: 1 });
    expect(stored).toBe("result 格式不正确：content: Invalid input: expected string, received undefined");
    expect(parseInvalidResult(stored)).toEqual([
      { path: "content", code: "invalid_type", params: { expected: "string", missing: true } },
    ]);
    expect(runErrorText(stored, "zh")).toBe("脚本返回的 result 格式不正确：result.content：必填");
    expect(runErrorText(stored, "en")).toBe("The script's result is invalid: result.content: Required");
    // A webhook task's answer of the wrong shape (server/runs/webhook-call.ts).
    expect(runErrorText(stored.replace(INVALID_RESULT_PREFIX, INVALID_WEBHOOK_RESULT_PREFIX), "zh")).toBe(
      "Webhook 返回的消息格式不正确：result.content：必填",
    );
  });

  it("words the numbers, the options and the schema's own rules", () => {
    expect(resultIssueLines(storedFor({ title: "x".repeat(201), content: "c" }).stored, "zh")).toEqual([
      "result.title：不能超过 200 个字符",
    ]);
    expect(resultIssueLines(storedFor({ content: 5 }).stored, "zh")).toEqual(["result.content：须为文字"]);
    expect(
      resultIssueLines(
        storedFor({ msg_type: "actionCard", title: "t", content: "c", btn_orientation: "2" }).stored,
        "zh",
      ),
    ).toEqual(["result.btn_orientation：须为以下之一：0、1"]);
    expect(
      resultIssueLines(
        storedFor({ msg_type: "template_card", title: "t", jump_list: [{ type: 1, title: "x" }] }).stored,
        "zh",
      ),
    ).toEqual(["result.jump_list.0.url：type 为 1 时必填"]);
    expect(resultIssueLines(storedFor(42).stored, "en")).toEqual([
      "result: must be text (sent as markdown) or a message object",
    ]);
  });

  it("still reads the zod sentences rows stored before this change", () => {
    const old =
      "result 格式不正确：msgtype: Invalid option: expected one of markdown|text; content: Invalid input: expected string, received number; x: something new";
    expect(resultIssueLines(old, "zh")).toEqual([
      "result.msgtype：须为以下之一：markdown、text",
      "result.content：须为文字",
      "result.x：输入无效",
    ]);
    expect(resultIssueLines(old, "en")![2]).toBe("result.x: something new");
    expect(resultIssueLines("TypeError: x is not a function", "zh")).toBeNull();
  });

  it("shows the bilingual stored texts in one language, and a script's own error as it is", () => {
    expect(runErrorText("已取消 (cancelled)", "zh")).toBe("已取消");
    expect(runErrorText("已取消 (cancelled)", "en")).toBe("cancelled");
    expect(storedText("通知渠道「日报群」已停用，已跳过 (channel disabled, skipped)", "zh")).toBe(
      "通知渠道「日报群」已停用，已跳过",
    );
    expect(storedText("渠道已停用，已跳过 (channel disabled, skipped)", "en")).toBe(
      "channel disabled, skipped",
    );
    expect(runErrorText("TypeError: x is not a function\n    at script.js:3:5", "zh")).toBe(
      "TypeError: x is not a function\n    at script.js:3:5",
    );
    expect(runErrorText("boom\n任务已被删除 (task deleted)", "zh")).toBe("boom\n任务已被删除");
  });

  it("words the invalid-result line the run flow adds to the output, and no line of the script's own", () => {
    const { stored } = storedFor({ foo: 1 });
    expect(runOutputText(`完成 (done)\nTypeError: boom\n${stored}`, "zh")).toBe(
      "完成 (done)\nTypeError: boom\n脚本返回的 result 格式不正确：result.content：必填",
    );
  });

  it("words a delivery failure per channel", () => {
    const stored =
      "推送失败 (delivery failed): 坏群: 机器人不存在或已被删除 (errcode 300001); 日报群: 连接被拒绝 (errcode -1)";
    expect(runErrorText(stored, "zh")).toBe(
      "推送失败：坏群：机器人不存在或已被删除（错误码 300001）；日报群：连接被拒绝（错误码 -1）",
    );
    expect(runErrorText(stored, "en")).toMatch(/^Delivery failed: 坏群: .* \(errcode 300001\); /);
  });

  it("says who started a run in words", () => {
    expect(triggeredByText("token:platform (cli)", "zh")).toBe("平台令牌（命令行）");
    expect(triggeredByText("token:acme (cli)", "zh")).toBe("租户 acme 的令牌（命令行）");
    expect(triggeredByText("token:部署脚本", "zh")).toBe("API 令牌「部署脚本」");
    expect(triggeredByText("ops@example.com", "zh")).toBe("ops@example.com");
    expect(triggeredByText(null, "zh")).toBe("调度器（定时）");
    expect(triggeredByText("token:platform (cli)", "en")).toBe("Platform token (command line)");
  });
});
