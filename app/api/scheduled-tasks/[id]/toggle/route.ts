import { ZIdParams } from "@/lib/schemas/common";
import { ZToggleTaskInput } from "@/lib/schemas/task";
import { restRoute } from "@/server/http/rest-route";
import { toggleTask } from "@/server/services/tasks";

// POST /api/scheduled-tasks/{id}/toggle
export const POST = restRoute({ params: ZIdParams, body: ZToggleTaskInput }, ({ scope, params, body }) =>
  toggleTask({ scope, id: params.id, isEnabled: body?.is_enabled }),
);
