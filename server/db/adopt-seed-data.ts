import type { Connection, RowDataPacket } from "mysql2/promise";
import { storedTaskProblems } from "@/lib/schemas/task";
import { CHANNEL_SIGN_SECRET_PURPOSE, encryptSecret, isEncrypted } from "../crypto/secret-box";
import { nextFireTime } from "../schedule/fire-times";
import { INIT_MIGRATION, schemaAdoptionProblems, schemaAdoptionStatements } from "./adopt-seed";
import { calendarFromTenant, scheduleFromTask } from "../schedule/validate";

// Adopting the ROWS of the original system's database (adopt-seed.ts adopts its tables). Once,
// after the migrations, in one transaction that also writes the platform_seed_adoption row:
//  - every adopted task is Python (the original ran only Python);
//  - its zone-less DATETIMEs were written in LEGACY_DB_TIMEZONE: they are moved to UTC;
//  - tenant ids found in the old rows become tenants; '' (the seed's "global") becomes NULL;
//  - plaintext sign_secrets are encrypted in place;
//  - enabled tasks get their next_run_at, so they fire on schedule;
//  - runs the old system left 'running' are closed as failed (it is not running them any more).
// Rows that break today's validation, dangling notify_wecom_app_ids and channel ids are reported,
// never changed. Everything is checked before anything is written: a database that cannot be
// adopted is refused with the reasons and left as it was. inspectSeedAdoption is also the
// dry run (npm run migrate-from-seed -- --dry-run).

export const SEED_TABLES = [
  "platform_scheduled_tasks",
  "platform_task_notify_channels",
  "platform_task_logs",
];

/** The seed's own columns (test/fixtures/seed-ddl.sql): an adoptable table has every one. */
export const SEED_COLUMNS: Record<string, string[]> = {
  platform_scheduled_tasks: [
    "id",
    "tenant_id",
    "task_name",
    "task_desc",
    "schedule_type",
    "time_points",
    "cron_expression",
    "timezone",
    "execution_type",
    "webhook_url",
    "script_content",
    "script_deps",
    "input_params",
    "retry_count",
    "retry_interval",
    "alert_on_failure",
    "alert_webhook",
    "notify_channels",
    "notify_wecom_app_id",
    "is_enabled",
    "last_run_at",
    "last_run_status",
    "last_run_message",
    "created_at",
    "updated_at",
  ],
  platform_task_notify_channels: [
    "id",
    "tenant_id",
    "channel_name",
    "channel_type",
    "webhook_url",
    "sign_secret",
    "description",
    "is_enabled",
    "created_at",
    "updated_at",
  ],
  platform_task_logs: [
    "id",
    "task_id",
    "tenant_id",
    "trace_id",
    "status",
    "started_at",
    "finished_at",
    "duration_ms",
    "output",
    "error",
    "retry_count",
    "created_at",
  ],
};

/**
 * The zone-less DATETIME columns of the seed, per table, moved from the legacy zone to UTC.
 * Not the tasks' updated_at: the script_language migration changed every task row before this
 * runs, so MariaDB's ON UPDATE CURRENT_TIMESTAMP already set it to that moment, in UTC.
 */
const SHIFTED: Record<string, string[]> = {
  platform_scheduled_tasks: ["last_run_at", "created_at"],
  platform_task_notify_channels: ["created_at", "updated_at"],
  platform_task_logs: ["started_at", "finished_at", "created_at"],
};

/** sign_secret is VARCHAR(200): the longest plaintext whose encrypted form still fits. */
const SIGN_SECRET_COLUMN = 200;

export type SeedCutoffs = { lastTaskId: number; lastChannelId: number; lastLogId: string };

export type AdoptionPlan = {
  /** Why this database cannot be adopted; non-empty = nothing may be written. */
  blockers: string[];
  legacyTimezone: string;
  cutoffs: SeedCutoffs;
  tasks: {
    total: number;
    enabled: number;
    /** Enabled tasks and their first fire after adoption (null: the stored schedule is invalid). */
    schedules: { id: number; task_name: string; next_run_at: string | null }[];
    globalFromEmptyTenant: number;
  };
  tenants: { found: string[]; toCreate: string[] };
  secretsToEncrypt: { id: number; channel_name: string; tenant_id: string }[];
  timeShift: {
    zone: string;
    /** Offsets applied (minutes east of UTC) and the local-time ranges they cover. */
    periods: { from: string | null; until: string | null; offset_minutes: number }[];
    rows: { table: string; column: string; values: number }[];
    example: { table: string; column: string; id: number; before: string; after: string } | null;
  };
  invalidTasks: { id: number; task_name: string; problems: { path: string; message: string }[] }[];
  danglingWecomApps: { task_id: number; notify_wecom_app_id: number }[];
  danglingChannels: { task_id: number; channel_id: number }[];
  interruptedRuns: number;
};

const rowsOf = async (conn: Connection, sql: string, params: unknown[] = []) =>
  (await conn.query<RowDataPacket[]>(sql, params))[0];

async function tableNames(conn: Connection): Promise<Set<string>> {
  const rows = await rowsOf(
    conn,
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
  );
  return new Set(rows.map((r) => r.name as string));
}

async function columnNames(conn: Connection, table: string): Promise<Set<string>> {
  const rows = await rowsOf(
    conn,
    "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
    [table],
  );
  return new Set(rows.map((r) => r.name as string));
}

/**
 * Shape checks of the seed tables: all three present, each with every seed column. A database
 * with only some of them, or with columns missing, is not one we know how to adopt.
 */
export async function seedShapeProblems(conn: Connection): Promise<string[]> {
  const tables = await tableNames(conn);
  const present = SEED_TABLES.filter((t) => tables.has(t));
  if (present.length === 0) return [];
  const problems: string[] = [];
  const absent = SEED_TABLES.filter((t) => !tables.has(t));
  if (absent.length)
    problems.push(
      `only part of the original system's tables exist (${present.join(", ")}; missing ${absent.join(", ")})`,
    );
  for (const table of present) {
    const columns = await columnNames(conn, table);
    const missing = SEED_COLUMNS[table]!.filter((c) => !columns.has(c));
    if (missing.length)
      problems.push(`table ${table} lacks the original system's columns ${missing.join(", ")}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Time zones: naive DATETIMEs (read as if UTC) in `zone` → UTC, period by period.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `zone` at the instant `utcMs`. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

export type OffsetPeriod = { fromNaive: number | null; untilNaive: number | null; offset: number };

/**
 * The zone's offsets over naive local times [minNaive, maxNaive]: one period per offset in
 * force, bounded by the local clock reading at each transition (so a DST zone shifts each
 * value by the offset of its own date). Asia/Shanghai since 1992: one period, +480.
 */
export function offsetPeriods(zone: string, minNaive: number, maxNaive: number): OffsetPeriod[] {
  const DAY = 86_400_000;
  const start = minNaive - 2 * DAY;
  const end = maxNaive + 2 * DAY;
  const periods: OffsetPeriod[] = [];
  let offset = zoneOffsetMinutes(zone, start);
  let fromNaive: number | null = null;
  for (let t = start; t < end; t += DAY) {
    const next = zoneOffsetMinutes(zone, Math.min(t + DAY, end));
    if (next === offset) continue;
    // The transition instant within (t, t + DAY], to the minute.
    let lo = t;
    let hi = Math.min(t + DAY, end);
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zoneOffsetMinutes(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    const boundary = hi + offset * 60_000; // the old clock's reading at the transition
    periods.push({ fromNaive, untilNaive: boundary, offset });
    fromNaive = boundary;
    offset = next;
  }
  periods.push({ fromNaive, untilNaive: null, offset });
  return periods;
}

/** `col` moved from the legacy zone to UTC: one CASE over the offset periods. */
function shiftExpression(column: string, periods: OffsetPeriod[]): { sql: string; params: unknown[] } {
  const q = "`" + column + "`";
  if (periods.length === 1) return { sql: `DATE_SUB(${q}, INTERVAL ? MINUTE)`, params: [periods[0]!.offset] };
  const params: unknown[] = [];
  const whens = periods.slice(0, -1).map((p) => {
    params.push(new Date(p.untilNaive!), p.offset);
    return `WHEN ${q} < ? THEN DATE_SUB(${q}, INTERVAL ? MINUTE)`;
  });
  params.push(periods.at(-1)!.offset);
  return { sql: `CASE ${whens.join(" ")} ELSE DATE_SUB(${q}, INTERVAL ? MINUTE) END`, params };
}

const naive = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");

// ---------------------------------------------------------------------------------------------

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** A seed task row in the API's field form (what GET shows and PUT merges with). */
function seedTaskFields(r: RowDataPacket): Record<string, unknown> {
  return {
    tenant_id: r.tenant_id === "" ? null : r.tenant_id,
    task_name: r.task_name,
    task_desc: r.task_desc,
    schedule_type: r.schedule_type,
    time_points: parseJson(r.time_points) ?? null,
    cron_expression: r.cron_expression,
    timezone: r.timezone ?? "Asia/Shanghai",
    workday_filter: "none",
    execution_type: r.execution_type,
    webhook_url: r.webhook_url,
    script_language: "python",
    script_content: r.script_content,
    script_deps: r.script_deps,
    input_params: parseJson(r.input_params) ?? {},
    retry_count: r.retry_count ?? 0,
    retry_interval: r.retry_interval ?? 60,
    alert_on_failure: !!r.alert_on_failure,
    alert_webhook: r.alert_webhook,
    notify_channels: parseJson(r.notify_channels) ?? [],
    notify_wecom_app_id: r.notify_wecom_app_id,
    is_enabled: r.is_enabled === null ? true : !!r.is_enabled,
  };
}

async function maxId(conn: Connection, table: string): Promise<string> {
  const [row] = await rowsOf(conn, `SELECT COALESCE(MAX(id), 0) AS m FROM \`${table}\``);
  return String(row?.m ?? 0);
}

/** The highest ids of the seed tables now: the adopted rows are those up to them. */
export async function currentSeedCutoffs(conn: Connection): Promise<SeedCutoffs> {
  return {
    lastTaskId: Number(await maxId(conn, "platform_scheduled_tasks")),
    lastChannelId: Number(await maxId(conn, "platform_task_notify_channels")),
    lastLogId: await maxId(conn, "platform_task_logs"),
  };
}

/**
 * Reads the seed rows and says what adoption would change, and what stops it. Writes nothing:
 * this is the dry run, and the pre-check of the real adoption.
 */
export async function inspectSeedAdoption(
  conn: Connection,
  opts: { legacyTimezone: string; cutoffs?: SeedCutoffs; now?: Date },
): Promise<AdoptionPlan> {
  const now = opts.now ?? new Date();
  const zone = opts.legacyTimezone;
  const blockers = await seedShapeProblems(conn);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    blockers.push(`LEGACY_DB_TIMEZONE ${JSON.stringify(zone)} is not an IANA time zone`);
  }
  const cutoffs = opts.cutoffs ?? (blockers.length ? undefined : await currentSeedCutoffs(conn));
  const plan: AdoptionPlan = {
    blockers,
    legacyTimezone: zone,
    cutoffs: cutoffs ?? { lastTaskId: 0, lastChannelId: 0, lastLogId: "0" },
    tasks: { total: 0, enabled: 0, schedules: [], globalFromEmptyTenant: 0 },
    tenants: { found: [], toCreate: [] },
    secretsToEncrypt: [],
    timeShift: { zone, periods: [], rows: [], example: null },
    invalidTasks: [],
    danglingWecomApps: [],
    danglingChannels: [],
    interruptedRuns: 0,
  };
  if (blockers.length || !cutoffs) return plan;
  const tables = await tableNames(conn);

  const tasks = await rowsOf(
    conn,
    `SELECT ${SEED_COLUMNS.platform_scheduled_tasks!.map((c) => `\`${c}\``).join(", ")} FROM platform_scheduled_tasks WHERE id <= ? ORDER BY id`,
    [cutoffs.lastTaskId],
  );
  const channels = await rowsOf(
    conn,
    "SELECT id, tenant_id, channel_name, sign_secret FROM platform_task_notify_channels WHERE id <= ? ORDER BY id",
    [cutoffs.lastChannelId],
  );
  const allChannelIds = new Set(
    (await rowsOf(conn, "SELECT id FROM platform_task_notify_channels")).map((r) => Number(r.id)),
  );
  const wecomApps = tables.has("platform_wecom_apps")
    ? new Set((await rowsOf(conn, "SELECT id FROM platform_wecom_apps")).map((r) => Number(r.id)))
    : new Set<number>();
  const tenantRows = tables.has("platform_tenants")
    ? await rowsOf(conn, "SELECT tenant_id, extra_holidays, extra_workdays FROM platform_tenants")
    : [];
  const tenants = new Map(tenantRows.map((t) => [t.tenant_id as string, t]));

  // Tenants named by the old rows.
  const logTenants = await rowsOf(
    conn,
    "SELECT DISTINCT tenant_id FROM platform_task_logs WHERE id <= ? AND tenant_id IS NOT NULL AND tenant_id <> ''",
    [cutoffs.lastLogId],
  );
  const found = new Set<string>();
  for (const r of [...tasks, ...channels, ...logTenants]) if (r.tenant_id) found.add(String(r.tenant_id));
  plan.tenants.found = [...found].sort();
  plan.tenants.toCreate = plan.tenants.found.filter((t) => !tenants.has(t));

  // Tasks: validation, schedules, dangling references.
  plan.tasks.total = tasks.length;
  for (const r of tasks) {
    if (r.tenant_id === "") plan.tasks.globalFromEmptyTenant++;
    const fields = seedTaskFields(r);
    const problems = storedTaskProblems(fields);
    if (problems.length) plan.invalidTasks.push({ id: r.id, task_name: r.task_name, problems });
    const appId = r.notify_wecom_app_id as number | null;
    if (appId && !wecomApps.has(Number(appId)))
      plan.danglingWecomApps.push({ task_id: r.id, notify_wecom_app_id: Number(appId) });
    const chans = fields.notify_channels;
    if (Array.isArray(chans))
      for (const c of chans)
        if (!allChannelIds.has(Number(c)))
          plan.danglingChannels.push({ task_id: r.id, channel_id: Number(c) });
    if (fields.is_enabled) {
      plan.tasks.enabled++;
      const tenant = fields.tenant_id ? tenants.get(fields.tenant_id as string) : null;
      const calendar = calendarFromTenant(
        tenant
          ? {
              extraHolidays: parseJson(tenant.extra_holidays),
              extraWorkdays: parseJson(tenant.extra_workdays),
            }
          : null,
      );
      const checked = scheduleFromTask(
        {
          scheduleType: String(r.schedule_type),
          timePoints: fields.time_points,
          cronExpression: r.cron_expression,
          timezone: r.timezone,
          workdayFilter: "none",
        },
        calendar,
      );
      const next = checked.ok ? nextFireTime(checked.schedule, now) : null;
      plan.tasks.schedules.push({
        id: r.id,
        task_name: r.task_name,
        next_run_at: next?.toISOString() ?? null,
      });
    }
  }

  // Secrets: plaintext ones are encrypted; the encrypted form must fit the column.
  for (const c of channels) {
    const secret = c.sign_secret as string | null;
    if (!secret || isEncrypted(secret)) continue;
    plan.secretsToEncrypt.push({ id: c.id, channel_name: c.channel_name, tenant_id: c.tenant_id });
    const encryptedLength = 3 + Math.ceil((12 + 16 + Buffer.byteLength(secret)) / 3) * 4;
    if (encryptedLength > SIGN_SECRET_COLUMN)
      blockers.push(
        `channel #${c.id} 「${c.channel_name}」: its sign_secret (${secret.length} characters) is too long to store encrypted in sign_secret VARCHAR(${SIGN_SECRET_COLUMN}); shorten or clear it first`,
      );
  }

  // Times: every non-NULL seed DATETIME of the adopted rows.
  let minNaive = Infinity;
  let maxNaive = -Infinity;
  const limits: Record<string, unknown> = {
    platform_scheduled_tasks: cutoffs.lastTaskId,
    platform_task_notify_channels: cutoffs.lastChannelId,
    platform_task_logs: cutoffs.lastLogId,
  };
  for (const [table, columns] of Object.entries(SHIFTED)) {
    for (const column of columns) {
      const [row] = await rowsOf(
        conn,
        `SELECT COUNT(\`${column}\`) AS n, MIN(\`${column}\`) AS lo, MAX(\`${column}\`) AS hi FROM \`${table}\` WHERE id <= ?`,
        [limits[table]],
      );
      const n = Number(row?.n ?? 0);
      plan.timeShift.rows.push({ table, column, values: n });
      if (n > 0) {
        minNaive = Math.min(minNaive, (row!.lo as Date).getTime());
        maxNaive = Math.max(maxNaive, (row!.hi as Date).getTime());
      }
    }
  }
  if (Number.isFinite(minNaive) && !blockers.some((b) => b.startsWith("LEGACY_DB_TIMEZONE"))) {
    const periods = offsetPeriods(zone, minNaive, maxNaive);
    plan.timeShift.periods = periods.map((p) => ({
      from: p.fromNaive === null ? null : naive(new Date(p.fromNaive)),
      until: p.untilNaive === null ? null : naive(new Date(p.untilNaive)),
      offset_minutes: p.offset,
    }));
    const sample = tasks.find((t) => t.created_at instanceof Date);
    if (sample) {
      const before = sample.created_at as Date;
      const p = periods.find((x) => x.untilNaive === null || before.getTime() < x.untilNaive)!;
      plan.timeShift.example = {
        table: "platform_scheduled_tasks",
        column: "created_at",
        id: sample.id,
        before: `${naive(before)} (${zone})`,
        after: `${naive(new Date(before.getTime() - p.offset * 60_000))} (UTC)`,
      };
    }
  }

  const [interrupted] = await rowsOf(
    conn,
    "SELECT COUNT(*) AS n FROM platform_task_logs WHERE id <= ? AND status = 'running'",
    [cutoffs.lastLogId],
  );
  plan.interruptedRuns = Number(interrupted?.n ?? 0);
  return plan;
}

export const INTERRUPTED_MESSAGE =
  "中断：采用旧系统数据库时该运行仍为“运行中”，旧系统已不再执行它 (interrupted: still running when the original system's database was adopted)";

/**
 * Applies a plan made by inspectSeedAdoption on the same connection, in one transaction with
 * the platform_seed_adoption row: all of it, or (on any error) none of it.
 */
export async function applySeedAdoption(
  conn: Connection,
  plan: AdoptionPlan,
  log: (line: string) => void = () => {},
): Promise<void> {
  if (plan.blockers.length) throw new Error(plan.blockers.join("; "));
  const { lastTaskId, lastChannelId, lastLogId } = plan.cutoffs;
  const periods: OffsetPeriod[] = plan.timeShift.periods.map((p) => ({
    fromNaive: p.from === null ? null : Date.parse(p.from.replace(" ", "T") + "Z"),
    untilNaive: p.until === null ? null : Date.parse(p.until.replace(" ", "T") + "Z"),
    offset: p.offset_minutes,
  }));
  await conn.beginTransaction();
  try {
    // The seed's "global" was an empty tenant id; ours is NULL.
    await conn.query(
      "UPDATE platform_scheduled_tasks SET tenant_id = NULL, updated_at = updated_at WHERE id <= ? AND tenant_id = ''",
      [lastTaskId],
    );
    await conn.query("UPDATE platform_task_logs SET tenant_id = NULL WHERE id <= ? AND tenant_id = ''", [
      lastLogId,
    ]);

    for (const tenantId of plan.tenants.toCreate)
      await conn.query(
        "INSERT IGNORE INTO platform_tenants (tenant_id, name, is_enabled, created_at, updated_at) VALUES (?, ?, true, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))",
        [tenantId, tenantId],
      );

    // Zone-less times → UTC. Each table in one UPDATE, so no value is shifted twice.
    if (periods.length) {
      const limits: Record<string, unknown> = {
        platform_scheduled_tasks: lastTaskId,
        platform_task_notify_channels: lastChannelId,
        platform_task_logs: lastLogId,
      };
      for (const [table, columns] of Object.entries(SHIFTED)) {
        const sets: string[] = [];
        const params: unknown[] = [];
        for (const column of columns) {
          const e = shiftExpression(column, periods);
          sets.push(`\`${column}\` = ${e.sql}`);
          params.push(...e.params);
        }
        await conn.query(`UPDATE \`${table}\` SET ${sets.join(", ")} WHERE id <= ?`, [
          ...params,
          limits[table],
        ]);
      }
    }

    await conn.query(
      "UPDATE platform_scheduled_tasks SET script_language = 'python', updated_at = updated_at WHERE id <= ?",
      [lastTaskId],
    );

    await conn.query(
      "UPDATE platform_task_logs SET status = 'failed', finished_at = COALESCE(finished_at, started_at), error = CONCAT_WS('\\n', NULLIF(error, ''), ?) WHERE id <= ? AND status = 'running'",
      [INTERRUPTED_MESSAGE, lastLogId],
    );
    await conn.query(
      "UPDATE platform_scheduled_tasks SET last_run_status = 'failed', updated_at = updated_at WHERE id <= ? AND last_run_status = 'running'",
      [lastTaskId],
    );

    for (const c of plan.secretsToEncrypt) {
      const [row] = await rowsOf(
        conn,
        "SELECT sign_secret FROM platform_task_notify_channels WHERE id = ? FOR UPDATE",
        [c.id],
      );
      const secret = row?.sign_secret as string | null;
      if (!secret || isEncrypted(secret)) continue;
      await conn.query(
        "UPDATE platform_task_notify_channels SET sign_secret = ?, updated_at = updated_at WHERE id = ?",
        [encryptSecret(secret, CHANNEL_SIGN_SECRET_PURPOSE), c.id],
      );
    }

    for (const s of plan.tasks.schedules)
      if (s.next_run_at)
        await conn.query(
          "UPDATE platform_scheduled_tasks SET next_run_at = ?, updated_at = updated_at WHERE id = ?",
          [new Date(s.next_run_at), s.id],
        );

    await conn.query(
      "INSERT INTO platform_seed_adoption (legacy_timezone, last_task_id, last_channel_id, last_log_id, summary) VALUES (?, ?, ?, ?, ?)",
      [plan.legacyTimezone, lastTaskId, lastChannelId, lastLogId, JSON.stringify(summarize(plan))],
    );
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  }
  for (const line of describePlan(plan, "done")) log(line);
}

/** The plan in short, as stored on the platform_seed_adoption row. */
function summarize(plan: AdoptionPlan) {
  return {
    tasks: plan.tasks.total,
    enabled_tasks: plan.tasks.enabled,
    scheduled: plan.tasks.schedules.filter((s) => s.next_run_at).length,
    tenants_created: plan.tenants.toCreate,
    secrets_encrypted: plan.secretsToEncrypt.map((c) => c.id),
    time_shift: plan.timeShift.periods,
    invalid_tasks: plan.invalidTasks,
    dangling_wecom_apps: plan.danglingWecomApps,
    dangling_channels: plan.danglingChannels,
    interrupted_runs: plan.interruptedRuns,
  };
}

/** Human-readable lines: what adoption will change ("plan") or changed ("done"). */
export function describePlan(plan: AdoptionPlan, mode: "plan" | "done"): string[] {
  const lines: string[] = [];
  const verb = (plan: string, done: string) => (mode === "plan" ? plan : done);
  lines.push(
    `seed adoption ${verb("plan", "done")}: rows up to task #${plan.cutoffs.lastTaskId}, channel #${plan.cutoffs.lastChannelId}, log #${plan.cutoffs.lastLogId}`,
  );
  const scheduled = plan.tasks.schedules.filter((s) => s.next_run_at);
  lines.push(
    `tasks: ${plan.tasks.total} adopted as Python, ${plan.tasks.enabled} enabled, ${scheduled.length} ${verb("would get", "got")} next_run_at` +
      (plan.tasks.globalFromEmptyTenant
        ? `, ${plan.tasks.globalFromEmptyTenant} with tenant_id '' made global (NULL)`
        : ""),
  );
  for (const s of plan.tasks.schedules)
    lines.push(
      `  task #${s.id} ${s.task_name}: next run ${s.next_run_at ?? "none (its schedule is invalid: fix it in the console)"}`,
    );
  lines.push(
    `tenants: ${plan.tenants.found.length} found in the old rows; ${plan.tenants.toCreate.length ? `${verb("would create", "created")} ${plan.tenants.toCreate.join(", ")}` : "none to create"}`,
  );
  lines.push(
    `sign_secrets: ${plan.secretsToEncrypt.length} plaintext ${verb("to encrypt", "encrypted")}` +
      (plan.secretsToEncrypt.length
        ? `: ${plan.secretsToEncrypt.map((c) => `#${c.id} ${c.channel_name}`).join(", ")}`
        : ""),
  );
  const values = plan.timeShift.rows.reduce((n, r) => n + r.values, 0);
  lines.push(
    `times: ${values} DATETIME values ${verb("to move", "moved")} from ${plan.timeShift.zone} to UTC` +
      (plan.timeShift.periods.length
        ? ` (offset ${plan.timeShift.periods.map((p) => `${p.offset_minutes >= 0 ? "+" : ""}${p.offset_minutes / 60}h`).join(", ")})`
        : ""),
  );
  for (const r of plan.timeShift.rows) if (r.values) lines.push(`  ${r.table}.${r.column}: ${r.values}`);
  if (plan.timeShift.example)
    lines.push(
      `  e.g. task #${plan.timeShift.example.id} created_at ${plan.timeShift.example.before} → ${plan.timeShift.example.after}`,
    );
  if (plan.interruptedRuns)
    lines.push(
      `runs left 'running' by the old system: ${plan.interruptedRuns} ${verb("to close", "closed")} as failed`,
    );
  lines.push(
    `tasks that break today's validation: ${plan.invalidTasks.length} (kept as they are; fix them in the console or with PUT)`,
  );
  for (const t of plan.invalidTasks)
    lines.push(
      `  task #${t.id} ${t.task_name}: ${t.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    );
  if (plan.danglingWecomApps.length)
    lines.push(
      `notify_wecom_app_id pointing at no WeCom app (kept, shown on the task): ${plan.danglingWecomApps.map((d) => `task #${d.task_id} → app #${d.notify_wecom_app_id}`).join(", ")}`,
    );
  if (plan.danglingChannels.length)
    lines.push(
      `notify_channels naming no channel: ${plan.danglingChannels.map((d) => `task #${d.task_id} → channel #${d.channel_id}`).join(", ")}`,
    );
  if (mode === "plan") lines.push("nothing has been written (dry run)");
  return lines;
}

// ---------------------------------------------------------------------------------------------
// State: has this database's seed data been adopted?

/** The JSON the schema adoption leaves in the init migration's `logs`: the seed's row ids then. */
export const CUTOFFS_LOG_PREFIX = "seed-adoption ";

export function cutoffsLog(cutoffs: SeedCutoffs): string {
  return CUTOFFS_LOG_PREFIX + JSON.stringify(cutoffs);
}

/**
 * 'pending' when the schema was adopted from the original system (the init migration recorded
 * as resolved by adopt-seed.ts) and its rows have not been adopted yet; with the seed's ids as
 * they were at schema adoption (older adoptions recorded none: then every row is a seed row).
 */
export async function seedAdoptionState(
  conn: Connection,
  initName: string,
): Promise<{ state: "none" | "pending" | "done"; cutoffs?: SeedCutoffs }> {
  const tables = await tableNames(conn);
  if (!tables.has("_prisma_migrations")) return { state: "none" };
  const [init] = await rowsOf(
    conn,
    "SELECT applied_steps_count, logs FROM `_prisma_migrations` WHERE migration_name = ? AND rolled_back_at IS NULL AND finished_at IS NOT NULL",
    [initName],
  );
  if (!init || Number(init.applied_steps_count) !== 0) return { state: "none" };
  // Without the table (its migration not applied yet) nothing can have been adopted.
  const [done] = tables.has("platform_seed_adoption")
    ? await rowsOf(conn, "SELECT id FROM platform_seed_adoption LIMIT 1")
    : [];
  if (done) return { state: "done" };
  const text = typeof init.logs === "string" ? init.logs : "";
  if (text.startsWith(CUTOFFS_LOG_PREFIX)) {
    try {
      const c = JSON.parse(text.slice(CUTOFFS_LOG_PREFIX.length)) as SeedCutoffs;
      return { state: "pending", cutoffs: { ...c, lastLogId: String(c.lastLogId) } };
    } catch {
      // fall through: treat like an adoption that recorded nothing
    }
  }
  return { state: "pending" };
}

// ---------------------------------------------------------------------------------------------
// The dry run: npm run migrate-from-seed -- --dry-run. Reads only.

/** What `npm start` would do to this database's seed tables and rows, as lines to print. */
export async function dryRunSeedAdoption(
  conn: Connection,
  opts: { legacyTimezone: string; initSql: string; now?: Date },
): Promise<{ lines: string[]; blocked: boolean; state: "not-seed" | "pending" | "done" }> {
  const tables = await tableNames(conn);
  const live = tables.has("_prisma_migrations")
    ? (await rowsOf(conn, "SELECT 1 FROM `_prisma_migrations` WHERE rolled_back_at IS NULL LIMIT 1")).length >
      0
    : false;
  if (!live) {
    if (!SEED_TABLES.some((t) => tables.has(t)))
      return {
        lines: ["Not a database of the original system (none of its tables): nothing to adopt."],
        blocked: false,
        state: "not-seed",
      };
    const problems = [
      ...(await seedShapeProblems(conn)),
      ...(await schemaAdoptionProblems(conn, opts.initSql)),
    ];
    const plan = problems.length ? null : await inspectSeedAdoption(conn, opts);
    problems.push(...(plan?.blockers ?? []));
    if (problems.length || !plan)
      return {
        lines: [
          "This database cannot be adopted; npm start would refuse it and change nothing:",
          ...problems.map((p) => `  - ${p}`),
        ],
        blocked: true,
        state: "pending",
      };
    const statements = await schemaAdoptionStatements(conn, opts.initSql);
    const lines = ["Schema: the original system's tables are kept and extended:"];
    for (const s of statements) {
      const alter = /^ALTER TABLE `([^`]+)`\n([\s\S]*)$/.exec(s);
      if (alter)
        lines.push(
          `  ALTER ${alter[1]}: ${alter[2]!
            .split(",\n")
            .map((c) => c.trim())
            .join("; ")}`,
        );
      else {
        const code = s
          .split("\n")
          .filter((l) => !l.trim().startsWith("--"))
          .join(" ")
          .replace(/\s+/g, " ")
          .trim();
        const table = /^CREATE TABLE `([^`]+)`/.exec(code)?.[1];
        lines.push(table ? `  CREATE TABLE ${table}` : `  ${code.slice(0, 120)}`);
      }
    }
    lines.push("  then the platform's later migrations.");
    return { lines: [...lines, ...describePlan(plan, "plan")], blocked: false, state: "pending" };
  }
  const state = await seedAdoptionState(conn, INIT_MIGRATION);
  if (state.state === "none")
    return {
      lines: [
        "This database was created by this platform (not adopted from the original system): nothing to adopt.",
      ],
      blocked: false,
      state: "not-seed",
    };
  if (state.state === "done") {
    const [row] = await rowsOf(
      conn,
      "SELECT adopted_at, legacy_timezone FROM platform_seed_adoption ORDER BY id LIMIT 1",
    );
    return {
      lines: [
        `Already adopted on ${(row?.adopted_at as Date | undefined)?.toISOString() ?? "?"} (times read as ${row?.legacy_timezone ?? "?"}): nothing to do.`,
      ],
      blocked: false,
      state: "done",
    };
  }
  const plan = await inspectSeedAdoption(conn, { ...opts, cutoffs: state.cutoffs });
  if (plan.blockers.length)
    return {
      lines: [
        "The rows cannot be adopted; npm start would refuse and change nothing:",
        ...plan.blockers.map((p) => `  - ${p}`),
      ],
      blocked: true,
      state: "pending",
    };
  return {
    lines: ["Schema: already adopted; the rows are not yet.", ...describePlan(plan, "plan")],
    blocked: false,
    state: "pending",
  };
}
