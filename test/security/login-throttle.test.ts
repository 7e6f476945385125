import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/server/auth/options";
import {
  beginLoginAttempt,
  delaySeconds,
  finishLoginAttempt,
  LOGIN_THROTTLE,
  type LoginAttempt,
} from "@/server/services/login-throttle";
import { platformScope } from "@/server/auth/scope";
import { clientAddress, installSocketAddressStamp } from "@/server/http/client-address";
import { db } from "@/server/db";
import { createUser } from "@/server/services/users";
import { resetDb } from "../helpers/db";
import { setEnv } from "../sandbox/helpers";

// Issue 11 item 8: 49 wrong passwords, then the right one, got a session. The throttle as the
// sign-in route uses it (count before checking, settle after), with next-auth's real authorize().
// test/security/http.e2e.test.ts drives the same through the real server's sign-in over HTTP.

const PASSWORD = "the-right-password-123";
const authorize = (
  authOptions.providers[0] as unknown as { options: { authorize: (c: unknown) => Promise<unknown> } }
).options.authorize;

/** One sign-in as the route does it: throttle first, then next-auth's authorize. */
async function signIn(email: string, password: string, address = "203.0.113.7"): Promise<number | "ok"> {
  const attempt: LoginAttempt = await beginLoginAttempt(email, address);
  if (!attempt.allowed) return 429;
  const user = await authorize({ email, password });
  await finishLoginAttempt(attempt, !!user);
  return user ? "ok" : 401;
}

async function unlock() {
  await db.loginThrottle.updateMany({ data: { lockedUntil: null } });
}

// bcrypt checks under a busy CI machine: give these tests room.
vi.setConfig({ testTimeout: 90_000 });

describe("login throttling", () => {
  beforeEach(async () => {
    await resetDb();
    await db.loginThrottle.deleteMany();
    await createUser({
      scope: platformScope(),
      input: { email: "ops@example.com", password: PASSWORD, role: "platform_admin" },
    });
  });

  it("grows the delay with every failure past the free ones, up to 15 minutes", () => {
    expect([5, 6, 7, 8, 12].map((n) => delaySeconds("account", n))).toEqual([0, 1, 2, 4, 64]);
    expect(delaySeconds("account", 40)).toBe(LOGIN_THROTTLE.account.maxDelaySeconds);
    expect(delaySeconds("address", 20)).toBe(0);
    expect(delaySeconds("address", 21)).toBe(1);
  });

  it("30 wrong passwords in a row lead to 429s; the right one during the lockout is refused too", async () => {
    const answers: (number | string)[] = [];
    for (let i = 0; i < 30; i++) answers.push(await signIn("ops@example.com", `wrong-${i}`));
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(answers.filter((a) => a === 429).length).toBeGreaterThanOrEqual(20);
    // The lock the failures set is seconds long; hold it still while the right password tries.
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: "a:ops@example.com" } });
    expect(row.failures).toBeGreaterThan(LOGIN_THROTTLE.account.free);
    await db.loginThrottle.update({
      where: { key: "a:ops@example.com" },
      data: { lockedUntil: new Date(Date.now() + 60_000) },
    });
    expect(await signIn("ops@example.com", PASSWORD)).toBe(429);
    // From another address too: the account itself is locked.
    expect(await signIn("ops@example.com", PASSWORD, "198.51.100.9")).toBe(429);
    // Case and spaces in the email do not make it another account.
    expect(await signIn("  OPS@Example.COM ", PASSWORD, "198.51.100.10")).toBe(429);
    // The lockout is audited.
    const audit = await db.auditLog.findMany({ where: { action: "auth.login_throttled" } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit[0]!.details)).toContain("ops@example.com");
    // Once the lock runs out, the right password works and the account's count starts over.
    await unlock();
    expect(await signIn("ops@example.com", PASSWORD)).toBe("ok");
    expect(await db.loginThrottle.findUnique({ where: { key: "a:ops@example.com" } })).toBeNull();
  });

  it("each failure after the free ones locks for longer (growing delays)", async () => {
    const locks: number[] = [];
    for (let i = 0; i < 9; i++) {
      await signIn("ops@example.com", "wrong");
      const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: "a:ops@example.com" } });
      locks.push(row.lockedUntil ? (row.lockedUntil.getTime() - row.updatedAt.getTime()) / 1000 : 0);
      await unlock();
    }
    expect(locks).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8]);
  });

  it("an unknown account gets exactly the same answers (nothing tells whether it exists)", async () => {
    const sequence = async (email: string) => {
      const answers: (number | string)[] = [];
      for (let i = 0; i < LOGIN_THROTTLE.account.free + 1; i++)
        answers.push(await signIn(email, "wrong", `192.0.2.${i}`));
      // Hold the lock those failures set (seconds) still while the next try comes.
      await db.loginThrottle.update({
        where: { key: `a:${email}` },
        data: { lockedUntil: new Date(Date.now() + 60_000) },
      });
      answers.push(await signIn(email, "wrong", "192.0.2.200"));
      const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `a:${email}` } });
      return { answers, failures: row.failures };
    };
    const known = await sequence("ops@example.com");
    const unknown = await sequence("nobody@example.com");
    expect(known.answers).toEqual([...Array(LOGIN_THROTTLE.account.free + 1).fill(401), 429]);
    expect(unknown).toEqual(known);
  });

  it("an unknown account costs the same password check (bcrypt) as a known one", async () => {
    const time = async (email: string) => {
      const t = performance.now();
      await authorize({ email, password: "wrong" });
      return performance.now() - t;
    };
    await time("ops@example.com"); // warm up
    const k = (await time("ops@example.com")) + (await time("ops@example.com"));
    const u = (await time("nobody@example.com")) + (await time("nobody@example.com"));
    expect(u).toBeGreaterThan(k * 0.5);
  });

  it("one address guessing many accounts is throttled by address", async () => {
    const answers: (number | string)[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.address.free + 4; i++)
      answers.push(await signIn(`user${i}@example.com`, "wrong", "203.0.113.99"));
    expect(answers.slice(0, LOGIN_THROTTLE.address.free)).toEqual(
      Array(LOGIN_THROTTLE.address.free).fill(401),
    );
    expect(answers.slice(LOGIN_THROTTLE.address.free + 1)).toContain(429);
  });

  it("parallel guesses cannot slip past the count", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn("ops@example.com", `wrong-${i}`, `192.0.2.${i}`)),
    );
    expect(answers.filter((a) => a === 401).length).toBeLessThanOrEqual(LOGIN_THROTTLE.account.free + 1);
    expect(answers.filter((a) => a === 429).length).toBeGreaterThanOrEqual(
      20 - LOGIN_THROTTLE.account.free - 1,
    );
  });
});

describe("the client address behind the per-address limit (TRUST_PROXY)", () => {
  // A real HTTP server in this process with the socket stamp installed, as instrumentation.ts does
  // for `next start`; each request is handed to clientAddress() as the sign-in route does.
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    installSocketAddressStamp();
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      res.end(clientAddress(new Request("http://localhost/", { headers })));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    setEnv({ TRUST_PROXY: undefined });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(async () => {
    await db.loginThrottle.deleteMany({});
  });

  const addressOf = async (headers: Record<string, string>) => (await fetch(url, { headers })).text();
  const spoofs: Record<string, string>[] = [
    {},
    { "x-forwarded-for": "198.51.100.1" },
    { "x-forwarded-for": "198.51.100.1, 198.51.100.2" },
    { "x-forwarded-for": "unknown" },
    { "x-forwarded-for": "" },
    { "x-forwarded-for": "127.0.0.1, 10.0.0.1,198.51.100.3" },
    { "x-real-ip": "198.51.100.4" },
    { "x-platform-socket-address": "198.51.100.5" },
    { "x-forwarded-for": "198.51.100.6", "x-platform-socket-address": "198.51.100.7" },
  ];

  it("by default (no proxy) is the socket's address, whatever X-Forwarded-For or our own header say", async () => {
    setEnv({ TRUST_PROXY: undefined });
    for (const h of spoofs) expect(await addressOf(h), JSON.stringify(h)).toBe("127.0.0.1");
  });

  it("with TRUST_PROXY=1 is the entry the proxy appended; entries a client put in front are never reached", async () => {
    setEnv({ TRUST_PROXY: "true" });
    // The proxy appends what it saw: a client's own X-Forwarded-For stays in front of it.
    expect(await addressOf({ "x-forwarded-for": "203.0.113.50" })).toBe("203.0.113.50");
    expect(await addressOf({ "x-forwarded-for": "198.51.100.1, 203.0.113.50" })).toBe("203.0.113.50");
    expect(await addressOf({ "x-forwarded-for": "198.51.100.1,198.51.100.2 , 203.0.113.50" })).toBe(
      "203.0.113.50",
    );
    // No header: the proxy itself (the socket).
    expect(await addressOf({})).toBe("127.0.0.1");
    setEnv({ TRUST_PROXY: "2" });
    expect(await addressOf({ "x-forwarded-for": "198.51.100.1, 203.0.113.50, 10.0.0.2" })).toBe(
      "203.0.113.50",
    );
  });

  it("a client rotating spoofed X-Forwarded-For across many accounts is still throttled by its address", async () => {
    setEnv({ TRUST_PROXY: undefined });
    const answers: (number | string)[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.address.free + 4; i++) {
      const address = await addressOf({ "x-forwarded-for": `198.51.100.${i}` });
      answers.push(await signIn(`spoof${i}@example.com`, "wrong", address));
    }
    expect(answers.slice(0, LOGIN_THROTTLE.address.free)).toEqual(
      Array(LOGIN_THROTTLE.address.free).fill(401),
    );
    expect(answers.slice(LOGIN_THROTTLE.address.free + 1)).toContain(429);
  });
});
