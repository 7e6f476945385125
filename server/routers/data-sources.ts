import { ZIdParams } from "@/lib/schemas/common";
import {
  ZCreateDataSourceInput,
  ZGrantDataSourceInput,
  ZRevokeDataSourceInput,
  ZUpdateDataSourceInput,
} from "@/lib/schemas/data-source";
import {
  createDataSource,
  deleteDataSource,
  grantDataSource,
  listDataSources,
  recheckDataSource,
  revokeDataSource,
  updateDataSource,
} from "../services/data-sources";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** db_query's data sources: platform admins only; DSNs are write-only. */
export const dataSourcesRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listDataSources({ scope: ctx.scope })),
  create: adminProcedure
    .input(ZCreateDataSourceInput)
    .mutation(({ ctx, input }) => createDataSource({ scope: ctx.scope, input })),
  update: adminProcedure
    .input(ZIdParams.extend({ data: ZUpdateDataSourceInput }))
    .mutation(({ ctx, input }) => updateDataSource({ scope: ctx.scope, id: input.id, input: input.data })),
  delete: adminProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => deleteDataSource({ scope: ctx.scope, id: input.id })),
  recheck: adminProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => recheckDataSource({ scope: ctx.scope, id: input.id })),
  grant: adminProcedure
    .input(ZGrantDataSourceInput)
    .mutation(({ ctx, input }) => grantDataSource({ scope: ctx.scope, input })),
  revoke: adminProcedure
    .input(ZRevokeDataSourceInput)
    .mutation(({ ctx, input }) => revokeDataSource({ scope: ctx.scope, input })),
});
