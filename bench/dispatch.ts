// 10,000 enabled tasks, 2,000 of them due in the same second (trivial scripts, no channels),
// run by the embedded dispatcher in this process: time to claim and start all of them,
// lateness (start − scheduled) p50/p99, duplicates, end-to-end runs/s, and the process's RSS
// idle and during the burst. Baseline, same process: runScript of the same script with no
// database, sequentially and at the runner's concurrency (the sandbox floor).
// Run: node --no-node-snapshot --import tsx bench/dispatch.ts [--due 2000] [--tasks 10000]
//      [--concurrency N] [--allowance N] (defaults: the production defaults of LocalRunner).
import { spawn, type ChildProcess } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { openConnection } from "../server/db/connection";
import { benchEnv, createScratchDb, dropScratchDb, scratchName } from "./lib/scratch-db";
import { newEvents, observedClient } from "./lib/observe";
import { fmt, mb, percentile, pooled, sleep, table } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    due: { type: "string", default: "2000" },
    concurrency: { type: "string" },
    allowance: { type: "string" },
    floor: { type: "string", default: "500" },
    timeout: { type: "string", default: "300" },
    profile: { type: "boolean", default: false },
    processes: { type: "string", default: "1" },
  },
});
const TASKS = Number(args.tasks);
const DUE = Number(args.due);
const FLOOR_RUNS = Number(args.floor);
const TIMEOUT_MS = Number(args.timeout) * 1000;
const PROCESSES = Number(args.processes);
const TENANTS = 10;
const SCRIPT = "log('hello'); result = { title: 't', content: 'ok ' + dayjs().format('YYYY-MM-DD') }";
const FAR = new Date(Date.now() + 30 * 86400_000);

const liveChildren: ChildProcess[] = [];
const dbName = scratchName("dispatch");
const url = await createScratchDb(dbName, 10);
benchEnv(url);
const sql = await openConnection(url);

try {
  // --- data: tenants and tasks, all due far away for now ------------------------------------
  const t0 = performance.now();
  await sql.query("INSERT INTO platform_tenants (tenant_id, name) VALUES ?", [
    Array.from({ length: TENANTS }, (_, i) => [`bench${i}`, `bench ${i}`]),
  ]);
  for (let from = 0; from < TASKS; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, TASKS - from) }, (_, k) => [
      `bench${(from + k) % TENANTS}`,
      `task ${from + k}`,
      "cron",
      "0 0 1 1 *",
      "Asia/Shanghai",
      "script",
      SCRIPT,
      "{}",
      "[]",
      1,
      FAR,
      "javascript",
    ]);
    await sql.query(
      "INSERT INTO platform_scheduled_tasks (tenant_id, task_name, schedule_type, cron_expression, timezone, execution_type, script_content, input_params, notify_channels, is_enabled, next_run_at, script_language) VALUES ?",
      [rows],
    );
  }
  const insertMs = performance.now() - t0;

  // --- the app's modules, on an observed Prisma client ---------------------------------------
  const { createPrismaClient } = await import("../server/db");
  const events = newEvents();
  (globalThis as unknown as { __db?: unknown }).__db = observedClient(createPrismaClient(url), events);
  const { runScript } = await import("../server/sandbox/run-script");
  const { startEmbeddedDispatcher } = await import("../server/runs/embedded-dispatcher");
  const { LocalRunner, localRunner } = await import("../server/runs/local-runner");

  const runner = args.concurrency
    ? new LocalRunner({ concurrency: Number(args.concurrency) })
    : localRunner();
  const rss: { at: number; rss: number }[] = [];
  const sampler = setInterval(() => rss.push({ at: Date.now(), rss: process.memoryUsage().rss }), 100);
  const dispatcher = await startEmbeddedDispatcher({
    runner,
    ...(args.allowance ? { queueAllowance: Number(args.allowance) } : {}),
  });
  await sleep(3000);
  const idleRss = percentile(
    rss.map((s) => s.rss),
    50,
  );
  const children = await Promise.all(Array.from({ length: PROCESSES - 1 }, () => startChild()));

  // --- baseline: the sandbox floor, no database ------------------------------------------------
  const once = async () => {
    const r = await runScript({ script: SCRIPT, taskId: null, tenantId: null, timeoutSeconds: 10 });
    if (!r.success) throw new Error(`floor script failed: ${r.error}`);
  };
  await pooled(20, 1, once); // warm-up (code cache, JIT)
  const seq = await pooled(FLOOR_RUNS, 1, once);
  const conc = await pooled(FLOOR_RUNS, runner.concurrency, once);
  const seqRps = (FLOOR_RUNS / seq.wallMs) * 1000;
  const concRps = (FLOOR_RUNS / conc.wallMs) * 1000;

  // --- the burst: DUE tasks due in the same second ---------------------------------------------
  const fireAt = Math.ceil(Date.now() / 1000) * 1000 + 2000;
  await sql.query("UPDATE platform_scheduled_tasks SET next_run_at = ? WHERE id <= ?", [
    new Date(fireAt),
    DUE,
  ]);
  const rssBefore = rss.length;
  events.recording = true;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  loopDelay.enable();
  let done = 0;
  const deadline = fireAt + TIMEOUT_MS;
  while (Date.now() < deadline) {
    await sleep(250);
    const [r] = await sql.query("SELECT COUNT(*) AS n FROM platform_task_logs WHERE status <> 'running'");
    done = Number((r as { n: number }[])[0]!.n);
    if (done >= DUE && (PROCESSES > 1 || events.finished.size >= DUE)) break;
  }
  const burstRss = rss.slice(rssBefore).map((s) => s.rss);
  events.recording = false;
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
  await dispatcher.stop(10_000);
  clearInterval(sampler);
  let childCpuMs = 0;
  for (const child of children) {
    const theirs = await child.stop();
    childCpuMs += theirs.cpuMs;
    for (const [id, at] of theirs.claimed) events.claimed.set(id, at);
    for (const [id, at] of theirs.finished) events.finished.set(id, at);
    for (const [id, list] of theirs.started)
      events.started.set(id, [...(events.started.get(id) ?? []), ...list]);
  }

  // --- figures -------------------------------------------------------------------------------------
  const [[counts]] = (await sql.query(
    `SELECT COUNT(*) AS rows_total,
            SUM(status = 'success') AS success,
            SUM(task_id > ?) AS not_due,
            COUNT(*) - COUNT(DISTINCT task_id, scheduled_for) AS dup_fire,
            COUNT(DISTINCT task_id) AS tasks_run
       FROM platform_task_logs`,
    [DUE],
  )) as unknown as [Record<string, number | string>[]];
  const starts = [...events.started.values()];
  const startedTwice = starts.filter((s) => s.length > 1).length;
  const lateness = starts.map((s) => s[0]! - fireAt);
  const claimedAll = Math.max(...events.claimed.values()) - fireAt;
  const startedAll = Math.max(...lateness);
  const finishedAll = Math.max(...events.finished.values()) - fireAt;
  const complete = events.finished.size >= DUE;
  const e2eRps = (events.finished.size / finishedAll) * 1000;
  const duplicates =
    Number(counts!.dup_fire) +
    startedTwice +
    Number(counts!.not_due) +
    Math.max(0, Number(counts!.rows_total) - DUE);

  const allowance = args.allowance ?? `${runner.concurrency * 4} (default)`;
  console.log(
    `dispatch benchmark: ${TASKS} enabled tasks (${TENANTS} tenants), ${DUE} due at the same second; ${PROCESSES > 1 ? `${PROCESSES} dispatcher processes, each with ` : ""}runner concurrency ${runner.concurrency}, queue allowance ${allowance}`,
  );
  console.log(`  data inserted in ${fmt(insertMs / 1000, 1)} s (multi-row INSERT)`);
  console.log(
    table(
      ["", "value"],
      [
        ["runs finished", `${events.finished.size} / ${DUE}${complete ? "" : " (TIMED OUT)"}`],
        ["log rows (success)", `${counts!.rows_total} (${counts!.success})`],
        ["duplicates (2nd row/2nd start/not due)", String(duplicates)],
        ["all claimed after", `${fmt(claimedAll / 1000, 2)} s`],
        ["all started after", `${fmt(startedAll / 1000, 2)} s`],
        ["all finished after", `${fmt(finishedAll / 1000, 2)} s`],
        ["lateness p50", `${fmt(percentile(lateness, 50) / 1000, 2)} s`],
        ["lateness p99", `${fmt(percentile(lateness, 99) / 1000, 2)} s`],
        ["end-to-end runs/s (incl. log rows)", fmt(e2eRps)],
        ["floor: runScript sequential runs/s", fmt(seqRps)],
        [`floor: runScript at concurrency ${runner.concurrency} runs/s`, fmt(concRps)],
        ["process CPU during burst (1.0 = one core)", fmt(cpuShare, 2)],
        [
          "process CPU per run (claim+start+script+finish)",
          `${fmt((cpu.user + cpu.system + childCpuMs * 1000) / 1000 / Math.max(1, events.finished.size), 1)} ms${PROCESSES > 1 ? ` (all ${PROCESSES} processes)` : ""}`,
        ],
        [
          "event-loop delay p50 / p99",
          `${fmt(loopDelay.percentile(50) / 1e6, 0)} / ${fmt(loopDelay.percentile(99) / 1e6, 0)} ms`,
        ],
        [
          "load average at the end",
          (await import("node:os"))
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(" "),
        ],
        ["RSS idle (dispatcher started)", mb(idleRss)],
        ["RSS during burst p50 / max", `${mb(percentile(burstRss, 50))} / ${mb(Math.max(...burstRss))}`],
      ],
    ),
  );
  console.log(
    `ratio end-to-end / floor at the same concurrency: ${fmt(e2eRps / concRps, 2)} (sequential floor: ${fmt(e2eRps / seqRps, 2)}); ` +
      `RSS during / idle: ${fmt(Math.max(...burstRss) / idleRss, 2)}x`,
  );
  console.log(
    `BENCH_JSON ${JSON.stringify({ bench: "dispatch", concurrency: runner.concurrency, allowance, due: DUE, finished: events.finished.size, duplicates, claimedAllS: claimedAll / 1000, startedAllS: startedAll / 1000, finishedAllS: finishedAll / 1000, p50S: percentile(lateness, 50) / 1000, p99S: percentile(lateness, 99) / 1000, e2eRps, seqRps, concRps, cpuShare, processes: PROCESSES, cpuMsPerRun: (cpu.user + cpu.system + childCpuMs * 1000) / 1000 / Math.max(1, events.finished.size), idleRssMb: idleRss / 2 ** 20, maxRssMb: Math.max(...burstRss) / 2 ** 20 })}`,
  );
  if (args.profile) {
    const rows = [...events.queries.entries()].sort((a, b) => b[1].ms - a[1].ms);
    console.log("queries during the burst (count, total ms, mean ms):");
    console.log(
      table(
        ["query", "count", "total ms", "mean ms"],
        rows.map(([k, q]) => [k, String(q.count), fmt(q.ms, 0), fmt(q.ms / q.count, 2)]),
      ),
    );
  }
  if (duplicates > 0) process.exitCode = 1;
  if (!complete) process.exitCode = 1;
} finally {
  for (const c of liveChildren) c.kill();
  await sql.end();
  const { disconnectDb } = await import("../server/db");
  await disconnectDb().catch(() => {});
  await dropScratchDb(dbName);
}

type ChildEvents = {
  claimed: [string, number][];
  started: [string, number[]][];
  finished: [string, number][];
  cpuMs: number;
  rss: number;
};

/** Another dispatcher process on the same database (bench/lib/dispatcher-child.ts). */
async function startChild(): Promise<{ stop(): Promise<ChildEvents> }> {
  const extra = [
    ...(args.concurrency ? ["--concurrency", args.concurrency] : []),
    ...(args.allowance ? ["--allowance", args.allowance] : []),
  ];
  const child = spawn(
    process.execPath,
    [
      "--no-node-snapshot",
      "--import",
      "tsx",
      new URL("./lib/dispatcher-child.ts", import.meta.url).pathname,
      ...extra,
    ],
    {
      stdio: ["pipe", "pipe", "inherit"],
      env: process.env,
    },
  );
  liveChildren.push(child);
  const lines = createInterface({ input: child.stdout! });
  let onEvents: (e: ChildEvents) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`dispatcher child exited early (${code})`)));
    lines.on("line", (line) => {
      if (line === "ready") resolve();
      else if (line.startsWith("EVENTS ")) onEvents(JSON.parse(line.slice(7)) as ChildEvents);
    });
  });
  await ready;
  return {
    stop: () =>
      new Promise<ChildEvents>((resolve) => {
        onEvents = resolve;
        child.stdin!.write("stop\n");
      }),
  };
}
