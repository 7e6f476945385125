// Next.js calls register() once per server process: the place to start the embedded scheduler.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./server/env");
  // In inngest mode runs are dispatched as Inngest events: loading inngest/events registers the sender.
  if (env.SCHEDULER === "inngest") await import("./inngest/events");
  const { startBackgroundWork } = await import("./server/runs/boot");
  await startBackgroundWork();
}
