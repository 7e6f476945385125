import { ZIdParams } from "@/lib/schemas/common";
import { ZGrantDataSourceBody, ZRevokeDataSourceQuery } from "@/lib/schemas/data-source";
import { restRoute } from "@/server/http/rest-route";
import { grantDataSource, revokeDataSource } from "@/server/services/data-sources";

// POST /api/data-sources/{id}/grants {tenant_id (null = global tasks), is_default}
export const POST = restRoute({ params: ZIdParams, body: ZGrantDataSourceBody }, ({ scope, params, body }) =>
  grantDataSource({ scope, input: { ...body, data_source_id: params.id } }),
);

// DELETE /api/data-sources/{id}/grants?tenant_id=acme (no tenant_id = the global-task grant)
export const DELETE = restRoute(
  { params: ZIdParams, query: ZRevokeDataSourceQuery },
  ({ scope, params, query }) =>
    revokeDataSource({ scope, input: { tenant_id: query.tenant_id ?? null, data_source_id: params.id } }),
);
