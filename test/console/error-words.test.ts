import { readdirSync, readFileSync } from "node:fs";

import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { errorText, issueText, localizeText, serverFieldErrors } from "@/components/i18n/errors";
import { REASON_WORDS } from "@/components/i18n/error-words";
import { ERROR_REASONS, isErrorReason, type ErrorReason } from "@/lib/errors";
import { ZCreateChannelInput } from "@/lib/schemas/channel";
import { validationError, zodDetails } from "@/server/errors";

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
    expect(errorText(trpcError("Task not found", { code: "NOT_FOUND" }), "en")).toBe(
      "The record does not exist or was deleted.",
    );
  });

  it("words a server error by its reason and params, never its English message", () => {
    const stale = trpcError("the task was changed by someone else", {
      code: "CONFLICT",
      reason: "TASK_VERSION_STALE",
      params: { current: 7 },
      details: [{ path: "version", message: "stale", reason: "TASK_VERSION_STALE", params: { current: 7 } }],
    });
    expect(errorText(stale, "zh")).toBe("任务已被他人修改（当前版本 7），请刷新后再保存。");
    expect(errorText(stale, "en")).toMatch(/current version 7/);
    const notFound = trpcError("Task not found", { code: "NOT_FOUND", reason: "TASK_NOT_FOUND", params: {} });
    expect(errorText(notFound, "zh")).toBe("任务不存在或已被删除。");
  });

  it("words the details the server builds from real zod issues (code + params), in both languages", () => {
    const schema = z.object({ task_name: z.string().max(100), n: z.number().int().min(1), who: z.string() });
    const r = schema.safeParse({ task_name: "x".repeat(101), n: 0 });
    const err = validationError(r.error!.issues);
    const wire = trpcError(err.message, { code: "BAD_REQUEST", reason: err.reason, details: err.details });
    const zh = serverFieldErrors(wire, "zh");
    expect(zh).toEqual({ task_name: "不能超过 100 个字符", n: "不能小于 1", who: "必填" });
    expect(serverFieldErrors(wire, "en").task_name).toBe("At most 100 characters");
    expect(errorText(wire, "zh")).toBe("任务名称：不能超过 100 个字符；n：不能小于 1；who：必填");
    // The REST message stays English (the documented convention).
    expect(err.message).toMatch(/^Invalid input: task_name: /);
    expect(err.message).not.toMatch(CJK);
  });

  it("a schema's reason code reads as English on the wire and as words on the console", () => {
    const r = ZCreateChannelInput.safeParse({
      channel_name: "群",
      channel_type: "dingtalk_bot",
      webhook_url: "https://x.test/robot/send",
      sign_secret: "abc",
    });
    const details = zodDetails(r.error!.issues);
    const secret = details.find((d) => d.path === "sign_secret")!;
    expect(secret).toMatchObject({
      reason: "SIGN_SECRET_PREFIX",
      message: "sign_secret must start with SEC",
    });
    expect(issueText(secret, "zh")).toBe("加签密钥须以 SEC 开头");
    const url = details.find((d) => d.path === "webhook_url")!;
    expect(issueText(url, "zh")).toBe("钉钉机器人 Webhook 地址缺少 access_token 参数");
  });
});

describe("one registry of error reasons", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("every reason has zh and en words, using only the reason's own parameters", () => {
    for (const reason of Object.keys(ERROR_REASONS) as ErrorReason[]) {
      const [, english] = ERROR_REASONS[reason];
      for (const locale of ["zh", "en"] as const) {
        const words = REASON_WORDS[locale][reason];
        expect(words, `${locale} words for ${reason}`).toBeTruthy();
        for (const name of placeholders(words))
          expect(placeholders(english), `${reason} {${name}}`).toContain(name);
      }
      expect(REASON_WORDS.zh[reason], reason).toMatch(CJK);
    }
  });

  it("every AppError the server throws names a reason of the registry; nothing throws a bare TRPCError", () => {
    const files = readdirSync("server", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `server/${f}`);
    expect(files.length).toBeGreaterThan(50);
    let sites = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/new AppError\(\s*"([^"]*)"/g)) {
        sites++;
        expect(isErrorReason(m[1]), `${file}: new AppError("${m[1]}")`).toBe(true);
      }
      // Any other first argument must be an expression whose type is ErrorReason (typecheck).
      if (file !== "server/trpc.ts") expect(text, file).not.toMatch(/new TRPCError\(/);
    }
    expect(sites).toBeGreaterThan(60);
  });
});
