import { z } from "zod";
import { ZIdParams } from "@/lib/schemas/common";
import { ZGrantDataSourceInput, ZRevokeDataSourceInput } from "@/lib/schemas/data-source";
import { restRoute } from "@/server/http/rest-route";
import { grantDataSource, revokeDataSource } from "@/server/services/data-sources";

const ZGrantBody = ZGrantDataSourceInput.omit({ data_source_id: true });
const ZRevokeQuery = ZRevokeDataSourceInput.omit({ data_source_id: true }).extend({
  tenant_id: z.string().trim().max(50).optional(),
});

// POST /api/data-sources/{id}/grants {tenant_id (null = global tasks), is_default}
export const POST = restRoute({ params: ZIdParams, body: ZGrantBody }, ({ scope, params, body }) =>
  grantDataSource({ scope, input: { ...body, data_source_id: params.id } }),
);

// DELETE /api/data-sources/{id}/grants?tenant_id=acme (no tenant_id = the global-task grant)
export const DELETE = restRoute({ params: ZIdParams, query: ZRevokeQuery }, ({ scope, params, query }) =>
  revokeDataSource({ scope, input: { tenant_id: query.tenant_id ?? null, data_source_id: params.id } }),
);
