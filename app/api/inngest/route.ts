import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
import { env } from "@/server/env";

// /api/inngest — Inngest calls the functions here (SCHEDULER=inngest). Without Inngest configured
// (another scheduler, or no signing key outside Inngest's dev mode) the endpoint does not exist:
// 404, never the SDK's 500 about missing keys.
const configured = env.SCHEDULER === "inngest" && (!!env.INNGEST_SIGNING_KEY || !!env.INNGEST_DEV);

const served = configured ? serve({ client: inngest, functions }) : null;

function notFound(): Response {
  return Response.json(
    { error: { code: "NOT_FOUND", message: "Inngest is not configured on this server (SCHEDULER=inngest)" } },
    { status: 404 },
  );
}

export const GET = (req: Request, ctx: unknown) =>
  served ? served.GET(req as never, ctx as never) : notFound();
export const POST = (req: Request, ctx: unknown) =>
  served ? served.POST(req as never, ctx as never) : notFound();
export const PUT = (req: Request, ctx: unknown) =>
  served ? served.PUT(req as never, ctx as never) : notFound();
