import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import zlib from "node:zlib";
import { isAllowlisted, isBlockedAddress } from "./ip-policy";

// Outbound HTTP for anything whose URL a user controls (script http_*, robot webhooks, task
// webhooks). Every hop resolves the host once, checks every address, and connects to exactly those
// addresses (the socket's lookup returns them), so a second DNS answer cannot swap in a private IP.

export type OutboundErrorCode =
  "BAD_URL" | "BLOCKED" | "TIMEOUT" | "TOO_LARGE" | "TOO_MANY_REDIRECTS" | "NETWORK" | "ABORTED";

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

export type OutboundRequest = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
};

export type OutboundResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
};

export const OUTBOUND_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

type Resolved = { address: string; family: number }[];

function parseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new OutboundError("BAD_URL", `无效的 URL：${raw}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new OutboundError("BAD_URL", `只支持 http/https 地址：${raw}`);
  }
  return u;
}

/** Resolves the URL's host and refuses private, loopback and link-local targets not allowlisted. */
export async function resolveAllowed(u: URL): Promise<Resolved> {
  const host = u.hostname.replace(/^\[|\]$/g, "");
  let addresses: Resolved;
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch {
      throw new OutboundError("NETWORK", `无法解析域名：${host}`);
    }
    if (addresses.length === 0) throw new OutboundError("NETWORK", `无法解析域名：${host}`);
  }
  for (const { address } of addresses) {
    if (isBlockedAddress(address) && !isAllowlisted(host, address)) {
      throw new OutboundError(
        "BLOCKED",
        `禁止访问内网、本机或保留地址：${host}（${address}）；如确需访问，请将其加入 OUTBOUND_ALLOWLIST`,
      );
    }
  }
  return addresses;
}

/** Throws OutboundError when the URL may not be requested (for callers that validate early). */
export async function assertUrlAllowed(raw: string): Promise<void> {
  await resolveAllowed(parseUrl(raw));
}

function pinnedLookup(addresses: Resolved): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as LookupFunction;
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

async function oneHop(
  u: URL,
  req: Required<Pick<OutboundRequest, "method" | "maxBytes">> & OutboundRequest,
  signal: AbortSignal,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const addresses = await resolveAllowed(u);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const mod = u.protocol === "https:" ? https : http;
  const body =
    req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, "utf8");
  const headers: Record<string, string> = {
    "user-agent": "scheduled-task-platform/1.0",
    "accept-encoding": "gzip, deflate, br",
    ...lowerKeys(req.headers),
  };
  // Framing headers are ours to set: a wrong one from the caller would hang or smuggle.
  for (const h of ["content-length", "transfer-encoding", "connection", "host"]) delete headers[h];
  if (body) headers["content-length"] = String(body.length);

  const options: https.RequestOptions = {
    protocol: u.protocol,
    hostname: host,
    port: u.port || undefined,
    path: u.pathname + u.search,
    method: req.method,
    headers,
    agent: false,
    lookup: pinnedLookup(addresses),
    servername: isIP(host) ? undefined : host,
  };

  return new Promise((resolve, reject) => {
    let request: http.ClientRequest;
    try {
      request = mod.request(options);
    } catch (err) {
      // Invalid header names or values are refused synchronously by node:http.
      return reject(new OutboundError("BAD_URL", `请求无效：${(err as Error).message}`));
    }
    const onAbort = () =>
      request.destroy(
        signal.reason instanceof Error ? signal.reason : new OutboundError("ABORTED", "请求已取消"),
      );
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    request.on("error", (err) => {
      signal.removeEventListener("abort", onAbort);
      reject(err instanceof OutboundError ? err : new OutboundError("NETWORK", `请求失败：${err.message}`));
    });
    request.on("response", (res) => {
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > req.maxBytes) {
        request.destroy(tooLarge(req.maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) request.destroy(tooLarge(req.maxBytes));
        else chunks.push(chunk);
      });
      res.on("error", (err) =>
        reject(
          err instanceof OutboundError ? err : new OutboundError("NETWORK", `读取响应失败：${err.message}`),
        ),
      );
      res.on("end", () => {
        signal.removeEventListener("abort", onAbort);
        try {
          const body = decode(Buffer.concat(chunks), res.headers["content-encoding"], req.maxBytes);
          const flat = flattenHeaders(res.headers);
          if (body.decoded) {
            delete flat["content-encoding"];
            delete flat["content-length"];
          }
          resolve({ status: res.statusCode ?? 0, headers: flat, body: body.data });
        } catch (err) {
          reject(err);
        }
      });
    });
    request.end(body);
  });
}

/** Undoes gzip/deflate/br with the same size cap on the decoded body (no decompression bombs). */
function decode(
  raw: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): { data: Buffer; decoded: boolean } {
  const enc = (encoding ?? "").trim().toLowerCase();
  if (!enc || enc === "identity" || raw.length === 0) return { data: raw, decoded: false };
  const opts = { maxOutputLength: maxBytes };
  try {
    if (enc === "gzip" || enc === "x-gzip") return { data: zlib.gunzipSync(raw, opts), decoded: true };
    if (enc === "deflate") return { data: zlib.inflateSync(raw, opts), decoded: true };
    if (enc === "br") return { data: zlib.brotliDecompressSync(raw, opts), decoded: true };
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw new OutboundError("NETWORK", `无法解压响应（${enc}）`);
  }
  return { data: raw, decoded: false };
}

function tooLarge(maxBytes: number) {
  return new OutboundError("TOO_LARGE", `响应超过 ${Math.round(maxBytes / 1024 / 1024)} MB 限制`);
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

/** One HTTP exchange with SSRF checks on every hop, a total timeout, a body cap and manual redirects. */
export async function outboundRequest(input: OutboundRequest): Promise<OutboundResponse> {
  const timeoutMs = input.timeoutMs ?? OUTBOUND_DEFAULTS.timeoutMs;
  const maxRedirects = input.maxRedirects ?? OUTBOUND_DEFAULTS.maxRedirects;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  let url = parseUrl(input.url);
  let req = {
    ...input,
    method: (input.method ?? "GET").toUpperCase(),
    maxBytes: input.maxBytes ?? OUTBOUND_DEFAULTS.maxBytes,
  };

  try {
    for (let hop = 0; ; hop++) {
      const res = await oneHop(url, req, signal);
      const location = res.headers["location"];
      if (![301, 302, 303, 307, 308].includes(res.status) || !location) {
        return { ...res, url: url.toString() };
      }
      if (hop >= maxRedirects)
        throw new OutboundError("TOO_MANY_REDIRECTS", `重定向次数超过 ${maxRedirects} 次`);
      const next = parseUrl(new URL(location, url).toString());
      const headers = lowerKeys(req.headers);
      if (next.origin !== url.origin) {
        delete headers["authorization"];
        delete headers["cookie"];
      }
      const toGet =
        res.status === 303 || ((res.status === 301 || res.status === 302) && req.method === "POST");
      if (toGet) {
        delete headers["content-type"];
        req = { ...req, method: req.method === "HEAD" ? "HEAD" : "GET", body: undefined, headers };
      } else {
        req = { ...req, headers };
      }
      url = next;
    }
  } catch (err) {
    if (
      timeout.aborted &&
      !(err instanceof OutboundError && err.code !== "ABORTED" && err.code !== "NETWORK")
    ) {
      throw new OutboundError("TIMEOUT", `请求超时（${Math.round(timeoutMs / 1000)} 秒）：${url.host}`);
    }
    if (input.signal?.aborted) throw new OutboundError("ABORTED", "请求已取消");
    throw err;
  }
}
