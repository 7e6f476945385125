import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";

// /api/inngest — Inngest calls the functions here (SCHEDULER=inngest)
export const { GET, POST, PUT } = serve({ client: inngest, functions });
