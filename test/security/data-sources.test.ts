import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { databaseName, quoteIdent } from "@/server/db/connection";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { decryptSecret } from "@/server/crypto/secret-box";
import { grantProblems } from "@/server/data-sources/privileges";
import { forgetAllVerdicts } from "@/server/data-sources/verdicts";
import { DSN_PURPOSE } from "@/server/data-sources/privileges";
import { closeDbQueryPools } from "@/server/sandbox/bindings/db-query";
import {
  createDataSource,
  deleteDataSourceGrantsForTenant,
  grantDataSource,
  listDataSources,
  recheckDataSource,
} from "@/server/services/data-sources";
import { DEMO_SOURCE_NAME, demoNames } from "@/server/services/demo-business";
import { seedDemo } from "@/server/services/demo-seed";
import { createTenant } from "@/server/services/tenants";
import { businessDb, type BusinessDb } from "../helpers/business-db";
import { run } from "../sandbox/helpers";

// db_query as a hostile tenant admin would use it: nothing of the platform's database or of
// another tenant is reachable; a source that can do more than read is refused on save, at use
// and in /api/health; sessions start clean; one tenant cannot hold every connection.

const admin = platformScope();
let biz: BusinessDb;
let other: BusinessDb;
let platformDb: string;

const rowsOf = (r: { result: unknown }) => JSON.parse((r.result as { content: string }).content) as unknown;

beforeAll(async () => {
  platformDb = databaseName(env.DATABASE_URL);
  biz = await businessDb("sec");
  other = await businessDb("oth");
  await biz.root.query(`CREATE TABLE \`${biz.database}\`.sales (id INT PRIMARY KEY, amount INT)`);
  await biz.root.query(`INSERT INTO \`${biz.database}\`.sales VALUES (1, 10), (2, 20)`);
  await other.root.query(`CREATE TABLE \`${other.database}\`.secret_rows (id INT PRIMARY KEY)`);
  await other.root.query(`INSERT INTO \`${other.database}\`.secret_rows VALUES (7)`);
  for (const t of ["sec-a", "sec-b"])
    await createTenant({ scope: admin, input: { tenant_id: t, name: t, is_enabled: true } }).catch(
      () => undefined,
    );
  const a = await biz.user(["GRANT SELECT ON {db}.*"]);
  const b = await other.user(["GRANT SELECT ON {db}.*"]);
  const sa = await createDataSource({
    scope: admin,
    input: { name: "sec_a", dsn: a.dsn, max_connections: 2 },
  });
  const sb = await createDataSource({ scope: admin, input: { name: "sec_b", dsn: b.dsn } });
  await grantDataSource({
    scope: admin,
    input: { data_source_id: sa.id, tenant_id: "sec-a", is_default: true },
  });
  await grantDataSource({ scope: admin, input: { data_source_id: sa.id, tenant_id: "sec-b" } });
  await grantDataSource({
    scope: admin,
    input: { data_source_id: sb.id, tenant_id: "sec-b", is_default: true },
  });
});

afterAll(async () => {
  await db.dataSource.deleteMany({
    where: { name: { in: ["sec_a", "sec_b", "sec_drift", DEMO_SOURCE_NAME] } },
  });
  await db.tenant.deleteMany({ where: { tenantId: { in: ["sec-a", "sec-b", "sec-none"] } } });
  await closeDbQueryPools();
  await biz.cleanup();
  await other.cleanup();
});

describe("with no source configured", () => {
  it("db_query fails with a clear Chinese message and never touches the platform database", async () => {
    expect(env.DB_QUERY_URL).toBeUndefined();
    const r = await run("db_query('SELECT CURRENT_USER() AS u')", { tenantId: "sec-none" });
    expect(r.success).toBe(false);
    expect(r.error).toContain("当前任务没有可用的数据源");
    expect(r.error).toContain("数据源");
    expect(r.error).toContain("DB_QUERY_URL");
    const g = await run("db_query('SELECT 1 AS x')", { tenantId: null });
    expect(g.error).toContain("当前任务没有可用的数据源");
  });
});

describe("registering a source", () => {
  it.each([
    ["root (the platform's own connection)", null],
    ["ALL on the business database", ["GRANT ALL PRIVILEGES ON {db}.*"]],
    ["INSERT", ["GRANT SELECT, INSERT ON {db}.*"]],
    ["FILE", ["GRANT SELECT ON {db}.*", "GRANT FILE ON *.*"]],
    ["PROCESS", ["GRANT SELECT ON {db}.*", "GRANT PROCESS ON *.*"]],
    ["SUPER", ["GRANT SELECT ON {db}.*", "GRANT SUPER ON *.*"]],
    ["SELECT on *.*", ["GRANT SELECT ON *.*"]],
    ["SELECT on mysql.*", ["GRANT SELECT ON {db}.*", "GRANT SELECT ON mysql.*"]],
    ["SELECT on the platform database", ["GRANT SELECT ON {db}.*", "GRANT SELECT ON {platform}.*"]],
    ["SELECT on a pattern covering the platform database", ["GRANT SELECT ON `sched%`.*"]],
    ["SELECT on one platform table", ["GRANT SELECT ON {platform}.platform_users"]],
    ["GRANT OPTION", ["GRANT SELECT ON {db}.* WITH GRANT OPTION"]],
    ["EXECUTE", ["GRANT SELECT, EXECUTE ON {db}.*"]],
  ])("refuses a user with %s, saying why", async (_label, grants) => {
    const dsn =
      grants === null
        ? env.DATABASE_URL
        : (await biz.user(grants.map((g) => g.replace(/\{platform\}/g, quoteIdent(platformDb))))).dsn;
    const err = await createDataSource({ scope: admin, input: { name: "sec_bad", dsn } }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "BAD_REQUEST", details: [{ path: "dsn" }] });
    expect((err as Error).message).toMatch(/权限超出只读范围|无法连接/);
    expect(await db.dataSource.findUnique({ where: { name: "sec_bad" } })).toBeNull();
  });

  it("judges SHOW GRANTS lines without ever repeating a password hash", () => {
    const hash = "*0123456789ABCDEF0123456789ABCDEF01234567";
    expect(
      grantProblems(
        [
          `GRANT USAGE ON *.* TO \`r\`@\`%\` IDENTIFIED BY PASSWORD '${hash}'`,
          "GRANT SELECT, SHOW VIEW ON `business`.* TO `r`@`%`",
          "GRANT SELECT (`a`, `b`) ON `business`.`t` TO `r`@`%`",
        ],
        ["platform"],
      ),
    ).toEqual([]);
    const bad = grantProblems(
      [
        `GRANT ALL PRIVILEGES ON *.* TO \`root\`@\`localhost\` IDENTIFIED BY PASSWORD '${hash}' WITH GRANT OPTION`,
        "GRANT `reporting_role` TO `r`@`%`",
        "GRANT SELECT ON `plat\\_%`.* TO `r`@`%`",
      ],
      ["plat_form"],
    );
    expect(bad).toHaveLength(3);
    expect(bad.join("\n")).not.toContain(hash);
    expect(bad[0]).toContain("带有 GRANT OPTION、有 SELECT 以外的权限 ALL PRIVILEGES、可以读取所有数据库");
    expect(bad[1]).toContain("角色");
    expect(bad[2]).toContain("可以读取不允许的数据库 plat_form");
  });

  it("is for platform admins only", async () => {
    const err = await listDataSources({ scope: tenantScope("sec-a") }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "FORBIDDEN" });
  });

  it("never lists the DSN or its password", async () => {
    const list = await listDataSources({ scope: admin });
    const a = list.find((s) => s.name === "sec_a")!;
    expect(a).toMatchObject({
      check_ok: true,
      grants: [{ tenant_id: "sec-a", is_default: true }, { tenant_id: "sec-b" }],
    });
    const row = await db.dataSource.findUniqueOrThrow({ where: { name: "sec_a" } });
    const password = new URL(decryptSecret(row.dsn, DSN_PURPOSE)).password;
    expect(password.length).toBeGreaterThan(8);
    expect(JSON.stringify(list)).not.toContain(password);
    expect(a.target).not.toContain(":@");
    expect(row.dsn.startsWith("v1:")).toBe(true);
  });
});

describe("a granted SELECT-only source", () => {
  it("works, as a user that is not root", async () => {
    const r = await run(
      "return json.dumps(db_query('SELECT CURRENT_USER() AS u, SUM(amount) AS total FROM sales'))",
      {
        tenantId: "sec-a",
      },
    );
    expect(r.error).toBeNull();
    const [row] = rowsOf(r) as { u: string; total: number }[];
    expect(row!.total).toBe(30);
    expect(row!.u).not.toMatch(/^root@/);
  });

  it("reaches nothing of the platform's database, mysql.* or another tenant's source", async () => {
    for (const sql of [
      `SELECT * FROM ${quoteIdent(platformDb)}.platform_users`,
      `SELECT * FROM ${quoteIdent(platformDb)}.platform_secrets`,
      `SELECT * FROM ${quoteIdent(platformDb)}.platform_task_notify_channels`,
      "SELECT * FROM mysql.user",
      `SELECT * FROM ${quoteIdent(other.database)}.secret_rows`,
    ]) {
      const r = await run(`db_query(${JSON.stringify(sql)})`, { tenantId: "sec-a" });
      expect(r.success, sql).toBe(false);
      expect(r.error).toMatch(/denied/i);
    }
    const dbs = await run("return json.dumps(db_query('SHOW DATABASES'))", { tenantId: "sec-a" });
    const names = (rowsOf(dbs) as Record<string, string>[]).map((x) => Object.values(x)[0]);
    expect(names).not.toContain(platformDb);
    expect(names).not.toContain("mysql");
    expect(names).not.toContain(other.database);
  });

  it("another tenant's source cannot be named", async () => {
    const r = await run("db_query('SELECT 1 AS x', [], { source: 'sec_b' })", { tenantId: "sec-a" });
    expect(r.success).toBe(false);
    expect(r.error).toContain("数据源 sec_b 不存在或未授权给租户 sec-a");
    const ok = await run(
      "return json.dumps(db_query('SELECT id FROM sales ORDER BY id', [], { source: 'sec_a' }))",
      {
        tenantId: "sec-b",
      },
    );
    expect(rowsOf(ok)).toEqual([{ id: 1 }, { id: 2 }]);
    const py = await run(
      "result = json.dumps(db_query('SELECT id FROM sales WHERE id = %s', (2,), source='sec_a'))",
      { tenantId: "sec-b", language: "python", timeoutSeconds: 60 },
    );
    expect(py.error).toBeNull();
    expect(rowsOf(py)).toEqual([{ id: 2 }]);
    const pyRefused = await run("db_query('SELECT 1', source='sec_b')", {
      tenantId: "sec-a",
      language: "python",
      timeoutSeconds: 60,
    });
    expect(pyRefused.error).toContain("数据源 sec_b 不存在或未授权给租户 sec-a");
    const def = await run("return json.dumps(db_query('SELECT id FROM secret_rows'))", { tenantId: "sec-b" });
    expect(rowsOf(def)).toEqual([{ id: 7 }]);
  }, 120_000);

  it("starts every run (and statement) from a clean session", async () => {
    const first = await run(
      "return json.dumps(db_query('SELECT @leak := 42 AS v, @@session.sql_select_limit AS lim'))",
      { tenantId: "sec-a" },
    );
    expect(first.error).toBeNull();
    const second = await run(
      "return json.dumps(db_query('SELECT @leak AS v, @@session.tx_read_only AS ro, @@session.max_statement_time AS t'))",
      { tenantId: "sec-b", limits: { dbTimeoutMs: 3000 } },
    );
    // The same pool (sec_a via {source}) would be used by sec-b only by name; use sec-a again too.
    const third = await run("return json.dumps(db_query('SELECT @leak AS v'))", { tenantId: "sec-a" });
    expect(rowsOf(third)).toEqual([{ v: null }]);
    expect(second.error).toBeNull();
    expect(rowsOf(second)).toMatchObject([{ v: null, ro: 1, t: 3 }]);
  });

  it("one tenant cannot hold every connection of a source", async () => {
    const tables = Array.from({ length: 34 }, (_, i) => `sales t${i}`).join(", ");
    const slow = `db_query("SELECT COUNT(*) AS c FROM ${tables}")`;
    // sec_a has max_connections 2: a tenant gets at most 1 at once.
    const hog = run(slow, { tenantId: "sec-a", limits: { dbTimeoutMs: 2000 } });
    await new Promise((r) => setTimeout(r, 200));
    const second = await run(slow, { tenantId: "sec-a", limits: { dbTimeoutMs: 500 } });
    expect(second.error).toContain("连接已满");
    const started = Date.now();
    const b = await run("return json.dumps(db_query('SELECT 1 AS x', [], { source: 'sec_a' }))", {
      tenantId: "sec-b",
    });
    expect(b.error).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await hog).error).toContain("查询超过 2 秒限制");
  });

  it("is refused at use, in the console and in /api/health once its user gains more than SELECT", async () => {
    const u = await biz.user(["GRANT SELECT ON {db}.*"]);
    const ds = await createDataSource({ scope: admin, input: { name: "sec_drift", dsn: u.dsn } });
    await biz.root.query(`GRANT INSERT ON ${quoteIdent(biz.database)}.* TO ?@'%'`, [u.user]);
    forgetAllVerdicts(); // the use-time check is cached for a minute
    await grantDataSource({ scope: admin, input: { data_source_id: ds.id, tenant_id: "sec-a" } });
    const r = await run("db_query('SELECT 1 AS x', [], { source: 'sec_drift' })", { tenantId: "sec-a" });
    expect(r.error).toContain("权限超出只读范围");
    const checked = await recheckDataSource({ scope: admin, id: ds.id });
    expect(checked.check_ok).toBe(false);
    expect(checked.check_message).toContain("INSERT");
    const res = await health();
    const body = (await res.json()) as {
      data_sources: { status: string; problems: { name: string; message: string }[] };
    };
    expect(body.data_sources.status).toBe("refused");
    expect(body.data_sources.problems).toEqual([expect.objectContaining({ name: "sec_drift" })]);
    await db.dataSource.delete({ where: { id: ds.id } });
  });

  it("tenant deletion can drop the tenant's grants", async () => {
    await createTenant({ scope: admin, input: { tenant_id: "sec-none", name: "x", is_enabled: true } }).catch(
      () => undefined,
    );
    const sa = await db.dataSource.findUniqueOrThrow({ where: { name: "sec_a" } });
    await grantDataSource({ scope: admin, input: { data_source_id: sa.id, tenant_id: "sec-none" } });
    expect(await deleteDataSourceGrantsForTenant("sec-none")).toBe(1);
    const r = await run("db_query('SELECT 1 AS x')", { tenantId: "sec-none" });
    expect(r.error).toContain("当前任务没有可用的数据源");
  });
});

describe("the demo of npm start", () => {
  it("creates a demo business database, a SELECT-only user and source for the demo tenant; 销售日报 reads real rows", async () => {
    const names = demoNames(platformDb);
    try {
      const seeded = await seedDemo({
        adminEmail: "demo-admin@example.com",
        businessDatabaseUrl: env.DATABASE_URL,
      });
      expect(seeded.business).toEqual({ created: true });
      const task = await db.scheduledTask.findFirstOrThrow({
        where: { tenantId: "demo", taskName: "销售日报" },
      });
      expect(task.scriptLanguage).toBe("python");
      const r = await run(task.scriptContent!, {
        language: "python",
        tenantId: "demo",
        timezone: "Asia/Shanghai",
        // The first Python run of a process loads the runtime: slow on a busy machine.
        timeoutSeconds: 60,
      });
      expect(r.error).toBeNull();
      const result = r.result as { title: string; content: string };
      expect(result.title).toMatch(/^销售日报 \| \d{4}年\d{2}月\d{2}日$/);
      expect(result.content).toContain("| 华东 | ¥");
      const who = await run("return db_query('SELECT CURRENT_USER() AS u')[0].u", { tenantId: "demo" });
      expect((who.result as { content: string }).content).toMatch(new RegExp(`^${names.user}@`));
      // Idempotent: a second start keeps the source and refreshes the rows.
      expect(
        (await seedDemo({ adminEmail: "demo-admin@example.com", businessDatabaseUrl: env.DATABASE_URL }))
          .business,
      ).toEqual({
        created: false,
      });
    } finally {
      await db.dataSource.deleteMany({ where: { name: DEMO_SOURCE_NAME } });
      await biz.root.query(`DROP USER IF EXISTS ?@'%'`, [names.user]);
      await biz.root.query(`DROP DATABASE IF EXISTS ${quoteIdent(names.database)}`);
    }
  }, 120_000);
});
