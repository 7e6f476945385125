import { ZCreateTaskInput, ZListTasksQuery } from "@/lib/schemas/task";
import { ZPagination } from "@/lib/zod-helpers";
import { restRoute } from "@/server/http/rest-route";
import { createTask, listTasks } from "@/server/services/tasks";

// GET /api/scheduled-tasks
export const GET = restRoute({ query: ZPagination.and(ZListTasksQuery) }, ({ scope, query }) =>
  listTasks({ scope, filter: query, page: query }),
);

// POST /api/scheduled-tasks
export const POST = restRoute({ body: ZCreateTaskInput, status: 201 }, ({ scope, body }) =>
  createTask({ scope, input: body }),
);
