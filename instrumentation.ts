// Next.js calls register() once per server process: the place to start the embedded scheduler.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./server/runs/boot");
  await startBackgroundWork();
}
