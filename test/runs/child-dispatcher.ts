import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "test/runs/fixtures/dispatcher-child.ts");

export type ChildDispatcher = {
  pid: number;
  runnerId: string;
  /** SIGTERM and wait for a graceful exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (the crash) and wait until the process is gone (reaped). */
  kill(): Promise<void>;
  stderr(): string;
};

/**
 * Starts test/runs/fixtures/dispatcher-child.ts in its own Node process on this fork's database
 * (the environment setup-env.ts prepared is passed through) and waits until it ticks.
 */
export async function startChildDispatcher(extraEnv: Record<string, string> = {}): Promise<ChildDispatcher> {
  const child: ChildProcess = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (c) => (err += String(c)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const runnerId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`child dispatcher did not start in 30 s:\n${err}`)),
      30_000,
    );
    child.stdout!.on("data", (c) => {
      out += String(c);
      const m = /ready (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`child dispatcher exited (${code}) before it was ready:\n${err}`));
    });
  });
  return {
    pid: child.pid!,
    runnerId,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
