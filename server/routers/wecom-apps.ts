import { ZIdParams } from "@/lib/schemas/common";
import { ZCreateWecomAppInput, ZUpdateWecomAppInput } from "@/lib/schemas/wecom-app";
import { createWecomApp, deleteWecomApp, listWecomApps, updateWecomApp } from "../services/wecom-apps";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const wecomAppsRouter = createTRPCRouter({
  list: tenantProcedure.query(({ ctx }) => listWecomApps({ scope: ctx.scope })),
  create: tenantProcedure
    .input(ZCreateWecomAppInput)
    .mutation(({ ctx, input }) => createWecomApp({ scope: ctx.scope, input })),
  update: tenantProcedure
    .input(ZIdParams.extend({ data: ZUpdateWecomAppInput }))
    .mutation(({ ctx, input }) => updateWecomApp({ scope: ctx.scope, id: input.id, input: input.data })),
  delete: tenantProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => deleteWecomApp({ scope: ctx.scope, id: input.id })),
});
