import { restRoute } from "@/server/http/rest-route";
import { testScript, ZTestScriptInput } from "@/server/sandbox/test-script";

// POST /api/scheduled-tasks/test-script
export const POST = restRoute({ body: ZTestScriptInput }, ({ scope, body }) =>
  testScript({ scope, ...body }),
);
