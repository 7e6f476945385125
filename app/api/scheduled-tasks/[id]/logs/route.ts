import { ZIdParams } from "@/lib/schemas/common";
import { ZListLogsQuery } from "@/lib/schemas/task";
import { ZPagination } from "@/lib/zod-helpers";
import { restRoute } from "@/server/http/rest-route";
import { listTaskLogs } from "@/server/services/tasks";

// GET /api/scheduled-tasks/{id}/logs
export const GET = restRoute(
  { params: ZIdParams, query: ZPagination.and(ZListLogsQuery) },
  ({ scope, params, query }) => listTaskLogs({ scope, id: params.id, filter: query, page: query }),
);
