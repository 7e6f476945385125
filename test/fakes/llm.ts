import http from "node:http";
import type { AddressInfo } from "node:net";

// A strict OpenAI-compatible chat completions server (DeepSeek's rules, specs/robot-apis.md §4):
// Bearer key required (401 otherwise), JSON body with a known model (400 "Model Not Exist"),
// well-formed messages and parameter ranges (422), injectable 402/429/5xx.

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
  stream?: boolean;
};

export type FakeLlm = {
  url: string;
  apiKey: string;
  requests: { headers: http.IncomingHttpHeaders; body: ChatRequest }[];
  /** The next request answers this status with an OpenAI-style error body. */
  failNext(status: number, message?: string): void;
  close(): Promise<void>;
};

const ROLES = new Set(["system", "user", "assistant", "tool"]);

function error(res: http.ServerResponse, status: number, message: string, type = "invalid_request_error") {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, param: null, code: "invalid_request_error" } }));
}

function validate(body: unknown, models: string[]): { status: number; message: string } | null {
  if (!body || typeof body !== "object")
    return { status: 422, message: "Failed to deserialize the JSON body" };
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string") return { status: 422, message: "missing field `model`" };
  if (!models.includes(b.model)) return { status: 400, message: "Model Not Exist" };
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return { status: 422, message: "messages must be a non-empty array" };
  for (const m of b.messages as unknown[]) {
    const msg = m as Record<string, unknown>;
    if (!msg || !ROLES.has(String(msg.role)) || typeof msg.content !== "string") {
      return {
        status: 422,
        message: "invalid message: role must be system|user|assistant|tool and content a string",
      };
    }
  }
  if (
    b.temperature !== undefined &&
    (typeof b.temperature !== "number" || b.temperature < 0 || b.temperature > 2)
  ) {
    return { status: 422, message: "temperature must be between 0 and 2" };
  }
  if (b.max_tokens !== undefined && (!Number.isInteger(b.max_tokens) || (b.max_tokens as number) < 1)) {
    return { status: 422, message: "max_tokens must be a positive integer" };
  }
  if (b.stream !== undefined && typeof b.stream !== "boolean")
    return { status: 422, message: "stream must be a boolean" };
  return null;
}

export async function startFakeLlm(
  opts: {
    apiKey?: string;
    models?: string[];
    answer?: (req: ChatRequest) => string;
  } = {},
): Promise<FakeLlm> {
  const apiKey = opts.apiKey ?? "sk-test-0123456789abcdef";
  const models = opts.models ?? ["deepseek-flash", "deepseek-v4-pro"];
  const answer = opts.answer ?? ((req) => `回答：${req.messages.at(-1)!.content}`);
  const failures: { status: number; message: string }[] = [];
  const requests: FakeLlm["requests"] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !/^\/(v1\/)?chat\/completions$/.test(req.url ?? ""))
        return error(res, 404, "Not Found");
      const auth = req.headers.authorization;
      if (auth === undefined)
        return error(
          res,
          401,
          "Authentication Fails (auth header format should be Bearer sk-...)",
          "authentication_error",
        );
      if (auth !== `Bearer ${apiKey}`) {
        return error(
          res,
          401,
          `Authentication Fails, Your api key: ****${auth.slice(-4)} is invalid`,
          "authentication_error",
        );
      }
      if (!String(req.headers["content-type"] ?? "").startsWith("application/json"))
        return error(res, 422, "Content-Type must be application/json");
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return error(res, 422, "Failed to deserialize the JSON body");
      }
      const invalid = validate(body, models);
      if (invalid) return error(res, invalid.status, invalid.message);
      const chat = body as ChatRequest;
      requests.push({ headers: req.headers, body: chat });
      const failure = failures.shift();
      if (failure)
        return error(
          res,
          failure.status,
          failure.message,
          failure.status === 402 ? "unknown_error" : "api_error",
        );
      const content = answer(chat);
      const created = Math.floor(Date.now() / 1000);
      if (chat.stream) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(
          `data: ${JSON.stringify({ id: "fake", object: "chat.completion.chunk", created, model: chat.model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`,
        );
        res.end("data: [DONE]\n\n");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: "chat.completion",
          created,
          model: chat.model,
          choices: [
            { index: 0, message: { role: "assistant", content }, logprobs: null, finish_reason: "stop" },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    failNext(status, message) {
      const defaults: Record<number, string> = {
        402: "Insufficient Balance",
        429: "Rate limit reached",
        500: "Internal Server Error",
        503: "Server overloaded",
      };
      failures.push({ status, message: message ?? defaults[status] ?? "error" });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
