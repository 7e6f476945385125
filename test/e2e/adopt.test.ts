import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mysql, { type RowDataPacket } from "mysql2/promise";
import { splitSqlStatements } from "@/server/db/split-sql";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { startFakeLlm, type FakeLlm } from "../fakes/llm";
import { tearDown } from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_adopt";
const SECRET = "SEC" + "0123456789abcdef".repeat(4);

// The promise: pointing `npm start` at the original system's database adopts it in
// place. Its DDL and sample rows (test/fixtures: plaintext secret, Beijing-time DATETIMEs, a
// tenant id with no tenant row, an invalid old task, a dangling notify_wecom_app_id, the seed's
// Python examples) are adopted once; its Python tasks fire on schedule and deliver the seed's
// message formats to the strict robot fakes (DingTalk with 加签, so the encrypted secret works).

async function query(url: string, sql: string, params: unknown[] = []): Promise<RowDataPacket[]> {
  const conn = await mysql.createConnection({ uri: url, timezone: "Z" });
  try {
    await conn.query("SET time_zone = '+00:00'");
    return (await conn.query<RowDataPacket[]>(sql, params))[0];
  } finally {
    await conn.end();
  }
}

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("npm start on a database of the original system", () => {
  let app: StartedApp;
  let dingtalk: FakeDingtalk;
  let wecom: FakeWecomRobot;
  let llm: FakeLlm;
  let startedAt: number;

  beforeAll(async () => {
    dingtalk = await startFakeDingtalk({ robots: [{ token: "seed-ding-token", secret: SECRET }] });
    wecom = await startFakeWecomRobot({ keys: ["seed-wecom-key", "ghost-key"] });
    llm = await startFakeLlm({ models: ["deepseek-chat", "deepseek-flash", "deepseek-v4-pro"] });
    startedAt = Date.now();
    app = await startApp({
      database: DATABASE,
      env: {
        OUTBOUND_ALLOWLIST: "127.0.0.1",
        AI_BASE_URL: llm.url,
        AI_API_KEY: llm.apiKey,
        LEGACY_DB_TIMEZONE: "Asia/Shanghai",
      },
      prepare: async (url) => {
        for (const file of ["seed-ddl.sql", "seed-sample.sql"]) {
          const sql = await readFile(path.resolve(process.cwd(), "test/fixtures", file), "utf8");
          for (const statement of splitSqlStatements(sql)) await query(url, statement);
        }
        // The old system's robots are the strict fakes here, and its two seed-example tasks
        // are due every 10 seconds, so they fire while we watch.
        await query(url, "UPDATE platform_task_notify_channels SET webhook_url = ? WHERE id = 1", [
          dingtalk.webhookUrl("seed-ding-token"),
        ]);
        await query(url, "UPDATE platform_task_notify_channels SET webhook_url = ? WHERE id = 2", [
          wecom.webhookUrl("seed-wecom-key"),
        ]);
        await query(url, "UPDATE platform_task_notify_channels SET webhook_url = ? WHERE id = 3", [
          wecom.webhookUrl("ghost-key"),
        ]);
        await query(
          url,
          "UPDATE platform_scheduled_tasks SET schedule_type = 'cron', cron_expression = '*/10 * * * * *', time_points = NULL WHERE id IN (1, 2)",
        );
      },
    });
  }, 600_000);

  afterAll(() => tearDown(DATABASE, app, dingtalk, wecom, llm));

  it("adopts the rows once and says so: Python tasks with next_run_at, secret encrypted, times in UTC, tenants", async () => {
    const out = app.output();
    expect(out).toMatch(/adopted the original system's tables/);
    expect(out).toMatch(/sign_secrets: 1 plaintext encrypted: #1 门店群（钉钉）/);
    expect(out).toMatch(/tenants: 2 found in the old rows; created ghost, shop1/);
    expect(out).toMatch(/task #3 旧任务: retry_count/);
    expect(out).toMatch(/task #4 → app #7/);

    const url = app.databaseUrl;
    const tasks = await query(url, "SELECT * FROM platform_scheduled_tasks WHERE id <= 5 ORDER BY id");
    expect(tasks.map((t) => t.script_language)).toEqual(["python", "python", "python", "python", "python"]);
    for (const t of tasks.slice(0, 4)) expect(t.next_run_at, `task ${t.id}`).toBeInstanceOf(Date);
    expect(tasks[4]!.next_run_at).toBeNull();
    expect(tasks[0]!.created_at.toISOString()).toBe("2026-01-05T01:30:00.000Z"); // 09:30 Beijing
    const [channel] = await query(
      url,
      "SELECT sign_secret, created_at FROM platform_task_notify_channels WHERE id = 1",
    );
    expect(channel!.sign_secret).toMatch(/^v1:/);
    expect(channel!.sign_secret).not.toContain(SECRET);
    expect(channel!.created_at.toISOString()).toBe("2025-12-01T02:00:00.000Z");
    const tenants = (await query(url, "SELECT tenant_id FROM platform_tenants ORDER BY 1")).map(
      (r) => r.tenant_id,
    );
    expect(tenants).toEqual(expect.arrayContaining(["ghost", "shop1"]));
    const [old] = await query(url, "SELECT started_at FROM platform_task_logs WHERE id = 1");
    expect(old!.started_at.toISOString()).toBe("2026-01-20T00:00:01.000Z");
    expect(await query(url, "SELECT id FROM platform_seed_adoption")).toHaveLength(1);
  });

  it(
    "its Python tasks fire on schedule and deliver the seed's message formats to the strict fakes",
    { timeout: 180_000 },
    async () => {
      const url = app.databaseUrl;
      const runs = await until("a successful scheduled run of each seed example", async () => {
        const rows = await query(
          url,
          "SELECT task_id, status, error, scheduled_for, started_at, deliveries FROM platform_task_logs WHERE id > 4 AND `trigger` = 'schedule' AND status <> 'running' ORDER BY id",
        );
        const ok = (id: number) => rows.find((r) => r.task_id === id && r.status === "success");
        // (Tasks 3 and 4 may come due too: 4's WeCom app is dangling, so its runs fail by design.)
        const broken = rows.find((r) => (r.task_id === 1 || r.task_id === 2) && r.status === "failed");
        if (broken) throw new Error(`a run failed: ${JSON.stringify(broken)}\n${app.output().slice(-3000)}`);
        return ok(1) && ok(2) ? rows : null;
      });
      // On time: started within seconds of the fire time it was scheduled for.
      for (const r of runs.filter((x) => x.status === "success")) {
        expect(r.scheduled_for.getTime()).toBeGreaterThanOrEqual(startedAt - 10_000);
        expect(r.started_at.getTime() - r.scheduled_for.getTime()).toBeLessThan(15_000);
      }
      // 销售日报 (actionCard) to the signed DingTalk robot and the WeCom robot (as a template card).
      const ding = dingtalk
        .accepted()
        .map((r) => r.body as { msgtype: string; actionCard?: { title: string } });
      expect(ding.some((b) => b.msgtype === "actionCard" && /销售日报/.test(b.actionCard!.title))).toBe(true);
      const wx = wecom.accepted().map((r) => JSON.stringify(r.body));
      expect(wx.some((b) => /template_card/.test(b) && /销售日报/.test(b))).toBe(true);
      // 每日推送 (the basic example: ai() through the fake LLM, markdown with its title).
      expect(llm.requests.some((r) => r.body.messages.some((m) => m.content === "写一句早安问候"))).toBe(
        true,
      );
      expect(
        wx.some(
          (b) => /"msgtype":"markdown"/.test(b) && /生成时间/.test(b) && /回答：写一句早安问候/.test(b),
        ),
      ).toBe(true);
    },
  );

  it("a second npm start on the adopted database changes nothing", { timeout: 600_000 }, async () => {
    const url = app.databaseUrl;
    await app.stop();
    const snapshot = async () =>
      JSON.stringify([
        await query(
          url,
          "SELECT id, created_at, last_run_at, tenant_id, script_language FROM platform_scheduled_tasks WHERE id <= 5",
        ),
        await query(url, "SELECT id, sign_secret, created_at, updated_at FROM platform_task_notify_channels"),
        await query(
          url,
          "SELECT id, started_at, finished_at, created_at, status FROM platform_task_logs WHERE id <= 4",
        ),
        await query(url, "SELECT * FROM platform_seed_adoption"),
      ]);
    const before = await snapshot();
    app = await startApp({
      database: DATABASE,
      keepDatabase: true,
      env: { OUTBOUND_ALLOWLIST: "127.0.0.1", AI_BASE_URL: llm.url, AI_API_KEY: llm.apiKey },
    });
    expect(app.output()).not.toMatch(/seed adoption done/);
    expect(await snapshot()).toBe(before);
  });
});
