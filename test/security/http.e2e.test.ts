import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase, dropDemoBusiness, signIn, startApp, type StartedApp } from "../e2e/helpers/server";

// Issue 11 item 8 over real HTTP, against `npm start` (the built app): sign-in throttling through
// next-auth's credentials callback, CSRF with the real session cookie, security headers, and
// /api/inngest without Inngest. Runs in the e2e half of `npm test` (it needs the build).

const DATABASE = "sched_e2e_security";
const PASSWORD = "e2e-admin-password-123";
const ADMIN = "admin@example.com";

type Attempt = { status: number; retryAfter: string | null; body: Record<string, unknown> };

describe("security over HTTP (npm start)", () => {
  let app: StartedApp;
  let conn: mysql.Connection;

  beforeAll(async () => {
    // The tests play a proxy in front of the server: each names its client in X-Forwarded-For,
    // believed with TRUST_PROXY=1 (without it the socket's address counts; see client-address.ts).
    app = await startApp({ database: DATABASE, env: { ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: "1" } });
    conn = await mysql.createConnection(app.databaseUrl);
  });

  afterAll(async () => {
    await conn?.end();
    await app?.stop();
    await dropDatabase(DATABASE);
    await dropDemoBusiness(DATABASE);
  });

  /** One sign-in exactly as next-auth's client does it (csrf token, form POST, json=true). */
  async function attempt(email: string, password: string, address: string): Promise<Attempt> {
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": address },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const text = await res.text();
    return {
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  async function holdLock(key: string) {
    await conn.query(
      "UPDATE platform_login_throttle SET locked_until = NOW(3) + INTERVAL 60 SECOND WHERE throttle_key = ?",
      [key],
    );
  }

  it("sends the security headers on pages and API answers", async () => {
    for (const path of ["/login", "/api/health"]) {
      const res = await fetch(`${app.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("/api/inngest answers 404 (never 500) when Inngest is not configured", async () => {
    for (const method of ["GET", "POST", "PUT"]) {
      const res = await fetch(`${app.url}/api/inngest`, {
        method,
        body: method === "GET" ? undefined : "{}",
      });
      expect(res.status, method).toBe(404);
    }
  });

  it("refuses a cookie-authenticated text/plain or cross-site POST; creates nothing", async () => {
    const cookie = await signIn(app.url, ADMIN, PASSWORD);
    expect(cookie).not.toBeNull();
    const task = JSON.stringify({
      task_name: "csrf",
      schedule_type: "simple",
      time_points: ["08:00"],
      execution_type: "script",
      script_language: "javascript",
      script_content: "result = 1",
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/scheduled-tasks`, {
        method: "POST",
        headers: { cookie: cookie!, ...headers },
        body: task,
      });
    const count = async () => {
      const [rows] = await conn.query(
        "SELECT COUNT(*) AS n FROM platform_scheduled_tasks WHERE task_name = 'csrf'",
      );
      return Number((rows as { n: number }[])[0]!.n);
    };
    expect((await post({ "content-type": "text/plain", origin: app.url })).status).toBe(403);
    expect((await post({ "content-type": "text/plain" })).status).toBe(403);
    expect(
      (await post({ "content-type": "application/x-www-form-urlencoded", origin: app.url })).status,
    ).toBe(403);
    expect((await post({ "content-type": "application/json", origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await post({ "content-type": "application/json", origin: "null" })).status).toBe(403);
    expect((await post({ "content-type": "application/json", "sec-fetch-site": "cross-site" })).status).toBe(
      403,
    );
    expect(await count()).toBe(0);
    expect((await post({ "content-type": "application/json", origin: app.url })).status).toBe(201);
    expect(await count()).toBe(1);
  });

  it("30 wrong passwords lead to 429 + Retry-After; the right one is refused while locked; audited", async () => {
    const answers: Attempt[] = [];
    // A different client address each time: this is the per-account limit.
    for (let i = 0; i < 30; i++) answers.push(await attempt(ADMIN, `wrong-${i}`, `198.51.100.${i + 1}`));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(15);
    for (const a of limited) {
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(String(a.body.url)).toContain("error=TooManyAttempts");
    }
    await holdLock(`a:${ADMIN}`);
    const right = await attempt(ADMIN, PASSWORD, "198.51.100.200");
    expect(right.status).toBe(429);
    const [audit] = await conn.query(
      "SELECT details FROM platform_audit_logs WHERE action = 'auth.login_throttled'",
    );
    expect((audit as unknown[]).length).toBeGreaterThan(0);
  });

  it("an unknown account answers exactly like a known one", async () => {
    const run = async (email: string, net: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt(email, "wrong", `${net}.${i + 1}`)).status);
      await holdLock(`a:${email}`);
      const locked = await attempt(email, "wrong", `${net}.100`);
      return { statuses: [...statuses, locked.status], keys: Object.keys(locked.body).sort() };
    };
    const unknown = await run("nobody@example.com", "203.0.113");
    await conn.query(
      "INSERT INTO platform_users (email, name, password_hash, is_active) VALUES (?, 'x', ?, 1)",
      ["real@example.com", "$2b$10$iWXEDU5i5N2ElMltWWiRW.zK2X5w7KBvG6VNkf7ksh4F2faVGRB6."],
    );
    const known = await run("real@example.com", "192.0.2");
    expect(unknown).toEqual({ statuses: [401, 401, 401, 401, 401, 401, 429], keys: ["error", "url"] });
    expect(known).toEqual(unknown);
  });

  it("one address guessing many accounts is throttled by address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++)
      statuses.push((await attempt(`spray${i}@example.com`, "wrong", "100.100.100.100")).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(21)).toContain(429);
  });
});
