import { ZCreateDataSourceInput } from "@/lib/schemas/data-source";
import { restRoute } from "@/server/http/rest-route";
import { createDataSource, listDataSources } from "@/server/services/data-sources";

// GET /api/data-sources (platform admins)
export const GET = restRoute({}, ({ scope }) => listDataSources({ scope }));

// POST /api/data-sources — refused (400, dsn) when the user can do more than SELECT
export const POST = restRoute({ body: ZCreateDataSourceInput, status: 201 }, ({ scope, body }) =>
  createDataSource({ scope, input: body }),
);
