import { z } from "zod";
import { listAuditLogs } from "../services/audit";
import { createTRPCRouter, tenantProcedure } from "../trpc";

/** Audit ids are BIGINT: a cursor outside that range would reach the database and fail there. */
const ZCursor = z
  .bigint()
  .positive()
  .max(2n ** 63n - 1n);

export const auditRouter = createTRPCRouter({
  list: tenantProcedure
    .input(
      z
        .object({
          tenant_id: z.string().max(50).optional(),
          cursor: ZCursor.optional(),
          limit: z.number().int().min(1).max(200).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      listAuditLogs({
        scope: ctx.scope,
        tenantId: input?.tenant_id,
        cursor: input?.cursor,
        limit: input?.limit,
      }),
    ),
});
