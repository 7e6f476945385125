import {
  ZCreateTenantInput,
  ZCreateUserInput,
  ZDeleteTenantInput,
  ZListMembersInput,
  ZRemoveMemberInput,
  ZUpdateTenantInput,
} from "@/lib/schemas/admin";
import { createTenant, deleteTenant, listTenants, updateTenant } from "../services/tenants";
import { createUser, listMembers, removeMember } from "../services/users";
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
    .input(ZDeleteTenantInput)
    .mutation(({ ctx, input }) => deleteTenant({ scope: ctx.scope, tenantId: input.tenant_id })),
  members: tenantProcedure
    .input(ZListMembersInput)
    .query(({ ctx, input }) => listMembers({ scope: ctx.scope, tenantId: input?.tenant_id })),
  addMember: tenantProcedure
    .input(ZCreateUserInput)
    .mutation(({ ctx, input }) => createUser({ scope: ctx.scope, input })),
  removeMember: tenantProcedure
    .input(ZRemoveMemberInput)
    .mutation(({ ctx, input }) =>
      removeMember({ scope: ctx.scope, userId: input.user_id, tenantId: input.tenant_id }),
    ),
});
