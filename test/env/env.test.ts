import { afterEach, describe, expect, it, vi } from "vitest";
import { env, EnvError, parseEnv, resetEnvCache } from "@/server/env";

// Operators fix their configuration from the error message alone: it must name the variable.

const SECRET = "x".repeat(32);

function problemsOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return err as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv rejects a bad variable by name", () => {
  it.each([
    ["APP_SECRET", { APP_SECRET: "too-short" }, /at least 32 characters/],
    ["APP_SECRET", {}, /required/],
    ["DATABASE_URL", { APP_SECRET: SECRET, DATABASE_URL: "postgres://u@h/db" }, /mysql:\/\/ or mariadb:\/\//],
    ["PORT", { APP_SECRET: SECRET, PORT: "abc" }, /./],
    ["LOG_RETENTION_DAYS", { APP_SECRET: SECRET, LOG_RETENTION_DAYS: "0" }, /at least 1 day/],
    ["SCHEDULER", { APP_SECRET: SECRET, SCHEDULER: "cron" }, /./],
    ["ADMIN_EMAIL", { APP_SECRET: SECRET, ADMIN_EMAIL: "not-an-email" }, /email/],
  ])("%s", (variable, source, reason) => {
    const error = problemsOf(source);
    expect(error.problems.map((p) => p.variable)).toEqual([variable]);
    expect(error.problems[0]!.message).toMatch(reason);
    expect(error.message).toMatch(new RegExp(`^  ${variable}: `, "m"));
  });

  it("names every bad variable at once", () => {
    const error = problemsOf({ APP_SECRET: "short", PORT: "70000", DATABASE_URL: "sqlite://x" });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(["APP_SECRET", "DATABASE_URL", "PORT"]);
  });
});

describe("parseEnv defaults and derived values", () => {
  it("fills the documented defaults from APP_SECRET alone", () => {
    expect(parseEnv({ APP_SECRET: SECRET }).DB_QUERY_URL).toBeUndefined();
    expect(parseEnv({ APP_SECRET: SECRET })).toMatchObject({
      NODE_ENV: "development",
      DATABASE_URL: "mysql://root@127.0.0.1:3306/scheduled_tasks",
      PORT: 3000,
      APP_URL: "http://localhost:3000",
      ADMIN_EMAIL: "admin@example.com",
      SCHEDULER: "embedded",
      OUTBOUND_ALLOWLIST: [],
      AI_BASE_URL: "https://api.deepseek.com",
      AI_MODEL: "deepseek-flash",
      WECOM_API_BASE_URL: "https://qyapi.weixin.qq.com",
      LOG_RETENTION_DAYS: 30,
    });
  });

  it("derives SCHEDULER=inngest from INNGEST_EVENT_KEY unless SCHEDULER says otherwise", () => {
    expect(parseEnv({ APP_SECRET: SECRET, INNGEST_EVENT_KEY: "evt" }).SCHEDULER).toBe("inngest");
    expect(parseEnv({ APP_SECRET: SECRET, INNGEST_EVENT_KEY: "evt", SCHEDULER: "" }).SCHEDULER).toBe(
      "inngest",
    );
    expect(parseEnv({ APP_SECRET: SECRET, INNGEST_EVENT_KEY: "evt", SCHEDULER: "off" }).SCHEDULER).toBe(
      "off",
    );
    expect(parseEnv({ APP_SECRET: SECRET, INNGEST_EVENT_KEY: "" }).SCHEDULER).toBe("embedded");
  });

  it("never derives DB_QUERY_URL from DATABASE_URL; derives APP_URL, and splits OUTBOUND_ALLOWLIST", () => {
    const e = parseEnv({
      APP_SECRET: SECRET,
      DATABASE_URL: "mariadb://app:pw@db:3306/tasks",
      PORT: "8080",
      OUTBOUND_ALLOWLIST: " 10.0.0.0/8, robot.internal ,,",
    });
    expect(e.DB_QUERY_URL).toBeUndefined();
    expect(e.APP_URL).toBe("http://localhost:8080");
    expect(e.PORT).toBe(8080);
    expect(e.OUTBOUND_ALLOWLIST).toEqual(["10.0.0.0/8", "robot.internal"]);

    const explicit = parseEnv({
      APP_SECRET: SECRET,
      DB_QUERY_URL: "mysql://readonly@db/tasks",
      APP_URL: "https://tasks.example.com/",
    });
    expect(explicit.DB_QUERY_URL).toBe("mysql://readonly@db/tasks");
    expect(explicit.APP_URL).toBe("https://tasks.example.com");
  });
});

describe("env", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  it("reads the test environment prepared by setup-env and re-reads after resetEnvCache", () => {
    expect(env.NODE_ENV).toBe("test");
    expect(env.DATABASE_URL).toMatch(/\/sched_test_\d+_\d+$/);
    const before = env.LOG_RETENTION_DAYS;
    vi.stubEnv("LOG_RETENTION_DAYS", String(before + 1));
    expect(env.LOG_RETENTION_DAYS).toBe(before); // parsed once, cached
    resetEnvCache();
    expect(env.LOG_RETENTION_DAYS).toBe(before + 1);
  });

  it("throws EnvError naming the variable on first read of a bad environment", () => {
    vi.stubEnv("PORT", "abc");
    resetEnvCache();
    expect(() => env.PORT).toThrow(/PORT/);
  });
});
