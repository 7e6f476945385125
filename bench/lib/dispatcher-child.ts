// A second (third…) instance for `bench/dispatch.ts --processes N`: the embedded dispatcher on the
// same scratch database (DATABASE_URL from the parent), observed like the parent's. Prints
// "ready"; on "stop" (stdin) stops the dispatcher and prints its events as one JSON line.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { newEvents, observedClient } from "./observe";

const { values: args } = parseArgs({
  options: { concurrency: { type: "string" }, allowance: { type: "string" } },
});
const { createPrismaClient } = await import("../../server/db");
const events = newEvents();
(globalThis as unknown as { __db?: unknown }).__db = observedClient(
  createPrismaClient(process.env.DATABASE_URL!),
  events,
);
const { startEmbeddedDispatcher } = await import("../../server/runs/embedded-dispatcher");
const { LocalRunner, localRunner } = await import("../../server/runs/local-runner");
const runner = args.concurrency ? new LocalRunner({ concurrency: Number(args.concurrency) }) : localRunner();
const dispatcher = await startEmbeddedDispatcher({
  runner,
  ...(args.allowance ? { queueAllowance: Number(args.allowance) } : {}),
});
const cpuStart = process.cpuUsage();
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "stop") continue;
  await dispatcher.stop(10_000);
  const cpu = process.cpuUsage(cpuStart);
  const out = {
    claimed: [...events.claimed],
    started: [...events.started],
    finished: [...events.finished],
    cpuMs: (cpu.user + cpu.system) / 1000,
    rss: process.memoryUsage().rss,
  };
  console.log(`EVENTS ${JSON.stringify(out)}`);
  const { disconnectDb } = await import("../../server/db");
  await disconnectDb();
  process.exit(0);
}
