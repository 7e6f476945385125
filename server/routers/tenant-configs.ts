import { z } from "zod";
import {
  deleteTenantConfig,
  listTenantConfigs,
  setTenantConfig,
  ZSetTenantConfigInput,
} from "../services/tenant-configs";
import { createTRPCRouter, tenantProcedure } from "../trpc";

const ZId = z.object({ id: z.number().int().positive() });

/** Secret config values are write-only. */
export const tenantConfigsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(
      z
        .object({ tenant_id: z.string().max(50).optional(), app_code: z.string().max(50).optional() })
        .optional(),
    )
    .query(({ ctx, input }) =>
      listTenantConfigs({ scope: ctx.scope, tenantId: input?.tenant_id, appCode: input?.app_code }),
    ),
  set: tenantProcedure
    .input(ZSetTenantConfigInput)
    .mutation(({ ctx, input }) => setTenantConfig({ scope: ctx.scope, input })),
  delete: tenantProcedure
    .input(ZId)
    .mutation(({ ctx, input }) => deleteTenantConfig({ scope: ctx.scope, id: input.id })),
});
