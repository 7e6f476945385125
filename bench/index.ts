// `npm run bench [-- name ...]`: runs the benchmarks one after another, each in a child process
// of its own (isolated-vm needs --no-node-snapshot; each bench creates and drops its own scratch
// database), bounded in time, after a header describing the machine they ran on.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { openConnection } from "../server/db/connection";
import { BENCH_SERVER_URL } from "./lib/scratch-db";

type Bench = { name: string; file: string; args: string[]; timeoutMs: number };

const BENCHES: Bench[] = [
  { name: "sandbox", file: "sandbox.ts", args: ["300"], timeoutMs: 5 * 60_000 },
  { name: "dispatch", file: "dispatch.ts", args: [], timeoutMs: 15 * 60_000 },
  { name: "dispatch-2p", file: "dispatch.ts", args: ["--processes", "2"], timeoutMs: 15 * 60_000 },
  { name: "io", file: "engine.ts", args: ["io", "--n", "100"], timeoutMs: 10 * 60_000 },
  { name: "io-500", file: "engine.ts", args: ["io", "--n", "500"], timeoutMs: 10 * 60_000 },
  { name: "trivial", file: "engine.ts", args: ["trivial", "--n", "300"], timeoutMs: 10 * 60_000 },
  { name: "mixed", file: "engine.ts", args: ["mixed"], timeoutMs: 10 * 60_000 },
  { name: "fairness-alone", file: "engine.ts", args: ["fairness-alone"], timeoutMs: 10 * 60_000 },
  { name: "fairness", file: "engine.ts", args: ["fairness"], timeoutMs: 10 * 60_000 },
  { name: "api", file: "api.ts", args: [], timeoutMs: 15 * 60_000 },
  { name: "memory", file: "memory.ts", args: [], timeoutMs: 15 * 60_000 },
  { name: "python", file: "python.ts", args: [], timeoutMs: 10 * 60_000 },
];

/** BENCH_JSON lines of the benchmarks, by bench name, for the ratios across benchmarks. */
const results = new Map<string, Record<string, unknown>>();

async function machine(): Promise<string> {
  const model =
    /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
  let mariadb = "?";
  try {
    const conn = await openConnection(BENCH_SERVER_URL, { database: false });
    const [rows] = await conn.query("SELECT VERSION() AS v");
    mariadb = (rows as { v: string }[])[0]!.v;
    await conn.end();
  } catch (err) {
    mariadb = `unreachable (${(err as Error).message})`;
  }
  return [
    `date: ${new Date().toISOString()}`,
    `cpu: ${cpus().length} × ${model}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `node: ${process.version}, MariaDB: ${mariadb}`,
    `load average (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  ].join("\n");
}

function run(bench: Bench): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--no-node-snapshot", "--import", "tsx", path.join(import.meta.dirname, bench.file), ...bench.args],
      {
        stdio: ["inherit", "pipe", "inherit"],
        env: process.env,
      },
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      console.log(line);
      if (line.startsWith("BENCH_JSON ")) {
        try {
          results.set(bench.name, JSON.parse(line.slice(11)) as Record<string, unknown>);
        } catch {
          // not ours
        }
      }
    });
    const timer = setTimeout(() => {
      console.error(`${bench.name}: over ${bench.timeoutMs / 60_000} min, stopping it`);
      child.kill("SIGTERM");
    }, bench.timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
if (selected.length === 0) {
  console.error(`unknown benchmark(s) ${wanted.join(", ")}; known: ${BENCHES.map((b) => b.name).join(", ")}`);
  process.exit(2);
}
console.log(await machine());
let failed = 0;
for (const bench of selected) {
  console.log(`\n## ${bench.name} (started ${new Date().toISOString()}, load ${loadavg()[0]!.toFixed(2)})`);
  const code = await run(bench);
  if (code !== 0) {
    failed++;
    console.log(`${bench.name}: exit code ${code}`);
  }
}
const one = results.get("dispatch");
const two = results.get("dispatch-2p");
if (one && two)
  console.log(
    `\nratio two processes / one process (end-to-end runs/s, same burst, same run): ${(
      Number(two.e2eRps) / Number(one.e2eRps)
    ).toFixed(
      2,
    )}x (${Number(two.e2eRps).toFixed(1)} / ${Number(one.e2eRps).toFixed(1)}); duplicates ${String(two.duplicates)}`,
  );
type Groups = { groups: { group: string; latenessP99: number }[] };
const bLate = (r: Record<string, unknown> | undefined) =>
  (r as Groups | undefined)?.groups.find((g) => g.group === "B trivial")?.latenessP99;
const [alone, beside] = [bLate(results.get("fairness-alone")), bLate(results.get("fairness"))];
if (alone !== undefined && beside !== undefined)
  console.log(
    `fairness: tenant B's fire started ${beside.toFixed(2)} s late beside tenant A's 50 busy runs, ${alone.toFixed(2)} s alone: slowed by ${(beside - alone).toFixed(2)} s (ratio ${(beside / Math.max(0.001, alone)).toFixed(2)}x)`,
  );
const io = results.get("io") as { all: { latenessP99: number; finishedAll: number } } | undefined;
const trivial = results.get("trivial") as { all: { latenessP99: number } } | undefined;
const mixed = results.get("mixed") as Groups | undefined;
const mixedTrivial = mixed?.groups.find((g) => g.group === "trivial")?.latenessP99;
if (trivial && mixedTrivial !== undefined)
  console.log(
    `mixed: trivial fires' p99 lateness beside I/O and CPU-bound fires ${mixedTrivial.toFixed(2)} s against ${trivial.all.latenessP99.toFixed(2)} s in the trivial burst (ratio ${(mixedTrivial / Math.max(0.001, trivial.all.latenessP99)).toFixed(2)}x)`,
  );
if (io)
  console.log(
    `io: p99 lateness ${io.all.latenessP99.toFixed(2)} s, last finished ${io.all.finishedAll.toFixed(2)} s after the fire`,
  );
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
process.exit(failed > 0 ? 1 : 0);
