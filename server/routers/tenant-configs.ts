import { ZListTenantConfigsInput, ZSetTenantConfigInput } from "@/lib/schemas/admin";
import { ZIdParams } from "@/lib/schemas/common";
import { deleteTenantConfig, listTenantConfigs, setTenantConfig } from "../services/tenant-configs";
import { createTRPCRouter, tenantProcedure } from "../trpc";

/** Secret config values are write-only. */
export const tenantConfigsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListTenantConfigsInput.optional())
    .query(({ ctx, input }) =>
      listTenantConfigs({ scope: ctx.scope, filter: ZListTenantConfigsInput.parse(input ?? {}) }),
    ),
  set: tenantProcedure
    .input(ZSetTenantConfigInput)
    .mutation(({ ctx, input }) => setTenantConfig({ scope: ctx.scope, input })),
  delete: tenantProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => deleteTenantConfig({ scope: ctx.scope, id: input.id })),
});
