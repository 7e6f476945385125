import { ZSdkDocsQuery } from "@/lib/schemas/sandbox";
import { restRoute } from "@/server/http/rest-route";
import { sdkDocsJson, sdkDocsMarkdown } from "@/server/sandbox/sdk-docs";

// GET /api/scheduled-tasks/sdk-docs — JSON, or ?format=markdown for text
export const GET = restRoute({ query: ZSdkDocsQuery }, async ({ query }) => {
  if (query.format === "markdown") {
    return new Response(sdkDocsMarkdown(query.lang ?? "zh"), {
      headers: { "content-type": "text/markdown; charset=utf-8" },
    });
  }
  return query.lang ? sdkDocsJson(query.lang) : sdkDocsJson();
});
