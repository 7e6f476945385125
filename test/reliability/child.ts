import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "test/reliability/fixtures/dispatcher-with-health.ts");

export type DispatcherProcess = {
  pid: number;
  runnerId: string;
  /** GET /health in the child: the app's /api/health answer (status and body). */
  health(): Promise<{ status: number; body: { db?: string } } | { status: 0; body: { error: string } }>;
  alive(): boolean;
  /** How the process ended (null while it runs). */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null;
  stop(): Promise<void>;
  kill(): Promise<void>;
  output(): string;
};

/** Every dispatcher process started by this test process, so none outlives it. */
const started = new Set<ChildProcess>();

process.once("exit", () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** Kills (SIGKILL) every dispatcher process this test file started that still runs; for afterAll. */
export async function killDispatcherProcesses(): Promise<void> {
  await Promise.all(
    [...started].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await gone;
    }),
  );
  started.clear();
}

/** Starts test/reliability/fixtures/dispatcher-with-health.ts and waits until it ticks. */
export async function startDispatcherProcess(env: Record<string, string>): Promise<DispatcherProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: process.env.RELIABILITY_CHILD_LOG_LEVEL ?? "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let out = "";
  let ended: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.stdout!.on("data", (c) => (out += String(c)));
  child.stderr!.on("data", (c) => (out += String(c)));
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      ended = { code, signal };
      resolve();
    }),
  );
  const ready = await new Promise<{ runnerId: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`dispatcher process did not start in 30 s:\n${out}`)),
      30_000,
    );
    const check = () => {
      const m = /ready (\S+) (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ runnerId: m[1]!, port: Number(m[2]) });
      }
    };
    child.stdout!.on("data", check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`dispatcher process exited (${JSON.stringify(ended)}) before it was ready:\n${out}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    runnerId: ready.runnerId,
    alive,
    exit: () => ended,
    output: () => out,
    async health() {
      try {
        const res = await fetch(`http://127.0.0.1:${ready.port}/health`, {
          signal: AbortSignal.timeout(5_000),
        });
        return { status: res.status, body: (await res.json()) as { db?: string } };
      } catch (err) {
        return { status: 0, body: { error: (err as Error).message } };
      }
    },
    async stop() {
      if (alive()) child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
  };
}
