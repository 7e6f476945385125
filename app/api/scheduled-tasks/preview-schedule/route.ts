import { restRoute } from "@/server/http/rest-route";
import { previewScheduleFor, ZPreviewBody } from "@/server/services/schedule-preview";

// POST /api/scheduled-tasks/preview-schedule
export const POST = restRoute({ body: ZPreviewBody }, ({ scope, body }) =>
  previewScheduleFor({ scope, input: body ?? {} }),
);
