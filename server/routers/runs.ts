import { ZIdInput } from "@/lib/schemas/common";
import { ZListRunsInput, ZRunStatsInput } from "@/lib/schemas/run";
import { cancelRun } from "../runs/cancel-run";
import { getRunOrThrow, listRuns, runStats } from "../services/runs";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const runsRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListRunsInput)
    .query(({ ctx, input }) => listRuns({ scope: ctx.scope, input })),
  get: tenantProcedure
    .input(ZIdInput)
    .query(({ ctx, input }) => getRunOrThrow({ scope: ctx.scope, id: input.id })),
  /** Cancels a running run: the finished (cancelled) log, or {status: "cancelling"}; 409 when finished. */
  cancel: tenantProcedure
    .input(ZIdInput)
    .mutation(({ ctx, input }) => cancelRun({ scope: ctx.scope, logId: input.id })),
  stats: tenantProcedure
    .input(ZRunStatsInput)
    .query(({ ctx, input }) => runStats({ scope: ctx.scope, taskId: input.task_id, limit: input.limit })),
});
