import { ZListSecretsInput, ZSetSecretInput } from "@/lib/schemas/admin";
import { ZIdInput } from "@/lib/schemas/common";
import { deleteSecret, listSecrets, setSecret } from "../services/secrets";
import { createTRPCRouter, tenantProcedure } from "../trpc";

/** Secret values are write-only: listed by key, never returned. */
export const secretsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListSecretsInput)
    .query(({ ctx, input }) => listSecrets({ scope: ctx.scope, tenantId: input?.tenant_id })),
  set: tenantProcedure
    .input(ZSetSecretInput)
    .mutation(({ ctx, input }) => setSecret({ scope: ctx.scope, input })),
  delete: tenantProcedure
    .input(ZIdInput)
    .mutation(({ ctx, input }) => deleteSecret({ scope: ctx.scope, id: input.id })),
});
