import { z } from "zod";
import { deleteSecret, listSecrets, setSecret, ZSetSecretInput } from "../services/secrets";
import { createTRPCRouter, tenantProcedure } from "../trpc";

const ZId = z.object({ id: z.number().int().positive() });

/** Secret values are write-only: listed by key, never returned. */
export const secretsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(z.object({ tenant_id: z.string().max(50).nullish() }).optional())
    .query(({ ctx, input }) => listSecrets({ scope: ctx.scope, tenantId: input?.tenant_id })),
  set: tenantProcedure
    .input(ZSetSecretInput)
    .mutation(({ ctx, input }) => setSecret({ scope: ctx.scope, input })),
  delete: tenantProcedure
    .input(ZId)
    .mutation(({ ctx, input }) => deleteSecret({ scope: ctx.scope, id: input.id })),
});
