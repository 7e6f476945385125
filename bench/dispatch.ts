// 10,000 enabled tasks, 2,000 of them due in the same second (trivial scripts, no channels),
// run by the embedded dispatcher (this process, plus --processes N-1 others on the same
// database), observed from the log rows the product writes (bench/lib/burst.ts): lateness of
// each script's start after the fire, claims, finishes, duplicates, end-to-end runs/s, RSS.
// Baseline, same process: runScript of the same script with no database, sequentially and at
// concurrency 4 (the floor the old runner had) — the ratio end-to-end / floor.
// Run: node --no-node-snapshot --import tsx bench/dispatch.ts [--due 2000] [--tasks 10000] [--processes N]
import { parseArgs } from "node:util";
import { runBurst } from "./lib/burst";
import { fmt, pooled, table } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    due: { type: "string", default: "2000" },
    floor: { type: "string", default: "500" },
    timeout: { type: "string", default: "300" },
    processes: { type: "string", default: "1" },
  },
});
const TASKS = Number(args.tasks);
const DUE = Number(args.due);
const FLOOR_RUNS = Number(args.floor);
const PROCESSES = Number(args.processes);
const TENANTS = 10;
const SCRIPT = "log('hello'); result = { title: 't', content: 'ok ' + dayjs().format('YYYY-MM-DD') }";

let seqRps = 0;
let concRps = 0;
const figures = await runBurst({
  name: "dispatch",
  due: Array.from({ length: DUE }, (_, i) => ({
    tenant: `bench${i % TENANTS}`,
    script: SCRIPT,
    group: "trivial",
  })),
  idleTasks: TASKS - DUE,
  processes: PROCESSES,
  timeoutMs: Number(args.timeout) * 1000,
  async before() {
    const { runScript } = await import("../server/sandbox/run-script");
    const once = async () => {
      const r = await runScript({ script: SCRIPT, taskId: null, tenantId: null, timeoutSeconds: 10 });
      if (!r.success) throw new Error(`floor script failed: ${r.error}`);
    };
    await pooled(20, 1, once); // warm-up (code cache, JIT)
    seqRps = (FLOOR_RUNS / (await pooled(FLOOR_RUNS, 1, once)).wallMs) * 1000;
    concRps = (FLOOR_RUNS / (await pooled(FLOOR_RUNS, 4, once)).wallMs) * 1000;
  },
});
const a = figures.all;
console.log(
  `dispatch benchmark: ${TASKS} enabled tasks (${TENANTS} tenants), ${DUE} due at the same second; ${PROCESSES} dispatcher process(es) with production defaults`,
);
console.log(
  table(
    ["", "value"],
    [
      ["runs finished", `${a.finished} / ${DUE}${figures.timedOut ? " (TIMED OUT)" : ""}`],
      ["success", String(a.success)],
      ["duplicates (2nd row of a fire / rows of tasks not due)", String(figures.duplicates)],
      ["processes that ran fires", String(figures.runnersUsed)],
      ["all claimed after (created_at, 1 s precision)", `${fmt(a.claimedAll, 0)} s`],
      ["all scripts started after", `${fmt(a.latenessMax, 2)} s`],
      ["all finished after", `${fmt(a.finishedAll, 2)} s`],
      ["lateness p50 (script start − fire)", `${fmt(a.latenessP50, 2)} s`],
      ["lateness p99", `${fmt(a.latenessP99, 2)} s`],
      ["end-to-end runs/s (incl. log rows)", fmt(figures.e2eRps)],
      ["floor: runScript sequential runs/s", fmt(seqRps)],
      ["floor: runScript at concurrency 4 runs/s", fmt(concRps)],
      ["dispatcher process CPU during burst (1.0 = one core)", fmt(figures.cpuShare, 2)],
      ["CPU per run, all processes (claim+start+script+finish)", `${fmt(figures.cpuMsPerRun, 1)} ms`],
      ["SQL statements per run, all processes", fmt(figures.statementsPerRun, 1)],
      ["RSS idle / max during burst", `${fmt(figures.idleRssMb, 0)} MB / ${fmt(figures.maxRssMb, 0)} MB`],
      ["load average at the end", figures.load],
      ["first error", (figures.firstError ?? "none").split("\n")[0]!.slice(0, 100)],
    ],
  ),
);
console.log(
  `ratio end-to-end / floor at concurrency 4: ${fmt(figures.e2eRps / concRps, 2)} (sequential floor: ${fmt(figures.e2eRps / seqRps, 2)})`,
);
console.log(
  `BENCH_JSON ${JSON.stringify({ bench: PROCESSES > 1 ? `dispatch-${PROCESSES}p` : "dispatch", processes: PROCESSES, ...figures, seqRps, concRps })}`,
);
// Exit now: a straggling socket or timer must not keep a finished benchmark alive.
process.exit(figures.duplicates > 0 || figures.timedOut ? 1 : 0);
