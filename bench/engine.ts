// The run engine under bursts, through the real embedded dispatcher, observed from the log rows
// (bench/lib/burst.ts). One scenario per process:
//   io       N fires (default 100), each waiting 2 s on a slow local HTTP server (127.0.0.1)
//   trivial  N trivial fires (default 300) in one second, among 1,000 tasks
//   mixed    200 trivial + 100 I/O (2 s) + 20 CPU-bound (1 s busy loop) fires at once, 4 tenants
//   fairness tenant A's 50 busy scripts (1 s each) and tenant B's one trivial fire at once
// Each prints a baseline measured in the same process (runScript with no database) and a ratio.
// Run: node --no-node-snapshot --import tsx bench/engine.ts <scenario> [--n N] [--processes P]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { runBurst, type BurstFigures, type BurstTask, type GroupFigures } from "./lib/burst";
import { fmt, table } from "./lib/stats";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { n: { type: "string" }, processes: { type: "string", default: "1" } },
});
const scenario = positionals[0] ?? "io";
const PROCESSES = Number(args.processes);
const TRIVIAL = "log('hello'); result = { title: 't', content: 'ok ' + dayjs().format('YYYY-MM-DD') }";

/** A slow HTTP server: every answer after `delayMs` (what a real API or an LLM does). */
async function slowServer(delayMs: number) {
  const server = createServer((req, res) => {
    setTimeout(() => res.end('{"ok":true}'), delayMs);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`,
    close: () => server.close(),
  };
}

const slow = await slowServer(2000);
const ioScript = `const r = http_get('${slow.url}'); result = { title: 'io', content: String(r.status) }`;
const busyScript = (ms: number) =>
  `const end = Date.now() + ${ms}; let x = 0; while (Date.now() < end) { x++ } result = 'busy ' + x`;

let floor: { label: string; seconds: number } | null = null;
async function floorOf(label: string, script: string, count: number, tenant = "floor"): Promise<void> {
  const { runScript } = await import("../server/sandbox/run-script");
  const t = performance.now();
  const runs = await Promise.all(
    Array.from({ length: count }, () =>
      runScript({ script, taskId: null, tenantId: tenant, timeoutSeconds: 60 }),
    ),
  );
  if (runs.some((r) => !r.success))
    throw new Error(`floor script failed: ${runs.find((r) => !r.success)!.error}`);
  floor = { label, seconds: (performance.now() - t) / 1000 };
}

let due: BurstTask[] = [];
let idleTasks = 0;
let before: (() => Promise<void>) | undefined;
const n = (d: number) => Number(args.n ?? d);
switch (scenario) {
  case "io":
    due = Array.from({ length: n(100) }, (_, i) => ({ tenant: `t${i % 10}`, script: ioScript, group: "io" }));
    before = () => floorOf(`${due.length} runScript at once, no database`, ioScript, due.length);
    break;
  case "trivial":
    due = Array.from({ length: n(300) }, (_, i) => ({
      tenant: `t${i % 10}`,
      script: TRIVIAL,
      group: "trivial",
    }));
    idleTasks = 1000 - due.length;
    before = () => floorOf(`${due.length} runScript at once, no database`, TRIVIAL, due.length);
    break;
  case "mixed":
    due = [
      ...Array.from({ length: 200 }, (_, i) => ({ tenant: `t${i % 4}`, script: TRIVIAL, group: "trivial" })),
      ...Array.from({ length: 100 }, (_, i) => ({
        tenant: `t${i % 4}`,
        script: ioScript,
        group: "io (2 s)",
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        tenant: `t${i % 4}`,
        script: busyScript(1000),
        group: "cpu (1 s)",
      })),
    ];
    before = () => floorOf("200 trivial runScript at once, no database", TRIVIAL, 200);
    break;
  case "fairness-alone":
    // The baseline of "fairness": tenant B's fire with nothing else going on, same machine, same run.
    due = [{ tenant: "tenant-b", script: TRIVIAL, group: "B trivial" }];
    before = () => floorOf("B's trivial runScript alone, no database", TRIVIAL, 1, "tenant-b");
    break;
  case "fairness":
    due = [
      ...Array.from({ length: 50 }, () => ({
        tenant: "tenant-a",
        script: busyScript(1000),
        group: "A busy (1 s)",
        timeoutSeconds: 30,
      })),
      { tenant: "tenant-b", script: TRIVIAL, group: "B trivial" },
    ];
    before = () => floorOf("B's trivial runScript alone, no database", TRIVIAL, 1, "tenant-b");
    break;
  default:
    console.error(`unknown scenario ${scenario}: io, trivial, mixed, fairness, fairness-alone`);
    process.exit(2);
}

let figures: BurstFigures;
try {
  figures = await runBurst({
    name: `engine_${scenario.replace(/-/g, "_")}`,
    due,
    idleTasks,
    processes: PROCESSES,
    env: { OUTBOUND_ALLOWLIST: "127.0.0.1" },
    timeoutMs: 600_000,
    before,
  });
} finally {
  slow.close();
}

const row = (g: GroupFigures) => [
  g.group,
  `${g.finished}/${g.due}`,
  String(g.success),
  fmt(g.latenessP50, 2),
  fmt(g.latenessP99, 2),
  fmt(g.latenessMax, 2),
  fmt(g.claimedAll, 2),
  fmt(g.finishedAll, 2),
];
console.log(
  `engine benchmark "${scenario}": ${due.length} fires at the same second${idleTasks ? ` among ${due.length + idleTasks} tasks` : ""}, ${PROCESSES} dispatcher process(es), production defaults (env as in README)`,
);
console.log(
  table(
    [
      "group",
      "finished",
      "success",
      "late p50 s",
      "late p99 s",
      "late max s",
      "claimed all s",
      "finished all s",
    ],
    [...figures.groups.map(row), ...(figures.groups.length > 1 ? [row(figures.all)] : [])],
  ),
);
console.log(
  table(
    ["", "value"],
    [
      ["duplicates (2nd row of a fire / rows of tasks not due)", String(figures.duplicates)],
      ["end-to-end runs/s", fmt(figures.e2eRps)],
      ["CPU per run (all processes)", `${fmt(figures.cpuMsPerRun, 1)} ms`],
      ["SQL statements per run (all processes)", fmt(figures.statementsPerRun, 1)],
      ["dispatcher process CPU (1.0 = one core)", fmt(figures.cpuShare, 2)],
      ["RSS idle / max during burst", `${fmt(figures.idleRssMb, 0)} MB / ${fmt(figures.maxRssMb, 0)} MB`],
      ["load average at the end", figures.load],
      ["first error", (figures.firstError ?? "none").split("\n")[0]!.slice(0, 100)],
      [`baseline: ${floor!.label}`, `${fmt(floor!.seconds, 2)} s`],
    ],
  ),
);
const ratio = figures.all.finishedAll / floor!.seconds;
console.log(`ratio all finished (after the fire) / baseline: ${fmt(ratio, 2)}x`);
console.log(
  `BENCH_JSON ${JSON.stringify({ bench: `engine-${scenario}`, processes: PROCESSES, ...figures, floorS: floor!.seconds, ratio })}`,
);
// Exit now: a straggling socket or timer must not keep a finished benchmark alive.
process.exit(figures.duplicates > 0 || figures.timedOut ? 1 : 0);
