// One burst of fires through the real embedded dispatcher (this process, plus N-1 child
// processes on the same database), observed only from what the product writes: the log rows'
// created_at (claim), started_at, finished_at, status and runner_id. No product code is
// intercepted.
import { spawn, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { openConnection } from "../../server/db/connection";
import { statementsSent } from "../../server/db-pool";
import { benchEnv, createScratchDb, dropScratchDb, scratchName } from "./scratch-db";
import { percentile, sleep } from "./stats";

export type BurstTask = { tenant: string; script: string; group: string; timeoutSeconds?: number };

export type BurstOptions = {
  name: string;
  /** Tasks that fire together. */
  due: BurstTask[];
  /** Enabled tasks that are not due (the dispatcher's index still has to skip them). */
  idleTasks?: number;
  processes?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Runs before the burst, in this process, with the app's modules loaded (baselines). */
  before?: () => Promise<void>;
};

export type GroupFigures = {
  group: string;
  due: number;
  finished: number;
  success: number;
  latenessP50: number;
  latenessP99: number;
  latenessMax: number;
  /** Last claim (row created) after the fire, s. */
  claimedAll: number;
  /** Last finish after the fire, s. */
  finishedAll: number;
};

export type BurstFigures = {
  groups: GroupFigures[];
  all: GroupFigures;
  duplicates: number;
  runnersUsed: number;
  e2eRps: number;
  cpuMsPerRun: number;
  /** SQL statements the dispatcher processes sent, per finished run (BEGIN/COMMIT included). */
  statementsPerRun: number;
  cpuShare: number;
  idleRssMb: number;
  maxRssMb: number;
  timedOut: boolean;
  load: string;
  /** The first failed run's error (a failed run in a benchmark is a finding). */
  firstError: string | null;
};

const FAR = new Date(Date.now() + 30 * 86400_000);

type LogRow = {
  task_id: number;
  status: string;
  scheduled_for: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  runner_id: string | null;
  error: string | null;
  output: string | null;
};

export async function runBurst(opts: BurstOptions): Promise<BurstFigures> {
  const processes = opts.processes ?? 1;
  const dbName = scratchName(opts.name);
  Object.assign(process.env, opts.env ?? {});
  const url = await createScratchDb(dbName, 20);
  benchEnv(url);
  const sql = await openConnection(url);
  const children: ChildProcess[] = [];
  try {
    const tenants = [...new Set(opts.due.map((t) => t.tenant))];
    await sql.query("INSERT INTO platform_tenants (tenant_id, name) VALUES ?", [tenants.map((t) => [t, t])]);
    const row = (t: BurstTask, name: string) => [
      t.tenant,
      name,
      "cron",
      "0 0 1 1 *",
      "Asia/Shanghai",
      "script",
      // The script's own clock marks when it began and ended (ms): started_at and finished_at
      // are DATETIME(0) columns of the original schema, too coarse for sub-second lateness.
      `log('T0 ' + Date.now());\n${t.script}\n;log('T1 ' + Date.now());`,
      "{}",
      "[]",
      1,
      FAR,
      t.timeoutSeconds ?? 60,
      "allow",
      "javascript",
    ];
    const INSERT =
      "INSERT INTO platform_scheduled_tasks (tenant_id, task_name, schedule_type, cron_expression, timezone, execution_type, script_content, input_params, notify_channels, is_enabled, next_run_at, timeout_seconds, overlap_policy, script_language) VALUES ?";
    for (let from = 0; from < opts.due.length; from += 1000)
      await sql.query(INSERT, [opts.due.slice(from, from + 1000).map((t, k) => row(t, `due ${from + k}`))]);
    const idle = opts.idleTasks ?? 0;
    for (let from = 0; from < idle; from += 1000)
      await sql.query(INSERT, [
        Array.from({ length: Math.min(1000, idle - from) }, (_, k) =>
          row({ tenant: tenants[k % tenants.length]!, script: "result = 1", group: "" }, `idle ${from + k}`),
        ),
      ]);
    // Due tasks are ids 1..due (inserted first).
    const groupOf = new Map<number, string>(opts.due.map((t, i) => [i + 1, t.group]));

    const { startEmbeddedDispatcher } = await import("../../server/runs/embedded-dispatcher");
    const { localRunner } = await import("../../server/runs/local-runner");
    const rss: number[] = [];
    let sampling = false;
    const burstRss: number[] = [];
    const sampler = setInterval(() => {
      const r = process.memoryUsage().rss;
      (sampling ? burstRss : rss).push(r);
    }, 100);
    const dispatcher = await startEmbeddedDispatcher({ runner: localRunner() });
    const childHandles = await Promise.all(Array.from({ length: processes - 1 }, () => startChild(children)));
    await opts.before?.();
    await sleep(1500);
    const idleRss = percentile(rss, 50);

    const fireAt = Math.ceil(Date.now() / 1000) * 1000 + 2000;
    await sql.query("UPDATE platform_scheduled_tasks SET next_run_at = ? WHERE id <= ?", [
      new Date(fireAt),
      opts.due.length,
    ]);
    await sleep(Math.max(0, fireAt - Date.now()));
    sampling = true;
    const cpuBefore = process.cpuUsage();
    const statementsBefore = statementsSent();
    const wallBefore = performance.now();
    const deadline = fireAt + (opts.timeoutMs ?? 300_000);
    let timedOut = true;
    while (Date.now() < deadline) {
      await sleep(200);
      const [r] = await sql.query(
        "SELECT COUNT(*) AS n FROM platform_task_logs WHERE status <> 'running' AND task_id <= ?",
        [opts.due.length],
      );
      if (Number((r as { n: number }[])[0]!.n) >= opts.due.length) {
        timedOut = false;
        break;
      }
    }
    const cpu = process.cpuUsage(cpuBefore);
    const wall = performance.now() - wallBefore;
    sampling = false;
    clearInterval(sampler);
    await dispatcher.stop(5_000);
    const statements = statementsSent() - statementsBefore;
    let childCpuMs = 0;
    let childStatements = 0;
    let childMaxRss = 0;
    for (const c of childHandles) {
      const s = await c.stop();
      childCpuMs += s.cpuMs;
      childStatements += s.statements;
      childMaxRss = Math.max(childMaxRss, s.rss);
    }

    const [rowsRaw] = await sql.query(
      "SELECT task_id, status, scheduled_for, created_at, started_at, finished_at, runner_id, error, output FROM platform_task_logs",
    );
    const rows = rowsRaw as LogRow[];
    const dueRows = rows.filter((r) => r.task_id <= opts.due.length);
    const perFire = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.task_id}|${r.scheduled_for?.getTime()}`;
      perFire.set(k, (perFire.get(k) ?? 0) + 1);
    }
    const duplicates =
      [...perFire.values()].reduce((n, c) => n + Math.max(0, c - 1), 0) +
      rows.filter((r) => r.task_id > opts.due.length).length;
    const mark = (r: LogRow, m: "T0" | "T1") => {
      const hit = new RegExp(`${m} (\\d{13})`).exec(r.output ?? "");
      return hit ? Number(hit[1]) : null;
    };
    const figures = (group: string, list: LogRow[], due: number): GroupFigures => {
      const late = list
        .map((r) => mark(r, "T0") ?? r.started_at?.getTime())
        .filter((t): t is number => t !== undefined)
        .map((t) => (t - fireAt) / 1000);
      // Script end (ms) or, for a run that failed before it (timeout), the finish row's second.
      const fin = list
        .map((r) => mark(r, "T1") ?? r.finished_at?.getTime())
        .filter((t): t is number => t !== undefined)
        .map((t) => (t - fireAt) / 1000);
      return {
        group,
        due,
        finished: list.filter((r) => r.status !== "running").length,
        success: list.filter((r) => r.status === "success").length,
        latenessP50: percentile(late, 50),
        latenessP99: percentile(late, 99),
        latenessMax: Math.max(...late),
        claimedAll: Math.max(...list.map((r) => (r.created_at.getTime() - fireAt) / 1000)),
        finishedAll: Math.max(...fin),
      };
    };
    const groups = [...new Set(opts.due.map((t) => t.group))].map((g) =>
      figures(
        g,
        dueRows.filter((r) => groupOf.get(r.task_id) === g),
        opts.due.filter((t) => t.group === g).length,
      ),
    );
    const all = figures("all", dueRows, opts.due.length);
    const finishedCount = dueRows.filter((r) => r.status !== "running").length;
    return {
      groups,
      all,
      duplicates,
      runnersUsed: new Set(dueRows.map((r) => r.runner_id)).size,
      e2eRps: finishedCount / Math.max(0.001, all.finishedAll),
      cpuMsPerRun: ((cpu.user + cpu.system) / 1000 + childCpuMs) / Math.max(1, finishedCount),
      statementsPerRun: (statements + childStatements) / Math.max(1, finishedCount),
      cpuShare: (cpu.user + cpu.system) / 1000 / wall,
      idleRssMb: idleRss / 2 ** 20,
      maxRssMb: Math.max(Math.max(...burstRss), childMaxRss) / 2 ** 20,
      timedOut,
      firstError: dueRows.find((r) => r.status !== "success")?.error ?? null,
      load: loadavg()
        .map((l) => l.toFixed(2))
        .join(" "),
    };
  } finally {
    for (const c of children) c.kill();
    await sql.end();
    const { disconnectDb } = await import("../../server/db");
    await disconnectDb().catch(() => {});
    await dropScratchDb(dbName);
  }
}

type ChildStats = { cpuMs: number; rss: number; statements: number };

/** Another dispatcher process on the same database (bench/lib/dispatcher-child.ts). */
async function startChild(live: ChildProcess[]): Promise<{ stop(): Promise<ChildStats> }> {
  const child = spawn(
    process.execPath,
    ["--no-node-snapshot", "--import", "tsx", new URL("./dispatcher-child.ts", import.meta.url).pathname],
    { stdio: ["pipe", "pipe", "inherit"], env: process.env },
  );
  live.push(child);
  const lines = createInterface({ input: child.stdout! });
  let onStats: (s: ChildStats) => void = () => {};
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`dispatcher child exited early (${code})`)));
    lines.on("line", (line) => {
      if (line === "ready") resolve();
      else if (line.startsWith("STATS ")) onStats(JSON.parse(line.slice(6)) as ChildStats);
    });
  });
  return {
    stop: () =>
      new Promise<ChildStats>((resolve) => {
        onStats = resolve;
        child.stdin!.write("stop\n");
      }),
  };
}
