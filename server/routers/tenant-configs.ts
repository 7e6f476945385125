import { ZListTenantConfigsInput, ZSetTenantConfigInput } from "@/lib/schemas/admin";
import { ZIdParams } from "@/lib/schemas/common";
import { deleteTenantConfig, listTenantConfigs, setTenantConfig } from "../services/tenant-configs";
import { createTRPCRouter, tenantProcedure } from "../trpc";

/** Secret config values are write-only. */
export const tenantConfigsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListTenantConfigsInput.optional())
    // tRPC has parsed the input already; parse again only the absent one (a parsed `sort` is an
    // object, which the schema's string form would refuse).
    .query(({ ctx, input }) =>
      listTenantConfigs({ scope: ctx.scope, filter: input ?? ZListTenantConfigsInput.parse({}) }),
    ),
  set: tenantProcedure
    .input(ZSetTenantConfigInput)
    .mutation(({ ctx, input }) => setTenantConfig({ scope: ctx.scope, input })),
  delete: tenantProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => deleteTenantConfig({ scope: ctx.scope, id: input.id })),
});
