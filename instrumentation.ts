// Next.js calls register() once per server process: the place to start the embedded scheduler.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The client's socket address, for throttling: stamped before Next serves a request.
  const { installSocketAddressStamp } = await import("./server/http/client-address");
  installSocketAddressStamp();
  const { env } = await import("./server/env");
  // In inngest mode runs are dispatched as Inngest events: loading inngest/events registers the sender.
  if (env.SCHEDULER === "inngest") await import("./inngest/events");
  const { startBackgroundWork } = await import("./server/runs/boot");
  await startBackgroundWork();
}
