import { ZListAuditInput } from "@/lib/schemas/audit";
import { listAuditLogs } from "../services/audit";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: tenantProcedure.input(ZListAuditInput).query(({ ctx, input }) =>
    listAuditLogs({
      scope: ctx.scope,
      tenantId: input?.tenant_id,
      cursor: input?.cursor,
      limit: input?.limit,
    }),
  ),
});
