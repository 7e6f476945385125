import { TRANSPORT } from "./robot-errors";

// One HTTP exchange with a robot API. Never throws: transport failures become TRANSPORT codes.

export type HttpJsonAnswer = {
  errcode: number;
  errmsg: string;
  httpStatus?: number;
  body?: Record<string, unknown>;
};

export const DEFAULT_TIMEOUT_MS = 10_000;

export async function requestJson(
  url: string,
  init: { method: "GET" | "POST"; body?: unknown; timeoutMs?: number },
): Promise<HttpJsonAnswer> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? {} : { "Content-Type": "application/json;charset=utf-8" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError" || e.name === "AbortError")
      return { errcode: TRANSPORT.timeout, errmsg: `timeout after ${timeoutMs} ms` };
    return { errcode: TRANSPORT.network, errmsg: e.cause?.code ?? e.cause?.message ?? e.message };
  }
  if (!res.ok) return { errcode: TRANSPORT.http, errmsg: `HTTP ${res.status} ${res.statusText}`.trim(), httpStatus: res.status };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== "object" || typeof (body as { errcode?: unknown }).errcode !== "number")
    return { errcode: TRANSPORT.badResponse, errmsg: `unexpected response: ${text.slice(0, 200)}`, httpStatus: res.status };
  const b = body as { errcode: number; errmsg?: unknown };
  return { errcode: b.errcode, errmsg: typeof b.errmsg === "string" ? b.errmsg : "", httpStatus: res.status, body: b };
}
