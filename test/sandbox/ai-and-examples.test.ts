import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { testScript } from "@/server/sandbox/test-script";
import { createTenant } from "@/server/services/tenants";
import { startFakeLlm, type FakeLlm } from "../fakes/llm";
import { resetDb } from "../helpers/db";
import { run, setEnv } from "./helpers";
import { BASIC_EXAMPLE, SALES_REPORT_EXAMPLE } from "./seed-examples";

let llm: FakeLlm;

beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(async () => {
  setEnv({ AI_BASE_URL: undefined, AI_API_KEY: undefined, AI_MODEL: undefined });
  await llm.close();
});
beforeEach(() => {
  llm.requests.length = 0;
  setEnv({ AI_BASE_URL: llm.url, AI_API_KEY: llm.apiKey, AI_MODEL: "deepseek-flash" });
});

describe("ai()", () => {
  it("runs the seed's basic example against the OpenAI-compatible API", async () => {
    const r = await run(BASIC_EXAMPLE, { params: { prompt: "写一句早安问候" }, timezone: "Asia/Shanghai" });
    expect(r.error).toBeNull();
    expect(r.result).toMatchObject({ msg_type: "markdown", title: "每日推送" });
    expect((r.result as { content: string }).content).toMatch(
      /^\*\*生成时间\*\*: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\n\n回答：写一句早安问候$/,
    );
    expect(r.output).toMatch(/任务开始执行\n.*任务执行完成$/);
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]!.headers.authorization).toBe(`Bearer ${llm.apiKey}`);
    expect(llm.requests[0]!.body).toEqual({
      model: "deepseek-flash",
      messages: [
        { role: "system", content: "你是一个助手" },
        { role: "user", content: "写一句早安问候" },
      ],
      stream: false,
    });
  });

  it("passes model, temperature and max_tokens; the default model comes from AI_MODEL", async () => {
    setEnv({ AI_MODEL: "deepseek-v4-pro" });
    const r = await run(
      "ai('a'); return ai('b', { model: 'deepseek-flash', temperature: 0.2, max_tokens: 50 })",
    );
    expect(r.result).toMatchObject({ content: "回答：b" });
    expect(llm.requests.map((q) => q.body.model)).toEqual(["deepseek-v4-pro", "deepseek-flash"]);
    expect(llm.requests[1]!.body).toMatchObject({ temperature: 0.2, max_tokens: 50 });
  });

  it("explains a missing or wrong key (401)", async () => {
    setEnv({ AI_API_KEY: undefined });
    const missing = await run("ai('x')");
    expect(missing.error).toMatch(/^Error: ai\(\): AI 接口鉴权失败（401）：未配置 AI_API_KEY/);
    setEnv({ AI_API_KEY: "sk-wrong-key-9999" });
    const wrong = await run("ai('x')");
    expect(wrong.error).toContain("AI_API_KEY 无效");
    expect(wrong.error).toContain("****9999 is invalid");
  });

  it.each([
    [402, "AI 账户余额不足（402）：Insufficient Balance"],
    [429, "AI 接口限流（429），请稍后重试"],
    [500, "AI 服务暂时不可用（HTTP 500）"],
    [503, "AI 服务暂时不可用（HTTP 503）"],
  ])("explains HTTP %i", async (status, message) => {
    llm.failNext(status);
    const r = await run("ai('x')");
    expect(r.error).toContain(message);
  });

  it("reports an unknown model and bad arguments", async () => {
    const r = await run("ai('x', { model: 'deepseek-chat' })");
    expect(r.error).toContain("AI 请求被拒绝（HTTP 400）：Model Not Exist");
    const bad = await run("ai('x', { temperature: 5 })");
    expect(bad.error).toMatch(/^Error: ai\(\): options\.temperature /);
    // The fake records only valid requests: the unknown model was refused there, the bad
    // temperature never left the sandbox.
    expect(llm.requests).toHaveLength(0);
  });
});

describe("the seed's sales report example", () => {
  it("produces the actionCard result", async () => {
    const r = await run(SALES_REPORT_EXAMPLE, { timezone: "Asia/Shanghai" });
    expect(r.error).toBeNull();
    const result = r.result as { msg_type: string; title: string; content: string; buttons: unknown[] };
    expect(result.msg_type).toBe("actionCard");
    expect(result.title).toMatch(/^销售日报 \| \d{4}年\d{2}月\d{2}日$/);
    expect(result.content).toMatch(/\| 销售额 \| \*\*¥\d{2,3},\d{3}\*\* \|/);
    expect(result.content).toMatch(/\| 订单数 \| \*\*\d{2}\*\* \|/);
    expect(result.buttons).toEqual([{ title: "查看详情", url: "https://example.com/report" }]);
    expect(r.output).toContain("生成销售日报");
  });
});

describe("testScript", () => {
  beforeEach(async () => {
    await resetDb();
    await createTenant({
      scope: platformScope(),
      input: { tenant_id: "acme", name: "Acme", is_enabled: true },
    });
  });

  it("runs the script and previews the payload of each robot type", async () => {
    const r = await testScript({ scope: tenantScope("acme"), script_content: SALES_REPORT_EXAMPLE });
    expect(r.success).toBe(true);
    expect(r.messages).not.toBeNull();
    const ding = r.messages!.dingtalk_bot[0] as {
      msgtype: string;
      actionCard: { title: string; btns?: unknown[]; singleURL?: string };
    };
    expect(ding.msgtype).toBe("actionCard");
    expect(ding.actionCard.title).toMatch(/^销售日报/);
    expect(r.messages!.wecom_bot.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.messages!.wecom_bot)).toContain("销售额");
  });

  it("a failing script is a result, not an exception; no result means no messages", async () => {
    const r = await testScript({ scope: platformScope(), script_content: "log('x')\nnope()" });
    expect(r).toMatchObject({ success: false, result: null, messages: null });
    expect(r.error).toContain("ReferenceError: nope is not defined\n    at script.js:2:1");
  });

  it("passes input params and the tenant, and validates its input", async () => {
    const r = await testScript({
      scope: platformScope(),
      script_content: "return get_param('who') + '@' + tenant_id",
      input_params: { who: "me" },
      tenant_id: "acme",
    });
    expect(r.result).toMatchObject({ content: "me@acme" });
    await expect(testScript({ scope: platformScope(), script_content: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: [{ path: "script_content" }],
    });
    await expect(
      testScript({ scope: platformScope(), script_content: "1", tenant_id: "nobody" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      testScript({ scope: tenantScope("acme"), script_content: "1", tenant_id: "globex" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      testScript({ scope: tenantScope("acme", "viewer"), script_content: "1" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
