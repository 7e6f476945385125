import { ZIdParams } from "@/lib/schemas/common";
import { ZUpdateTaskInput } from "@/lib/schemas/task";
import { restRoute } from "@/server/http/rest-route";
import { deleteTask, getTaskOrThrow, updateTask } from "@/server/services/tasks";

// GET /api/scheduled-tasks/{id}
export const GET = restRoute({ params: ZIdParams }, ({ scope, params }) =>
  getTaskOrThrow({ scope, id: params.id }),
);

// PUT /api/scheduled-tasks/{id}
export const PUT = restRoute({ params: ZIdParams, body: ZUpdateTaskInput }, ({ scope, params, body }) =>
  updateTask({ scope, id: params.id, input: body }),
);

// DELETE /api/scheduled-tasks/{id}
export const DELETE = restRoute({ params: ZIdParams }, ({ scope, params }) =>
  deleteTask({ scope, id: params.id }),
);
