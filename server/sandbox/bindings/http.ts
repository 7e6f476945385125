import { z } from "zod";
import { OutboundError, outboundRequest, type OutboundResponse } from "../../net/outbound";
import { countNetworkCall, ScriptFacingError, type RunContext } from "../run-context";
import { parseArgs, type HostBinding } from "./types";

const ZScalar = z.union([z.string(), z.number(), z.boolean()]);
const ZHeaders = z.record(z.string(), ZScalar.transform(String));

const ZGetOptions = z
  .object({ headers: ZHeaders.optional(), params: z.record(z.string(), ZScalar).optional() })
  .strict();
const ZPostOptions = z
  .object({
    data: z.union([z.string(), z.record(z.string(), ZScalar)]).optional(),
    json: z.unknown().optional(),
    headers: ZHeaders.optional(),
  })
  .strict();

export type ScriptHttpResponse = {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  text: string;
  json: unknown;
};

function toScript(res: OutboundResponse): ScriptHttpResponse {
  const text = res.body.toString("utf8");
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, ok: res.status >= 200 && res.status < 300, headers: res.headers, text, json };
}

async function send(
  fn: string,
  ctx: RunContext,
  req: Parameters<typeof outboundRequest>[0],
): Promise<ScriptHttpResponse> {
  countNetworkCall(ctx);
  try {
    return toScript(
      await outboundRequest({
        ...req,
        timeoutMs: ctx.limits.httpTimeoutMs,
        maxBytes: ctx.limits.httpMaxBytes,
        signal: ctx.signal,
      }),
    );
  } catch (err) {
    if (err instanceof OutboundError) throw new ScriptFacingError(`${fn}(): ${err.message}`);
    throw err;
  }
}

export const httpBindings: Record<string, HostBinding> = {
  http_get: (ctx, args) => {
    const [url, options = {}] = parseArgs(
      "http_get",
      ["url", "options"],
      z.tuple([z.string(), ZGetOptions.optional()]),
      args,
    );
    let target = url;
    if (options.params) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        throw new ScriptFacingError(`http_get(): 无效的 URL：${url}`);
      }
      for (const [k, v] of Object.entries(options.params)) u.searchParams.append(k, String(v));
      target = u.toString();
    }
    return send("http_get", ctx, { url: target, method: "GET", headers: options.headers });
  },

  http_post: (ctx, args) => {
    const [url, options = {}] = parseArgs(
      "http_post",
      ["url", "options"],
      z.tuple([z.string(), ZPostOptions.optional()]),
      args,
    );
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (typeof options.data === "string") {
      headers["content-type"] = "text/plain; charset=utf-8";
      body = options.data;
    } else if (options.data) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(Object.entries(options.data).map(([k, v]) => [k, String(v)])).toString();
    }
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    return send("http_post", ctx, { url, method: "POST", headers, body });
  },
};
