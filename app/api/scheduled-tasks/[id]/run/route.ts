import { ZIdParams } from "@/lib/schemas/common";
import { ZRunTaskInput } from "@/lib/schemas/task";
import { restRoute } from "@/server/http/rest-route";
import { runTaskNow } from "@/server/runs/manual-run";

// POST /api/scheduled-tasks/{id}/run
export const POST = restRoute(
  { params: ZIdParams, body: ZRunTaskInput, status: 202 },
  async ({ scope, params, body }) => {
    const { trace_id } = await runTaskNow({ scope, id: params.id, inputParams: body?.input_params });
    return { trace_id };
  },
);
