import { z } from "zod";
import { deleteScriptVar, listScriptVars, setScriptVar, ZVarKey } from "../services/script-vars";
import { createTRPCRouter, tenantProcedure } from "../trpc";

const ZTaskVar = z.object({ task_id: z.number().int().positive(), key: ZVarKey });

export const scriptVarsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(z.object({ task_id: z.number().int().positive() }))
    .query(({ ctx, input }) => listScriptVars({ scope: ctx.scope, taskId: input.task_id })),
  set: tenantProcedure
    .input(ZTaskVar.extend({ value: z.unknown() }))
    .mutation(({ ctx, input }) =>
      setScriptVar({ scope: ctx.scope, taskId: input.task_id, key: input.key, value: input.value }),
    ),
  delete: tenantProcedure
    .input(ZTaskVar)
    .mutation(({ ctx, input }) =>
      deleteScriptVar({ scope: ctx.scope, taskId: input.task_id, key: input.key }),
    ),
});
