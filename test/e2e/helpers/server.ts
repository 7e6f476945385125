import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:net";
import mysql from "mysql2/promise";

export const E2E_SERVER_URL = process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306";

/** The APP_SECRET npm start gets here; the admin CLI run against the same database needs it too. */
export const E2E_APP_SECRET = "e2e-app-secret-0123456789-0123456789-xyz";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  const conn = await mysql.createConnection(E2E_SERVER_URL);
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.end();
}

/**
 * Drops what npm start's demo seed made next to a platform database: the demo business database
 * and its SELECT-only user (names as server/services/demo-business.ts derives them).
 */
export async function dropDemoBusiness(platformDatabase: string): Promise<void> {
  const h = createHash("sha256").update(platformDatabase).digest("hex").slice(0, 10);
  const conn = await mysql.createConnection(E2E_SERVER_URL);
  await conn.query(`DROP DATABASE IF EXISTS \`demo_business_${h}\``);
  await conn.query(`DROP USER IF EXISTS ?@'%'`, [`demo_reader_${h}`]);
  await conn.end();
}

export type StartedApp = {
  url: string;
  databaseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Runs the README's start command (`npm start`) against a fresh database and waits until
 * /api/health answers ok. The first run builds the app, so allow a few minutes.
 */
export async function startApp(opts: {
  database: string;
  env?: Record<string, string>;
  /** Fills the fresh database before npm start (e.g. with the original system's tables and rows). */
  prepare?: (databaseUrl: string) => Promise<void>;
  /** Start on the database as it is (a restart): no drop, no prepare. */
  keepDatabase?: boolean;
}): Promise<StartedApp> {
  const port = await freePort();
  const databaseUrl = `${E2E_SERVER_URL}/${opts.database}`;
  if (!opts.keepDatabase) {
    await dropDatabase(opts.database);
    await dropDemoBusiness(opts.database);
    if (opts.prepare) {
      const conn = await mysql.createConnection(E2E_SERVER_URL);
      await conn.query(
        `CREATE DATABASE \`${opts.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      await conn.end();
      await opts.prepare(databaseUrl);
    }
  }
  let output = "";
  const child: ChildProcess = spawn("npm", ["start"], {
    detached: true, // its own process group, so stop() ends npm, tsx and next together
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      DB_QUERY_URL: "",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      APP_SECRET: E2E_APP_SECRET,
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await dropDemoBusiness(opts.database);
  };
  const deadline = Date.now() + 400_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, databaseUrl, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the app did not become healthy in time:\n${output}`);
}

/** Signs in through next-auth's credentials flow; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string | null> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  keep(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  const session = [...jar].find(([k]) => k.endsWith("next-auth.session-token"));
  return session ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : null;
}
