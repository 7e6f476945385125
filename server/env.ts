import { z } from "zod";

// The one place that reads process.env. Everything else imports `env`.

const csv = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
  );

const mysqlUrl = z.string().regex(/^(mysql|mariadb):\/\/[^\s]+$/, "must be a mysql:// or mariadb:// URL");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: mysqlUrl.default("mysql://root@127.0.0.1:3306/scheduled_tasks"),
    // The global default data source of db_query. Never falls back to DATABASE_URL (issue 11).
    DB_QUERY_URL: mysqlUrl.optional().or(z.literal("").transform(() => undefined)),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z
      .string()
      .url()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    APP_SECRET: z
      .string({ error: "is required (32+ characters): it signs sessions and encrypts secrets" })
      .min(32, "must be at least 32 characters"),
    PLATFORM_API_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    ADMIN_EMAIL: z.string().email("must be an email address").default("admin@example.com"),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(8, "must be at least 8 characters").optional()),
    SCHEDULER: z
      .enum(["embedded", "inngest", "off"])
      .optional()
      .or(z.literal("").transform(() => undefined)),
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_DEV: optionalString,
    OUTBOUND_ALLOWLIST: csv,
    // Reverse proxies in front of the server whose X-Forwarded-For may be believed (client address
    // for login throttling, server/http/client-address.ts): 0/false = none, true = 1, or a count.
    TRUST_PROXY: z
      .string()
      .default("0")
      .transform((v) => {
        const t = v.trim().toLowerCase();
        return t === "true" || t === "on" ? 1 : t === "false" || t === "off" || t === "" ? 0 : Number(t);
      })
      .pipe(z.number({ error: "must be false, true or a number of proxies" }).int().min(0).max(10)),
    AI_BASE_URL: z.string().url("must be a URL").default("https://api.deepseek.com"),
    AI_API_KEY: optionalString,
    AI_MODEL: z.string().min(1).default("deepseek-flash"),
    WECOM_API_BASE_URL: z.string().url("must be a URL").default("https://qyapi.weixin.qq.com"),
    LOG_RETENTION_DAYS: z.coerce.number().int().min(1, "must be at least 1 day").max(3650).default(30),
    // Adopting the original system's database (server/db/adopt-seed-data.ts): the zone its
    // zone-less DATETIMEs were written in, and whether retention may delete its run history.
    LEGACY_DB_TIMEZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "must be an IANA time zone, e.g. Asia/Shanghai")
      .default("Asia/Shanghai"),
    LEGACY_LOG_RETENTION: z.enum(["keep", "prune"], { error: "must be keep or prune" }).default("keep"),
    // Run engine limits (server/limits): see the README's configuration table.
    RUNS_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(256),
    RUNS_MEMORY_BUDGET_MB: z.coerce.number().int().min(64).default(1200),
    RUNS_TENANT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(100),
    // Heap of runs waiting in host calls (server/limits/parked-heap.ts): per tenant, and in total
    // (default: 40% of RUNS_MEMORY_BUDGET_MB).
    RUNS_TENANT_PARKED_HEAP_MB: z.coerce.number().int().min(1).max(1_000_000).default(128),
    RUNS_PARKED_HEAP_MB: z.coerce.number().int().min(1).max(1_000_000).optional(),
    RUNS_INTERACTIVE_RESERVE: z.coerce.number().int().min(0).max(1_000).default(16),
    CPU_SLOTS: z.coerce.number().int().min(1).max(256).optional(),
    CPU_SLOTS_PER_TENANT: z.coerce.number().int().min(1).max(256).optional(),
    CPU_SLOT_MAX_WAIT_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    TEST_SCRIPT_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
    // Python interpreters kept restored ahead of runs (server/sandbox/python/pool.ts).
    PYTHON_POOL_SIZE: z.coerce.number().int().min(0).max(64).default(1),
    PYTHON_POOL_MAX: z.coerce.number().int().min(0).max(256).default(8),
    PYTHON_MAX_LIVE: z.coerce.number().int().min(1).max(1024).default(24),
    // JavaScript isolates with the SDK installed ahead of runs (server/sandbox/js-pool.ts).
    JS_POOL_SIZE: z.coerce.number().int().min(0).max(256).default(4),
    JS_POOL_MAX: z.coerce.number().int().min(0).max(1024).default(64),
    // The dispatcher prewarms sandboxes for script tasks due this far ahead (0 = never).
    PREWARM_LOOKAHEAD_SECONDS: z.coerce.number().int().min(0).max(3_600).default(15),
  })
  .transform((e) => ({
    ...e,
    APP_URL: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    SCHEDULER: e.SCHEDULER ?? (e.INNGEST_EVENT_KEY ? "inngest" : "embedded"),
  }));

export type Env = z.infer<typeof ZEnv>;

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "Invalid environment:\n" +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n") +
        "\nSee .env.example and the README's configuration table.",
    );
    this.name = "EnvError";
  }
}

/** Parses an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ZEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message })),
  );
}

let cached: Env | undefined;

/** Parsed lazily so tests and scripts can set process.env before the first read. */
export const env: Env = new Proxy({} as Env, {
  get(_target, key) {
    cached ??= parseEnv(process.env);
    return cached[key as keyof Env];
  },
});

/** Forget the parsed environment (tests that change process.env). */
export function resetEnvCache(): void {
  cached = undefined;
}
