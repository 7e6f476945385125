import { ZIdParams } from "@/lib/schemas/common";
import { restRoute } from "@/server/http/rest-route";
import { recheckDataSource } from "@/server/services/data-sources";

// POST /api/data-sources/{id}/check — runs the privilege check again and stores its verdict
export const POST = restRoute({ params: ZIdParams }, ({ scope, params }) =>
  recheckDataSource({ scope, id: params.id }),
);
