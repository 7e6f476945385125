import { z } from "zod";
import { env } from "../../env";
import { countNetworkCall, ScriptFacingError, type RunContext } from "../run-context";
import { parseArgs, type HostBinding } from "./types";

const ZAiOptions = z
  .object({
    system: z.string().optional(),
    model: z.string().min(1).optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().optional(),
  })
  .strict();

const ZCompletion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

// An LLM answer can take a while; the run's wall-clock limit still bounds it.
const AI_TIMEOUT_MS = 120_000;

function providerMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return parsed.error.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

function httpError(status: number, body: string): ScriptFacingError {
  const detail = providerMessage(body);
  if (status === 401) {
    return new ScriptFacingError(
      `ai(): AI 接口鉴权失败（401）：${env.AI_API_KEY ? "AI_API_KEY 无效" : "未配置 AI_API_KEY"}。${detail}`,
    );
  }
  if (status === 402) return new ScriptFacingError(`ai(): AI 账户余额不足（402）：${detail}`);
  if (status === 429) return new ScriptFacingError(`ai(): AI 接口限流（429），请稍后重试：${detail}`);
  if (status >= 500) return new ScriptFacingError(`ai(): AI 服务暂时不可用（HTTP ${status}）：${detail}`);
  return new ScriptFacingError(`ai(): AI 请求被拒绝（HTTP ${status}）：${detail}`);
}

export async function callAi(ctx: RunContext, args: unknown[]): Promise<string> {
  const [prompt, options = {}] = parseArgs(
    "ai",
    ["prompt", "options"],
    z.tuple([z.string().min(1), ZAiOptions.optional()]),
    args,
  );
  countNetworkCall(ctx);
  const messages = [
    ...(options.system ? [{ role: "system", content: options.system }] : []),
    { role: "user", content: prompt },
  ];
  const body = {
    model: options.model ?? env.AI_MODEL,
    messages,
    stream: false,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.max_tokens !== undefined ? { max_tokens: options.max_tokens } : {}),
  };
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (env.AI_API_KEY) headers.authorization = `Bearer ${env.AI_API_KEY}`;
  const url = `${env.AI_BASE_URL.replace(/\/+$/, "")}/chat/completions`;

  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(AI_TIMEOUT_MS)]),
    });
  } catch (err) {
    if (ctx.signal.aborted) throw new ScriptFacingError("ai(): 已取消");
    const reason = err instanceof Error && err.name === "TimeoutError" ? "请求超时" : "无法连接 AI 服务";
    throw new ScriptFacingError(`ai(): ${reason}（${new URL(url).host}）`);
  }
  const text = await res.text();
  if (!res.ok) throw httpError(res.status, text);
  let json: unknown;
  try {
    // Providers may send blank keep-alive lines before the JSON under load.
    json = JSON.parse(text.trim());
  } catch {
    throw new ScriptFacingError("ai(): AI 服务返回的不是 JSON");
  }
  const parsed = ZCompletion.safeParse(json);
  if (!parsed.success)
    throw new ScriptFacingError("ai(): AI 服务返回的格式不正确（缺少 choices[0].message.content）");
  return parsed.data.choices[0]!.message.content ?? "";
}

export const aiBindings: Record<string, HostBinding> = { ai: callAi };
