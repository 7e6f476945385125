import { z } from "zod";
import { cancelRun } from "../runs/cancel-run";
import { getRunOrThrow, listRuns, runStats, ZListRunsInput } from "../services/runs";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const runsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListRunsInput)
    .query(({ ctx, input }) => listRuns({ scope: ctx.scope, input })),
  get: tenantProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .query(({ ctx, input }) => getRunOrThrow({ scope: ctx.scope, id: input.id })),
  /** Cancels a running run: the finished (cancelled) log, or {status: "cancelling"}; 409 when finished. */
  cancel: tenantProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => cancelRun({ scope: ctx.scope, logId: input.id })),
  stats: tenantProcedure
    .input(
      z.object({
        task_id: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => runStats({ scope: ctx.scope, taskId: input.task_id, limit: input.limit })),
});
