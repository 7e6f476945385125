import { checkHealth } from "@/server/health";
import { jsonResponse } from "@/server/http/json";

export const dynamic = "force-dynamic";

// GET /api/health — 200 when the database answers, 503 when it does not
export async function GET() {
  const health = await checkHealth();
  return jsonResponse(health, health.db === "ok" ? 200 : 503);
}
