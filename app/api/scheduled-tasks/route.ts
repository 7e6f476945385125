import { ZCreateTaskRestInput, ZListTasksInput } from "@/lib/schemas/task";
import { restRoute } from "@/server/http/rest-route";
import { createTask, listTasks } from "@/server/services/tasks";

// GET /api/scheduled-tasks
export const GET = restRoute({ query: ZListTasksInput }, ({ scope, query }) =>
  listTasks({ scope, filter: query, page: query }),
);

// POST /api/scheduled-tasks (no script_language = Python, as the original system's clients send)
export const POST = restRoute({ body: ZCreateTaskRestInput, status: 201 }, ({ scope, body }) =>
  createTask({ scope, input: body }),
);
