import { z } from "zod";
import { getRunOrThrow, listRuns, runStats, ZListRunsInput } from "../services/runs";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const runsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListRunsInput)
    .query(({ ctx, input }) => listRuns({ scope: ctx.scope, input })),
  get: tenantProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .query(({ ctx, input }) => getRunOrThrow({ scope: ctx.scope, id: input.id })),
  stats: tenantProcedure
    .input(
      z.object({
        task_id: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => runStats({ scope: ctx.scope, taskId: input.task_id, limit: input.limit })),
});
