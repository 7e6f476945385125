import { ZListScriptVarsInput, ZScriptVarRef, ZSetScriptVarInput } from "@/lib/schemas/admin";
import { deleteScriptVar, listScriptVars, setScriptVar } from "../services/script-vars";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const scriptVarsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListScriptVarsInput)
    .query(({ ctx, input }) => listScriptVars({ scope: ctx.scope, filter: input })),
  set: tenantProcedure
    .input(ZSetScriptVarInput)
    .mutation(({ ctx, input }) =>
      setScriptVar({ scope: ctx.scope, taskId: input.task_id, key: input.key, value: input.value }),
    ),
  delete: tenantProcedure
    .input(ZScriptVarRef)
    .mutation(({ ctx, input }) =>
      deleteScriptVar({ scope: ctx.scope, taskId: input.task_id, key: input.key }),
    ),
});
