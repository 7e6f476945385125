import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";
import {
  ACTIVE_TENANT_COOKIE,
  bearerScope,
  parseCookies,
  sessionUserFromRequest,
} from "@/server/auth/request-auth";
import { csrfRefusal } from "@/server/http/csrf";

// /api/trpc/* — the console's API, and typed clients with an API token (Authorization: Bearer,
// resolved like REST: a token's scope, the session cookie ignored; see examples/trpc-client.ts).
async function handler(req: Request) {
  // Mutations (POST) authenticated by the session cookie: JSON from this origin only (CSRF).
  const refused = csrfRefusal(req);
  if (refused)
    return Response.json(
      {
        error: {
          code: "FORBIDDEN",
          message: `CSRF: ${refused}`,
          details: [{ path: "(headers)", message: refused }],
        },
      },
      { status: 403 },
    );
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const token = await bearerScope(req);
      if (token !== undefined) return createContext({ user: null, token });
      return createContext({
        user: await sessionUserFromRequest(req),
        activeTenantId: parseCookies(req)[ACTIVE_TENANT_COOKIE] || null,
      });
    },
  });
}

export { handler as GET, handler as POST };
