import { restRoute } from "@/server/http/rest-route";
import { ZTestScriptInput } from "@/lib/schemas/sandbox";
import { testScript } from "@/server/sandbox/test-script";

// POST /api/scheduled-tasks/test-script (no script_language = Python, as the original's clients send)
export const POST = restRoute({ body: ZTestScriptInput }, ({ scope, body }) =>
  testScript({ scope, defaultLanguage: "python", ...body }),
);
