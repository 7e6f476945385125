import { outboundRequest, OutboundError } from "../net/outbound";
import { TRANSPORT } from "./robot-errors";

// One HTTP exchange with a robot API. Never throws: transport failures become TRANSPORT codes.

export type HttpJsonAnswer = {
  errcode: number;
  errmsg: string;
  httpStatus?: number;
  body?: Record<string, unknown>;
};

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Robot URLs are user-supplied: the exchange goes through the SSRF-guarded outbound client, which
 * pins the checked addresses (no DNS rebinding) and refuses internal hosts unless allowlisted.
 */
export async function requestJson(
  url: string,
  init: { method: "GET" | "POST"; body?: unknown; timeoutMs?: number },
): Promise<HttpJsonAnswer> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let status: number;
  let text: string;
  try {
    const res = await outboundRequest({
      url,
      method: init.method,
      headers: init.body === undefined ? {} : { "content-type": "application/json;charset=utf-8" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      timeoutMs,
      maxBytes: 1024 * 1024,
      maxRedirects: 0,
    });
    status = res.status;
    text = res.body.toString("utf8");
  } catch (err) {
    if (err instanceof OutboundError) {
      if (err.code === "TIMEOUT" || err.code === "ABORTED")
        return { errcode: TRANSPORT.timeout, errmsg: `timeout after ${timeoutMs} ms` };
      if (err.code === "BAD_URL" || err.code === "BLOCKED")
        return { errcode: TRANSPORT.badUrl, errmsg: err.message };
      return { errcode: TRANSPORT.network, errmsg: err.message };
    }
    return { errcode: TRANSPORT.network, errmsg: (err as Error).message };
  }
  if (status < 200 || status >= 300)
    return { errcode: TRANSPORT.http, errmsg: `HTTP ${status}`, httpStatus: status };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== "object" || typeof (body as { errcode?: unknown }).errcode !== "number")
    return {
      errcode: TRANSPORT.badResponse,
      errmsg: `unexpected response: ${text.slice(0, 200)}`,
      httpStatus: status,
    };
  const b = body as { errcode: number; errmsg?: unknown };
  return {
    errcode: b.errcode,
    errmsg: typeof b.errmsg === "string" ? b.errmsg : "",
    httpStatus: status,
    body: b,
  };
}
