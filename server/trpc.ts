import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { db } from "./db";
import { AppError, validationError, type AppErrorCode } from "./errors";
import { illFormedTextPath } from "./http/well-formed";
import { canWrite, type Scope } from "./auth/scope";
import { scopeForUser, type SessionUser } from "./auth/session-scope";
import { logger } from "./logger";

/**
 * Built per request by the route handler, or by hand in tests (createCaller). `token` is the
 * scope of an `Authorization: Bearer <api token>` (resolved like REST's): undefined without the
 * header, null for a header that is not a valid token (then every procedure answers 401).
 */
export type TrpcContext = {
  db: typeof db;
  user: SessionUser | null;
  activeTenantId: string | null;
  token?: Scope | null;
};

export function createContext(opts: {
  user: SessionUser | null;
  activeTenantId?: string | null;
  token?: Scope | null;
}): TrpcContext {
  return { db, user: opts.user, activeTenantId: opts.activeTenantId ?? null, token: opts.token };
}

const TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // A refused input (zod) is worded like a service's INVALID_INPUT; `reason` + `params` and
    // the details' issue codes are what the console turns into words (components/i18n).
    const cause = error.cause instanceof ZodError ? validationError(error.cause.issues) : error.cause;
    const known = cause instanceof AppError ? cause : undefined;
    // Unknown errors leak nothing but a generic message; they are logged server-side.
    const internal = error.code === "INTERNAL_SERVER_ERROR" && !known;
    return {
      ...shape,
      message: known?.message ?? (internal ? "Internal server error" : shape.message),
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        reason: known?.reason ?? null,
        params: known?.params ?? null,
        details: known?.details ?? null,
      },
    };
  },
});

/** Services throw AppError; this turns it into the matching TRPCError. */
const appErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR")
      logger.error({ err: cause ?? result.error, path }, "trpc error");
  }
  return result;
});

/** Refuses input text that is not valid Unicode before any procedure sees it. */
const wellFormedInput = t.middleware(async ({ getRawInput, next }) => {
  const path = illFormedTextPath(await getRawInput());
  if (path !== null) throw new AppError("TEXT_ILL_FORMED", {}, { field: path });
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(appErrors).use(wellFormedInput);

const refuseBadToken = publicProcedure.use(({ ctx, next }) => {
  if (ctx.token === null) throw new AppError("TOKEN_INVALID");
  return next();
});

/** Signed-in console users (session only: these procedures are about the user). */
export const protectedProcedure = refuseBadToken.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("SIGN_IN_REQUIRED");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * Resolves the caller's scope for scope-aware services: an API token's (Bearer, as on REST), or
 * the signed-in user's (platform, or the active tenant).
 */
export const tenantProcedure = refuseBadToken.use(async ({ ctx, next }) => {
  if (ctx.token) return next({ ctx: { ...ctx, scope: ctx.token } });
  if (!ctx.user) throw new AppError("SIGN_IN_REQUIRED");
  const scope: Scope = await scopeForUser(ctx.user, ctx.activeTenantId);
  return next({ ctx: { ...ctx, scope } });
});

/** Like tenantProcedure but refuses read-only roles before the service is called. */
export const writeProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (!canWrite(ctx.scope)) throw new AppError("READ_ONLY_ROLE");
  return next();
});

/** Platform admins in the platform view. */
export const adminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.scope.type !== "platform" || ctx.scope.role !== "platform_admin") {
    throw new AppError("PLATFORM_ADMIN_ONLY");
  }
  return next();
});
