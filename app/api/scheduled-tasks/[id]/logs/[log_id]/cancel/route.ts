import { ZCancelRunParams } from "@/lib/schemas/run";
import { jsonResponse } from "@/server/http/json";
import { restRoute } from "@/server/http/rest-route";
import { cancelRun } from "@/server/runs/cancel-run";

// POST /api/scheduled-tasks/{id}/logs/{log_id}/cancel → the finished (cancelled) log, or 202
// {"status": "cancelling"}; 409 when the run is no longer running.
export const POST = restRoute({ params: ZCancelRunParams }, async ({ scope, params }) => {
  const out = await cancelRun({ scope, taskId: params.id, logId: params.log_id });
  return "id" in out ? out : jsonResponse(out, 202);
});
