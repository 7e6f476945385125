import { ZIdParams } from "@/lib/schemas/common";
import { ZUpdateDataSourceInput } from "@/lib/schemas/data-source";
import { restRoute } from "@/server/http/rest-route";
import { deleteDataSource, updateDataSource } from "@/server/services/data-sources";

// PUT /api/data-sources/{id} — dsn omitted keeps the stored one; every save checks the grants again
export const PUT = restRoute({ params: ZIdParams, body: ZUpdateDataSourceInput }, ({ scope, params, body }) =>
  updateDataSource({ scope, id: params.id, input: body }),
);

// DELETE /api/data-sources/{id}
export const DELETE = restRoute({ params: ZIdParams }, ({ scope, params }) =>
  deleteDataSource({ scope, id: params.id }),
);
