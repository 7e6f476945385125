import { ZListAuditInput } from "@/lib/schemas/audit";
import { listAuditLogs } from "../services/audit";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: tenantProcedure
    .input(ZListAuditInput)
    .query(({ ctx, input }) => listAuditLogs({ scope: ctx.scope, ...input, tenantId: input?.tenant_id })),
});
