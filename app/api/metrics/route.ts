import { metricsResponse } from "@/server/metrics/endpoint";

export const dynamic = "force-dynamic";

// GET /api/metrics — Prometheus text format; Bearer METRICS_TOKEN or a platform API token
export const GET = metricsResponse;
