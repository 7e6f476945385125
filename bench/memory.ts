// The server's resident memory: `npm start` (the real Next server with the embedded scheduler,
// build folder .next-bench, built first when missing) on a scratch database; RSS of the server
// process idle (after a few requests) and while it runs a burst of 2,000 fires due in the same
// second among 10,000 tasks (trivial scripts). Baseline: the same server idle (ratio).
// Run: node --import tsx bench/memory.ts [--due 2000] [--tasks 10000]
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { openConnection, withDatabase } from "../server/db/connection";
import { BENCH_SERVER_URL, dropScratchDb, scratchName } from "./lib/scratch-db";
import { mb, percentile, sleep, table } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    due: { type: "string", default: "2000" },
    timeout: { type: "string", default: "300" },
  },
});
const TASKS = Number(args.tasks);
const DUE = Number(args.due);
const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const SCRIPT = "log('hello'); result = { title: 't', content: 'ok ' + dayjs().format('YYYY-MM-DD') }";

const dbName = scratchName("memory");
const url = withDatabase(BENCH_SERVER_URL, dbName);
const port = await new Promise<number>((resolve) => {
  const srv = createServer().listen(0, "127.0.0.1", () => {
    const p = (srv.address() as { port: number }).port;
    srv.close(() => resolve(p));
  });
});

/** Processes of a process group: pid, RSS in bytes, command line. */
function group(pgid: number): { pid: number; rss: number; cmd: string }[] {
  const out = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
      const rss =
        Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d}/status`, "utf8"))?.[1] ?? 0) * 1024;
      out.push({
        pid: Number(d),
        rss,
        cmd: readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ").trim(),
      });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

await dropScratchDb(dbName); // npm start creates it, migrates and seeds
const child = spawn("npm", ["start"], {
  detached: true, // its own process group: measured and stopped together
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST,
    DATABASE_URL: url,
    DB_QUERY_URL: url,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    APP_SECRET: "bench-app-secret-not-for-production-use",
    ADMIN_PASSWORD: "bench-admin-password",
    SCHEDULER: "embedded",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
const stop = async () => {
  if (child.exitCode === null) {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
};
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(
    signal,
    () =>
      void stop()
        .then(() => dropScratchDb(dbName))
        .finally(() => process.exit(130)),
  );

try {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000; // a first build takes minutes on a busy machine
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${output.slice(-3000)}`);
    await sleep(500);
  }
  const server = () => group(child.pid!).sort((a, b) => b.rss - a.rss)[0]!; // next-server: the largest
  for (let i = 0; i < 20; i++) await fetch(`${base}/api/health`).then((r) => r.text());
  await fetch(`${base}/login`)
    .then((r) => r.text())
    .catch(() => "");
  await sleep(5000);
  const idle: number[] = [];
  for (let i = 0; i < 10; i++) {
    idle.push(server().rss);
    await sleep(200);
  }
  const idleRss = percentile(idle, 50);
  const groupIdle = group(child.pid!).reduce((n, p) => n + p.rss, 0);

  const sql = await openConnection(url);
  const far = new Date(Date.now() + 30 * 86400_000);
  for (let from = 0; from < TASKS; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, TASKS - from) }, (_, k) => [
      null,
      `task ${from + k}`,
      "cron",
      "0 0 1 1 *",
      "Asia/Shanghai",
      "script",
      SCRIPT,
      "{}",
      "[]",
      1,
      far,
      "javascript",
    ]);
    await sql.query(
      "INSERT INTO platform_scheduled_tasks (tenant_id, task_name, schedule_type, cron_expression, timezone, execution_type, script_content, input_params, notify_channels, is_enabled, next_run_at, script_language) VALUES ?",
      [rows],
    );
  }
  const [[firstRow]] = (await sql.query(
    "SELECT MIN(id) AS first FROM platform_scheduled_tasks WHERE task_name LIKE 'task %'",
  )) as unknown as [{ first: number }[]];
  const first = firstRow!.first;
  const fireAt = Math.ceil(Date.now() / 1000) * 1000 + 2000;
  await sql.query("UPDATE platform_scheduled_tasks SET next_run_at = ? WHERE id >= ? AND id < ?", [
    new Date(fireAt),
    first,
    first + DUE,
  ]);
  const during: number[] = [];
  let done = 0;
  const until = fireAt + Number(args.timeout) * 1000;
  while (Date.now() < until) {
    await sleep(200);
    during.push(server().rss);
    if (during.length % 5 === 0) {
      const [r] = await sql.query(
        "SELECT COUNT(*) AS n FROM platform_task_logs WHERE task_id >= ? AND task_id < ? AND status <> 'running'",
        [first, first + DUE],
      );
      done = Number((r as { n: number }[])[0]!.n);
      if (done >= DUE) break;
    }
  }
  const finishedS = (Date.now() - fireAt) / 1000;
  await sql.end();

  console.log(
    `memory benchmark: npm start (next start of ${DIST}, embedded scheduler) on a scratch database; ${TASKS} tasks, ${DUE} due in the same second`,
  );
  console.log(
    table(
      ["", "value"],
      [
        ["server process", server().cmd.slice(0, 60)],
        ["RSS idle (after requests)", mb(idleRss)],
        ["RSS of its process group idle (npm, tsx, server)", mb(groupIdle)],
        [
          `RSS during the burst p50 / max (${during.length} samples)`,
          `${mb(percentile(during, 50))} / ${mb(Math.max(...during))}`,
        ],
        [
          "runs finished",
          `${done} / ${DUE} after ${finishedS.toFixed(1)} s${done >= DUE ? "" : " (TIMED OUT)"}`,
        ],
      ],
    ),
  );
  console.log(`ratio RSS max during burst / idle: ${(Math.max(...during) / idleRss).toFixed(2)}x`);
  console.log(
    `BENCH_JSON ${JSON.stringify({ bench: "memory", idleMb: idleRss / 2 ** 20, groupIdleMb: groupIdle / 2 ** 20, p50Mb: percentile(during, 50) / 2 ** 20, maxMb: Math.max(...during) / 2 ** 20, done, finishedS })}`,
  );
  if (done < DUE) process.exitCode = 1;
} finally {
  await stop();
  await dropScratchDb(dbName);
}
