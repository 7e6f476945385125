// runScript of a trivial script (full SDK) next to the floor, a bare isolated-vm isolate
// (create + context + compile + run + dispose), all measured in the same process and run:
// - cold: nothing pooled, the run builds its isolate and installs the SDK itself;
// - warm pool: what a fire uses when the pool (server/sandbox/js-pool.ts) holds a prepared
//   isolate; each iteration waits (untimed) until the pool has refilled, as between fires;
// - warm pool, back to back: runs one after another with no pause, the pool refilling meanwhile
//   when a core is free (a burst's steady state on this machine).
// Latency is wall clock; CPU per run is process.cpuUsage() over the whole loop (every thread of
// the process, the refills included), which holds up better than wall clock on a loaded machine.
// Run: node --no-node-snapshot --import tsx bench/sandbox.ts [iterations]
import { loadavg } from "node:os";
import ivm from "isolated-vm";

process.env.APP_SECRET ??= "bench-app-secret-not-for-production-use";
process.env.LOG_LEVEL ??= "silent";
const { runScript } = await import("../server/sandbox/run-script");
const pool = await import("../server/sandbox/js-pool");

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poolHasOne(): Promise<void> {
  pool.prewarmJs(1);
  while (pool.jsPoolStats().ready < 1) await sleep(1);
}

type Row = {
  name: string;
  runsPerSecond: number;
  medianMs: number;
  p95Ms: number;
  cpuMs: number;
  /** Timed runs that took a pooled isolate. */
  pooled: number;
};

async function measure(name: string, fn: () => Promise<void>, before?: () => Promise<void>): Promise<Row> {
  for (let i = 0; i < Math.min(20, iterations); i++) {
    await before?.();
    await fn(); // warm up (code cache, JIT)
  }
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const servedBefore = pool.jsPoolStats().servedWarm;
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    await before?.();
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    times.push(ms);
    total += ms;
  }
  const used = process.cpuUsage(cpu);
  const pooled = pool.jsPoolStats().servedWarm - servedBefore;
  times.sort((a, b) => a - b);
  return {
    name,
    runsPerSecond: (iterations / total) * 1000,
    medianMs: times[Math.floor(times.length / 2)]!,
    p95Ms: times[Math.floor(times.length * 0.95)]!,
    cpuMs: (used.user + used.system) / 1000 / iterations,
    pooled,
  };
}

const loadBefore = loadavg();
const floor = await measure("bare isolate (floor)", bare);
pool.drainJsPool();
const cold = await measure("runScript, cold (nothing pooled)", viaRunner);
const warm = await measure("runScript, warm pool (a fire)", viaRunner, poolHasOne);
pool.prewarmJs(4);
while (pool.jsPoolStats().ready < 4) await sleep(5);
const backToBack = await measure("runScript, warm pool, back to back", viaRunner);
pool.drainJsPool();
const loadAfter = loadavg();

const rows = [floor, cold, warm, backToBack].map((r) => [
  r.name,
  r.runsPerSecond.toFixed(1),
  r.medianMs.toFixed(2),
  r.p95Ms.toFixed(2),
  r.cpuMs.toFixed(2),
  (r.medianMs / floor.medianMs).toFixed(2) + "x",
  (r.cpuMs / floor.cpuMs).toFixed(2) + "x",
  r === floor ? "" : `${r.pooled}/${iterations}`,
]);
const header = [
  "",
  "runs/s",
  "median ms",
  "p95 ms",
  "CPU ms/run",
  "latency / floor",
  "CPU / floor",
  "pooled",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(`sandbox benchmark, ${iterations} iterations, node ${process.version}`);
console.log(`load average before: ${load(loadBefore)}, after: ${load(loadAfter)}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(
  `ratio runScript / floor (median latency): cold ${(cold.medianMs / floor.medianMs).toFixed(2)}x, warm pool ${(warm.medianMs / floor.medianMs).toFixed(2)}x, back to back ${(backToBack.medianMs / floor.medianMs).toFixed(2)}x`,
);
