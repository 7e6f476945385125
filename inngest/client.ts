import { Inngest } from "inngest";
import { env } from "@/server/env";

// Keys come from INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (Inngest Cloud or a self-hosted server).
export const inngest = new Inngest({
  id: "scheduled-task-platform",
  eventKey: env.INNGEST_EVENT_KEY,
});
