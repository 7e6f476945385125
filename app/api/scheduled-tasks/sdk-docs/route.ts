import { z } from "zod";
import { restRoute } from "@/server/http/rest-route";
import { sdkDocsJson, sdkDocsMarkdown } from "@/server/sandbox/sdk-docs";

const ZDocsQuery = z.object({
  format: z.enum(["json", "markdown"]).default("json"),
  lang: z.enum(["zh", "en"]).optional(),
});

// GET /api/scheduled-tasks/sdk-docs — JSON, or ?format=markdown for text
export const GET = restRoute({ query: ZDocsQuery }, async ({ query }) => {
  if (query.format === "markdown") {
    return new Response(sdkDocsMarkdown(query.lang ?? "zh"), {
      headers: { "content-type": "text/markdown; charset=utf-8" },
    });
  }
  return query.lang ? sdkDocsJson(query.lang) : sdkDocsJson();
});
