import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { errorText, issueText, localizeText, serverFieldErrors } from "@/components/i18n/errors";
import { ZCreateChannelInput } from "@/lib/schemas/channel";

function trpcError(message: string, data: Record<string, unknown>) {
  const e = new TRPCClientError(message);
  Object.assign(e, { data });
  return e;
}
const CJK = /[\u3400-\u9fff]/;

describe("errors in the console's language", () => {
  it("shows one language of a bilingual schema message", () => {
    expect(localizeText("须为 URL (must be a URL)", "zh")).toBe("须为 URL");
    expect(localizeText("须为 URL (must be a URL)", "en")).toBe("must be a URL");
    expect(localizeText("Task not found", "zh")).toBeUndefined();
  });

  it("turns zod's own English into words, for every common issue", () => {
    const schema = z.object({
      name: z.string().min(1).max(100),
      n: z.number().int().min(1).max(10),
      url: z.string().url(),
      kind: z.enum(["a", "b"]),
    });
    const r = schema.safeParse({ name: "x".repeat(101), n: 0.5, url: "nope", kind: "c" });
    expect(r.success).toBe(false);
    for (const issue of r.error!.issues) {
      const zh = issueText(issue as never, "zh");
      expect(zh, JSON.stringify(issue)).toMatch(CJK);
      expect(zh.replace(/https?:\/\//g, "")).not.toMatch(/[A-Za-z]{3,}/);
    }
    const tooLong = r.error!.issues.find((i) => i.path[0] === "name")!;
    expect(issueText(tooLong as never, "zh")).toBe("不能超过 100 个字符");
    expect(issueText(tooLong as never, "en")).toBe("At most 100 characters");
  });

  it("refuses a 加签 secret that does not start with SEC, in words", () => {
    const base = {
      channel_name: "群",
      channel_type: "dingtalk_bot",
      webhook_url: "https://x.test/robot/send?access_token=t",
    };
    for (const bad of ["abc", "sec123", " 123SEC"]) {
      const r = ZCreateChannelInput.safeParse({ ...base, sign_secret: bad });
      expect(r.success, bad).toBe(false);
      const issue = r.error!.issues.find((i) => i.path[0] === "sign_secret")!;
      expect(issueText(issue as never, "zh")).toBe("加签密钥须以 SEC 开头");
    }
    for (const ok of ["SECabc", "", null, undefined]) {
      expect(ZCreateChannelInput.safeParse({ ...base, sign_secret: ok }).success, String(ok)).toBe(true);
    }
  });

  it("a server refusal: field errors in words, codes as sentences, no raw English in zh", () => {
    const bad = trpcError("Invalid input: channel_name: Too big", {
      code: "BAD_REQUEST",
      details: [
        {
          path: "channel_name",
          message: "Too big: expected string to have <=100 characters",
          code: "too_big",
          origin: "string",
          maximum: 100,
        },
        { path: "webhook_url", message: "must be a URL" },
      ],
    });
    const fields = serverFieldErrors(bad, "zh");
    expect(fields.channel_name).toBe("不能超过 100 个字符");
    expect(fields.webhook_url).toMatch(CJK);
    expect(errorText(bad, "zh")).toMatch(CJK);
    expect(errorText(trpcError("Task not found", { code: "NOT_FOUND" }), "zh")).toBe(
      "要操作的记录不存在或已被删除。",
    );
    expect(errorText(trpcError("boom at line 3", { code: "INTERNAL_SERVER_ERROR" }), "zh")).not.toContain(
      "boom",
    );
    expect(errorText(trpcError("Failed to fetch", {}), "zh")).toMatch(/无法连接服务器/);
    expect(errorText(trpcError("Task not found", { code: "NOT_FOUND" }), "en")).toBe("Task not found");
  });
});
