// Throughput and latency of runScript for a trivial script, next to the floor: a bare
// isolated-vm isolate create + context + compile + run + dispose, measured in the same process.
// Run: node --no-node-snapshot --import tsx bench/sandbox.ts [iterations]
import ivm from "isolated-vm";

process.env.APP_SECRET ??= "bench-app-secret-not-for-production-use";
process.env.LOG_LEVEL ??= "silent";
const { runScript } = await import("../server/sandbox/run-script");

const iterations = Number(process.argv[2] ?? 300);
const SCRIPT = "log('hello'); result = { title: 't', content: 'ok ' + dayjs().format('YYYY-MM-DD') }";

async function bare(): Promise<void> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  try {
    const context = await isolate.createContext();
    const script = await isolate.compileScript("(function () { return 'ok' })()", { filename: "script.js" });
    await script.run(context);
  } finally {
    isolate.dispose();
  }
}

async function viaRunner(): Promise<void> {
  const r = await runScript({ script: SCRIPT, taskId: null, tenantId: null, timeoutSeconds: 10 });
  if (!r.success) throw new Error(`bench script failed: ${r.error}`);
}

async function measure(name: string, fn: () => Promise<void>) {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(); // warm up (code cache, JIT)
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    name,
    runsPerSecond: (iterations / total) * 1000,
    medianMs: times[Math.floor(times.length / 2)]!,
    p95Ms: times[Math.floor(times.length * 0.95)]!,
  };
}

const floor = await measure("bare isolate (floor)", bare);
const runner = await measure("runScript (full SDK)", viaRunner);

const rows = [floor, runner].map((r) => [
  r.name,
  r.runsPerSecond.toFixed(1),
  r.medianMs.toFixed(2),
  r.p95Ms.toFixed(2),
]);
const header = ["", "runs/s", "median ms", "p95 ms"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(`sandbox benchmark, ${iterations} iterations, node ${process.version}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(
  `ratio runScript / floor: ${(runner.medianMs / floor.medianMs).toFixed(2)}x median latency, ${(floor.runsPerSecond / runner.runsPerSecond).toFixed(2)}x throughput`,
);
