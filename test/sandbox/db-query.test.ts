import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformScope } from "@/server/auth/scope";
import { db } from "@/server/db";
import { closeDbQueryPools } from "@/server/sandbox/bindings/db-query";
import { checkReadOnlySql } from "@/server/sandbox/sql-guard";
import { createDataSource, grantDataSource } from "@/server/services/data-sources";
import { businessDb, type BusinessDb } from "../helpers/business-db";
import { run } from "./helpers";

// db_query against a granted SELECT-only data source (a scratch business database), as a global task.
let biz: BusinessDb;
const TABLE = "rows_t";

async function rowCount(): Promise<number> {
  const [rows] = await biz.root.query(`SELECT COUNT(*) AS n FROM \`${biz.database}\`.${TABLE}`);
  return Number((rows as { n: number }[])[0]!.n);
}

beforeAll(async () => {
  biz = await businessDb("dbq");
  await biz.root.query(
    `CREATE TABLE \`${biz.database}\`.${TABLE} (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2), created DATETIME)`,
  );
  await biz.root.query(
    `INSERT INTO \`${biz.database}\`.${TABLE} VALUES (1,'a',1.50,'2026-01-01 08:00:00'),(2,'b',2.00,NULL),(3,'c',3.25,NULL)`,
  );
  const { dsn } = await biz.user(["GRANT SELECT ON {db}.*"]);
  const ds = await createDataSource({ scope: platformScope(), input: { name: "biz_dbq", dsn } });
  await grantDataSource({
    scope: platformScope(),
    input: { data_source_id: ds.id, tenant_id: null, is_default: true },
  });
});

afterAll(async () => {
  await db.dataSource.deleteMany({ where: { name: "biz_dbq" } });
  await closeDbQueryPools();
  await biz.cleanup();
});

describe("db_query", () => {
  it("returns row objects with ? parameters", async () => {
    const r = await run(
      `return json.dumps(db_query('SELECT id, name, amount, created FROM ${TABLE} WHERE id <= ? ORDER BY id', [2]))`,
    );
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual([
      { id: 1, name: "a", amount: 1.5, created: "2026-01-01 08:00:00" },
      { id: 2, name: "b", amount: 2, created: null },
    ]);
  });

  it("parameters are values, never SQL (also a ? inside a string literal stays text)", async () => {
    const r = await run(
      `return String(db_query('SELECT * FROM ${TABLE} WHERE name = ?', ["x' OR '1'='1"]).length)`,
    );
    expect(r.result).toMatchObject({ content: "0" });
    const q = await run(`return db_query("SELECT 'a?b' AS t, ? AS p", [", SLEEP(3), "])[0].t`);
    expect(q.error).toBeNull();
    expect(q.result).toMatchObject({ content: "a?b" });
    expect(q.duration_ms).toBeLessThan(2500);
  });

  it.each([
    ["INSERT", `INSERT INTO ${TABLE} VALUES (10,'x',0,NULL)`],
    ["UPDATE", `UPDATE ${TABLE} SET name = 'z'`],
    ["DELETE", `DELETE FROM ${TABLE}`],
    ["DROP", `DROP TABLE ${TABLE}`],
    ["CREATE", `CREATE TABLE sbx_new (id INT)`],
    ["TRUNCATE", `TRUNCATE ${TABLE}`],
    ["INTO OUTFILE", `SELECT * FROM ${TABLE} INTO OUTFILE '/tmp/sbx_leak.txt'`],
    ["INTO DUMPFILE", `SELECT name FROM ${TABLE} LIMIT 1 INTO DUMPFILE '/tmp/sbx_leak2.txt'`],
    ["two statements", `SELECT 1; DROP TABLE ${TABLE}`],
    ["write in a CTE", `WITH x AS (SELECT 1) DELETE FROM ${TABLE}`],
    ["locking read", `SELECT * FROM ${TABLE} FOR UPDATE`],
    ["share lock", `SELECT * FROM ${TABLE} LOCK IN SHARE MODE`],
    ["executable comment", `SELECT 1 /*! , (SELECT 1) */`],
    ["server file read", `SELECT LOAD_FILE('/etc/passwd')`],
  ])("refuses %s and changes nothing", async (_label, sql) => {
    const r = await run(`db_query(${JSON.stringify(sql)})`);
    expect(r.success).toBe(false);
    expect(r.error).toMatch(/^Error: db_query\(\): /);
    expect(await rowCount()).toBe(3);
    expect(existsSync("/tmp/sbx_leak.txt")).toBe(false);
  });

  it("the statement check lets a plain function call through; the privileges refuse it", async () => {
    expect(checkReadOnlySql("SELECT biz_sneaky_write()")).toBeNull();
    const r = await run("db_query('SELECT biz_sneaky_write() AS x')");
    expect(r.success).toBe(false);
    expect(await rowCount()).toBe(3);
  });

  it("fails past the row cap, naming it", async () => {
    const r = await run(`db_query('SELECT * FROM ${TABLE}')`, { limits: { dbMaxRows: 2 } });
    expect(r.error).toContain("查询结果超过 2 行限制");
  });

  it("fails past the byte cap, naming it", async () => {
    const r = await run(`db_query("SELECT REPEAT('x', 600000) AS big FROM ${TABLE}")`, {
      limits: { dbMaxBytes: 1024 * 1024 },
    });
    expect(r.error).toContain("查询结果超过 1 MB 限制");
  });

  it("stops a statement past the time limit (server side, not SLEEP: a heavy join)", async () => {
    const tables = Array.from({ length: 20 }, (_, i) => `${TABLE} t${i}`).join(", ");
    const r = await run(`db_query("SELECT COUNT(*) AS c FROM ${tables}")`, { limits: { dbTimeoutMs: 1000 } });
    expect(r.success).toBe(false);
    expect(r.error).toContain("查询超过 1 秒限制");
    expect(r.duration_ms).toBeLessThan(4000);
  });

  it("counts toward the run's network-call limit", async () => {
    const r = await run(`for (let i = 0; i < 5; i++) db_query('SELECT 1 AS x')`, {
      limits: { networkCalls: 3 },
    });
    expect(r.success).toBe(false);
    expect(r.limit).toBe("network_calls");
  });

  it("SHOW, DESCRIBE, EXPLAIN and comments/strings with keywords are fine", async () => {
    const r = await run(`
      db_query('SHOW TABLES')
      db_query('DESCRIBE ${TABLE}')
      db_query('EXPLAIN SELECT * FROM ${TABLE}')
      const rows = db_query("SELECT 'delete; drop' AS t, \`name\` FROM ${TABLE} -- update\\n WHERE id = 1 /* insert */")
      return rows[0].t`);
    expect(r.error).toBeNull();
    expect(r.result).toMatchObject({ content: "delete; drop" });
  });
});
