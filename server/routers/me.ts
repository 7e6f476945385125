import { db } from "../db";
import { accessForUser } from "../auth/session-scope";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const meRouter = createTRPCRouter({
  /** Who is signed in, and which tenants the tenant switcher offers. */
  get: protectedProcedure.query(async ({ ctx }) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: ctx.user.id } });
    const access = await accessForUser(user.id);
    const active = access.tenants.find((t) => t.tenantId === ctx.activeTenantId);
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        locale: user.locale === "en" ? ("en" as const) : ("zh" as const),
      },
      isPlatformAdmin: access.isPlatformAdmin,
      tenants: access.tenants,
      activeTenantId:
        active?.tenantId ?? (access.isPlatformAdmin ? null : (access.tenants[0]?.tenantId ?? null)),
    };
  }),
});
