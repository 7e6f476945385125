import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { AppError } from "../errors";
import { scopeForToken } from "../auth/tokens";
import { errorResponse } from "../http/errors";
import { METRICS_CONTENT_TYPE, renderMetrics } from "./index";

function sameToken(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

/** Scrapers authenticate with METRICS_TOKEN, or with any platform-scope API token. */
export async function metricsResponse(req: Request): Promise<Response> {
  try {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
    if (!token) throw new AppError("METRICS_TOKEN_REQUIRED");
    const allowed =
      (env.METRICS_TOKEN && sameToken(token, env.METRICS_TOKEN)) ||
      (await scopeForToken(token))?.type === "platform";
    if (!allowed) throw new AppError("METRICS_TOKEN_INVALID");
    return new Response(await renderMetrics(), {
      headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
