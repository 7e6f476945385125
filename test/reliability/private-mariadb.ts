import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openConnection } from "../../server/db/connection";

// A MariaDB server of the test's own (a temp data directory, a free port), so an outage test can
// stop and restart "the database" without touching the shared one on 3306 that other tests use.

const MARIADBD = "/usr/sbin/mariadbd";
const INSTALL_DB = "/usr/bin/mariadb-install-db";

export type PrivateMariadb = {
  port: number;
  /** mysql://root@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** Stops the server: SIGTERM (a clean shutdown) or SIGKILL (a crash); resolves once it is gone. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  running(): boolean;
  /** Stops it (SIGKILL) and deletes its data directory. */
  destroy(): Promise<void>;
  errorLog(): string;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

// A server must not outlive the test process, even when the test itself fails or is killed.
const servers = new Set<ChildProcess>();
process.once("exit", () => {
  for (const p of servers) p.kill("SIGKILL");
});

export async function startPrivateMariadb(): Promise<PrivateMariadb> {
  const dir = mkdtempSync(path.join(tmpdir(), "sched-reliability-db-"));
  const install = spawnSync(
    INSTALL_DB,
    [
      "--no-defaults",
      `--datadir=${dir}`,
      "--auth-root-authentication-method=normal",
      "--user=root",
      "--skip-test-db",
    ],
    { encoding: "utf8" },
  );
  if (install.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed:\n${install.stdout}\n${install.stderr}`);
  }
  const port = await freePort();
  const logFile = path.join(dir, "error.log");
  let proc: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    proc = spawn(
      MARIADBD,
      [
        "--no-defaults",
        `--datadir=${dir}`,
        `--port=${port}`,
        `--socket=${path.join(dir, "mysqld.sock")}`,
        `--pid-file=${path.join(dir, "mysqld.pid")}`,
        `--log-error=${logFile}`,
        "--bind-address=127.0.0.1",
        "--user=root",
        "--skip-grant-tables",
        "--skip-log-bin",
        "--innodb-buffer-pool-size=64M",
        "--max-connections=200",
      ],
      { stdio: "ignore" },
    );
    const p = proc;
    servers.add(p);
    exited = new Promise<void>((r) =>
      p.once("exit", () => {
        servers.delete(p);
        r();
      }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (p.exitCode !== null || p.signalCode !== null)
        throw new Error(`mariadbd exited at start:\n${readLog()}`);
      try {
        const conn = await openConnection(`mysql://root@127.0.0.1:${port}/`, { database: false });
        await conn.end();
        return;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`mariadbd did not accept connections in 30 s:\n${readLog()}`);
        await sleep(100);
      }
    }
  }

  function readLog(): string {
    try {
      return readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
    } catch {
      return "(no error log)";
    }
  }

  const isRunning = () => !!proc && proc.exitCode === null && proc.signalCode === null;

  async function stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    if (!isRunning()) return;
    proc!.kill(signal);
    const killed = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!killed) {
      proc!.kill("SIGKILL");
      await exited;
    }
  }

  await start();
  return {
    port,
    url: (database) => `mysql://root@127.0.0.1:${port}/${database}`,
    stop,
    start,
    running: isRunning,
    errorLog: readLog,
    async destroy() {
      await stop("SIGKILL");
      if (process.env.RELIABILITY_KEEP_DB) console.log(`private MariaDB data kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}
