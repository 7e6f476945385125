import type { z } from "zod";
import { AppError, validationError } from "../errors";
import type { Scope } from "../auth/scope";
import { scopeFromRequest } from "../auth/request-auth";
import { assertNotCrossSite } from "./csrf";
import { errorResponse } from "./errors";
import { jsonResponse } from "./json";
import { illFormedTextPath } from "./well-formed";

export const MAX_BODY_BYTES = 1024 * 1024;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Spec<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> = {
  query?: Q;
  body?: B;
  params?: P;
  /** Status of a successful answer (201 for creates, 202 for accepted runs). */
  status?: number;
};

type Args<Q, B, P> = { scope: Scope; query: Q; body: B; params: P; req: Request };

type Out<T extends z.ZodType | undefined> = T extends z.ZodType ? z.output<T> : undefined;

function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationError(
    prefix ? parsed.error.issues.map((i) => ({ ...i, path: [prefix, ...i.path] })) : parsed.error.issues,
  );
}

function rejectIllFormed(value: unknown): void {
  const path = illFormedTextPath(value);
  if (path !== null) throw new AppError("TEXT_ILL_FORMED", {}, { field: path });
}

async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("BODY_TOO_LARGE", { max: MAX_BODY_BYTES });
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("BODY_TOO_LARGE", { max: MAX_BODY_BYTES });
  if (text.trim() === "") return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BODY_NOT_JSON", {}, { field: "body" });
  }
  rejectIllFormed(body);
  return body;
}

/**
 * Wraps a REST route handler: authenticates (Bearer token or console session), resolves the
 * scope, parses params/query/body with zod, and turns every error into API.md's envelope.
 * The handler itself should only call one service.
 */
export function restRoute<
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
  spec: Spec<NonNullable<Q>, NonNullable<B>, NonNullable<P>> & { query?: Q; body?: B; params?: P },
  handler: (args: Args<Out<Q>, Out<B>, Out<P>>) => Promise<unknown>,
) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    try {
      assertNotCrossSite(req);
      const scope = await scopeFromRequest(req);
      const rawParams = ctx ? await ctx.params : {};
      rejectIllFormed(rawParams);
      rejectIllFormed(Object.fromEntries(new URL(req.url).searchParams));
      const params = spec.params ? parseWith(spec.params, rawParams) : undefined;
      const query = spec.query
        ? parseWith(spec.query, Object.fromEntries(new URL(req.url).searchParams))
        : undefined;
      const body = spec.body ? parseWith(spec.body, await readJsonBody(req)) : undefined;
      const result = await handler({ scope, query, body, params, req } as Args<Out<Q>, Out<B>, Out<P>>);
      // A handler may answer something other than JSON (sdk-docs as markdown).
      if (result instanceof Response) return result;
      return jsonResponse(result, spec.status ?? 200);
    } catch (err) {
      return errorResponse(err, { method: req.method, url: new URL(req.url).pathname });
    }
  };
}
