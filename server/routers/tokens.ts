import { ZCreateTokenInput } from "@/lib/schemas/admin";
import { ZIdInput } from "@/lib/schemas/common";
import { createApiToken, listApiTokens, revokeApiToken } from "../services/api-tokens";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const tokensRouter = createTRPCRouter({
  list: tenantProcedure.query(({ ctx }) => listApiTokens({ scope: ctx.scope })),
  /** Returns the plain token once; only its hash is kept. */
  create: tenantProcedure
    .input(ZCreateTokenInput)
    .mutation(({ ctx, input }) => createApiToken({ scope: ctx.scope, input })),
  revoke: tenantProcedure
    .input(ZIdInput)
    .mutation(({ ctx, input }) => revokeApiToken({ scope: ctx.scope, id: input.id })),
});
