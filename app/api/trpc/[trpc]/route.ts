import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";
import { ACTIVE_TENANT_COOKIE, parseCookies, sessionUserFromRequest } from "@/server/auth/request-auth";

// /api/trpc/* — the console's API
async function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () =>
      createContext({
        user: await sessionUserFromRequest(req),
        activeTenantId: parseCookies(req)[ACTIVE_TENANT_COOKIE] || null,
      }),
  });
}

export { handler as GET, handler as POST };
