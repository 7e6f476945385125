// runScript of a trivial script (full SDK) next to the floor, a bare isolated-vm isolate
// (create + context + compile + run + dispose), all measured in the same process and run:
// - cold: nothing pooled, the run builds its isolate and installs the SDK itself;
// - warm pool: what a fire uses when the pool (server/sandbox/js-pool.ts) holds a prepared
//   isolate; each iteration waits (untimed) until the pool has refilled, as between fires;
// - warm pool, back to back: runs one after another with no pause, the pool refilling meanwhile
//   when a core is free (a burst's steady state on this machine).
// Latency is wall clock. CPU is process.cpuUsage() (every thread of the process), which holds up
// better than wall clock on a loaded machine: of the timed calls only (what a fire costs), and of
// the whole loop (the pool's refills between fires included).
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

/** The pool holds a prepared isolate again (prepared while the process idles, as between fires). */
const poolHasOne = () => pool.jsPoolReady(1);

type Row = {
  name: string;
  runsPerSecond: number;
  medianMs: number;
  p95Ms: number;
  /** CPU of the timed calls only: what the fire itself costs. */
  fireCpuMs: number;
  /** CPU of the whole loop: the pool's refills included. */
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
  let fireCpu = 0;
  for (let i = 0; i < iterations; i++) {
    await before?.();
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    const u = process.cpuUsage(c);
    fireCpu += (u.user + u.system) / 1000;
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
    fireCpuMs: fireCpu / iterations,
    cpuMs: (used.user + used.system) / 1000 / iterations,
    pooled,
  };
}

const loadBefore = loadavg();
const floor = await measure("bare isolate (floor)", bare);
pool.drainJsPool();
const cold = await measure("runScript, cold (nothing pooled)", viaRunner);
pool.drainJsPool({ reopen: true });
const warm = await measure("runScript, warm pool (a fire)", viaRunner, poolHasOne);
await pool.jsPoolReady(4);
const backToBack = await measure("runScript, warm pool, back to back", viaRunner);

// A burst: BURST runs at once (the CPU slots let two execute at a time), with nothing pooled and
// with the pool holding BURST prepared isolates, as the dispatcher's look-ahead leaves it before a
// fire it sees coming. Figures: time from the fire to the last run's end, CPU from the fire on.
const BURST = 64;
async function burst(): Promise<{ lastMs: number; cpuMs: number; pooled: number }> {
  const servedBefore = pool.jsPoolStats().servedWarm;
  const c = process.cpuUsage();
  const t = performance.now();
  await Promise.all(Array.from({ length: BURST }, () => viaRunner()));
  const lastMs = performance.now() - t;
  const u = process.cpuUsage(c);
  return { lastMs, cpuMs: (u.user + u.system) / 1000, pooled: pool.jsPoolStats().servedWarm - servedBefore };
}
const bursts: { cold: Awaited<ReturnType<typeof burst>>[]; pooled: Awaited<ReturnType<typeof burst>>[] } = {
  cold: [],
  pooled: [],
};
for (let i = 0; i < 5; i++) {
  pool.drainJsPool();
  bursts.cold.push(await burst());
  pool.drainJsPool({ reopen: true });
  await pool.jsPoolReady(BURST);
  bursts.pooled.push(await burst());
}
pool.drainJsPool();
const loadAfter = loadavg();

const rows = [floor, cold, warm, backToBack].map((r) => [
  r.name,
  r.runsPerSecond.toFixed(1),
  r.medianMs.toFixed(2),
  r.p95Ms.toFixed(2),
  r.fireCpuMs.toFixed(2),
  r.cpuMs.toFixed(2),
  (r.medianMs / floor.medianMs).toFixed(2) + "x",
  (r.fireCpuMs / floor.fireCpuMs).toFixed(2) + "x",
  r === floor ? "" : `${r.pooled}/${iterations}`,
]);
const header = [
  "",
  "runs/s",
  "median ms",
  "p95 ms",
  "fire CPU ms",
  "CPU ms incl. refills",
  "latency / floor",
  "fire CPU / floor",
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
const ratios = (f: (r: Row) => number) =>
  `cold ${(f(cold) / f(floor)).toFixed(2)}x, warm pool ${(f(warm) / f(floor)).toFixed(2)}x, back to back ${(f(backToBack) / f(floor)).toFixed(2)}x`;
console.log(`ratio runScript / floor, median latency: ${ratios((r) => r.medianMs)}`);
console.log(`ratio runScript / floor, CPU of the fire: ${ratios((r) => r.fireCpuMs)}`);
console.log(`ratio runScript / floor, CPU with the refills: ${ratios((r) => r.cpuMs)}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const coldLast = median(bursts.cold.map((b) => b.lastMs));
const pooledLast = median(bursts.pooled.map((b) => b.lastMs));
const coldCpu = median(bursts.cold.map((b) => b.cpuMs));
const pooledCpu = median(bursts.pooled.map((b) => b.cpuMs));
console.log(
  `burst of ${BURST} at once (median of 5): last run ended ${coldLast.toFixed(1)} ms after the fire with nothing pooled, ${pooledLast.toFixed(1)} ms with ${BURST} prepared (${bursts.pooled.map((b) => b.pooled).join("/")} pooled); CPU from the fire ${coldCpu.toFixed(1)} / ${pooledCpu.toFixed(1)} ms; ratio pooled / cold: ${(pooledLast / coldLast).toFixed(2)}x time, ${(pooledCpu / coldCpu).toFixed(2)}x CPU`,
);
