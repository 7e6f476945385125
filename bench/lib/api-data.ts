import type { Connection } from "mysql2/promise";

/**
 * The api benchmark's data: `tasks` tasks over `tenants` tenants, and `logs` log rows by
 * INSERT … SELECT from MariaDB's sequence engine; every `busyEvery`-th row belongs to task 1 (a
 * busy task), the rest spread over the other tasks; 90% success, 8% failed, 2% skipped.
 */
export async function buildApiData(
  sql: Connection,
  o: { tasks: number; logs: number; tenants: number; busyEvery: number },
): Promise<void> {
  const { tasks: TASKS, logs: LOGS, tenants: TENANTS, busyEvery: BUSY_EVERY } = o;
  await sql.query("INSERT INTO platform_tenants (tenant_id, name) VALUES ?", [
    Array.from({ length: TENANTS }, (_, i) => [`bench${i}`, `bench ${i}`]),
  ]);
  for (let from = 0; from < TASKS; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, TASKS - from) }, (_, k) => [
      `bench${(from + k) % TENANTS}`,
      `task ${from + k}`,
      `description of task ${from + k}`,
      "cron",
      "0 0 8 * * *",
      "Asia/Shanghai",
      "script",
      "result = { title: 't', content: 'ok' }",
      "{}",
      "[]",
      1,
      new Date(Date.now() + 86400_000),
      "success",
    ]);
    await sql.query(
      "INSERT INTO platform_scheduled_tasks (tenant_id, task_name, task_desc, schedule_type, cron_expression, timezone, execution_type, script_content, input_params, notify_channels, is_enabled, next_run_at, last_run_status) VALUES ?",
      [rows],
    );
  }
  // 1,000,000 rows by INSERT … SELECT from MariaDB's sequence engine, in chunks.
  const CHUNK = 100_000;
  for (let from = 1; from <= LOGS; from += CHUNK) {
    const to = Math.min(LOGS, from + CHUNK - 1);
    await sql.query(
      `INSERT INTO platform_task_logs (task_id, tenant_id, trace_id, status, started_at, finished_at, duration_ms, output, retry_count, created_at, \`trigger\`, scheduled_for)
       SELECT t.task_id, CONCAT('bench', MOD(t.task_id - 1, ${TENANTS})), CONCAT('trace-', t.seq),
              ELT(1 + (MOD(t.seq DIV 5, 50) = 0) + (MOD(t.seq DIV 5, 50) BETWEEN 1 AND 4) * 2, 'success', 'skipped', 'failed'),
              t.at, t.at + INTERVAL 1 SECOND, 120, 'hello', 0, t.at, 'schedule', t.at
         FROM (SELECT seq, IF(MOD(seq, ${BUSY_EVERY}) = 0, 1, 2 + MOD(seq, ${TASKS - 1})) AS task_id,
                      TIMESTAMP'2026-01-01 00:00:00' + INTERVAL seq SECOND AS at
                 FROM seq_${from}_to_${to}) t`,
    );
  }
}
