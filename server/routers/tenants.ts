import { z } from "zod";
import {
  createTenant,
  deleteTenant,
  listTenants,
  updateTenant,
  ZCreateTenantInput,
  ZUpdateTenantInput,
} from "../services/tenants";
import { createUser, listMembers, removeMember, ZCreateUserInput } from "../services/users";
import { defaultTenantRunQuota } from "../limits/tenant-quotas";
import { adminProcedure, createTRPCRouter, tenantProcedure } from "../trpc";

export const tenantsRouter = createTRPCRouter({
  list: tenantProcedure.query(({ ctx }) => listTenants({ scope: ctx.scope })),
  /** What a tenant without a max_concurrent_runs override gets. */
  runQuotaDefault: adminProcedure.query(() => ({ max_concurrent_runs: defaultTenantRunQuota() })),
  create: adminProcedure
    .input(ZCreateTenantInput)
    .mutation(({ ctx, input }) => createTenant({ scope: ctx.scope, input })),
  update: adminProcedure
    .input(ZUpdateTenantInput)
    .mutation(({ ctx, input }) => updateTenant({ scope: ctx.scope, input })),
  delete: adminProcedure
    .input(z.object({ tenant_id: z.string().min(1).max(50) }))
    .mutation(({ ctx, input }) => deleteTenant({ scope: ctx.scope, tenantId: input.tenant_id })),
  members: tenantProcedure
    .input(z.object({ tenant_id: z.string().max(50).optional() }).optional())
    .query(({ ctx, input }) => listMembers({ scope: ctx.scope, tenantId: input?.tenant_id })),
  addMember: tenantProcedure
    .input(ZCreateUserInput)
    .mutation(({ ctx, input }) => createUser({ scope: ctx.scope, input })),
  removeMember: tenantProcedure
    .input(z.object({ user_id: z.number().int().positive(), tenant_id: z.string().max(50) }))
    .mutation(({ ctx, input }) =>
      removeMember({ scope: ctx.scope, userId: input.user_id, tenantId: input.tenant_id }),
    ),
});
