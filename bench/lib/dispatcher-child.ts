// A second (third…) instance for the multi-process benchmarks: the embedded dispatcher of
// `npm start` on the same scratch database (DATABASE_URL from the parent). Prints "ready"; on
// "stop" (stdin) stops the dispatcher and prints its CPU time and RSS as one JSON line. What it
// did is read from the log rows it wrote (runner_id), not from inside the process.
import { createInterface } from "node:readline";

const { startEmbeddedDispatcher } = await import("../../server/runs/embedded-dispatcher");
const { localRunner } = await import("../../server/runs/local-runner");
const dispatcher = await startEmbeddedDispatcher({ runner: localRunner() });
const { statementsSent } = await import("../../server/db-pool");
const cpuStart = process.cpuUsage();
const statementsStart = statementsSent();
let maxRss = 0;
const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 100);
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "stop") continue;
  await dispatcher.stop(10_000);
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuStart);
  console.log(
    `STATS ${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rss: maxRss, statements: statementsSent() - statementsStart })}`,
  );
  const { disconnectDb } = await import("../../server/db");
  await disconnectDb();
  process.exit(0);
}
