import { ZMessagePreviewInput } from "@/lib/schemas/run";
import { formatForRobot } from "../notify/format";
import { createTRPCRouter, protectedProcedure } from "../trpc";

// The robots' payloads for a stored `result` (a run's message), so the console's run detail can
// preview it exactly as it was formatted; the formatter lives on the server only.
export const messagesRouter = createTRPCRouter({
  preview: protectedProcedure.input(ZMessagePreviewInput).query(({ input }) => {
    try {
      return {
        dingtalk_bot: formatForRobot(input.result, "dingtalk_bot"),
        wecom_bot: formatForRobot(input.result, "wecom_bot"),
      };
    } catch {
      // An old row whose result no longer validates: nothing to preview, not an error page.
      return null;
    }
  }),
});
