import { existsSync } from "node:fs";
import type mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConnection } from "@/server/db/connection";
import { env } from "@/server/env";
import { closeDbQueryPools } from "@/server/sandbox/bindings/db-query";
import { checkReadOnlySql } from "@/server/sandbox/sql-guard";
import { run } from "./helpers";

// A scratch table in this fork's database, dropped afterwards so the schema-drift test never sees it.
let conn: mysql.Connection;
const TABLE = "sbx_db_query_rows";

async function rowCount(): Promise<number> {
  const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM ${TABLE}`);
  return Number((rows as { n: number }[])[0]!.n);
}

beforeAll(async () => {
  conn = await openConnection(env.DATABASE_URL);
  await conn.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await conn.query(`DROP FUNCTION IF EXISTS sbx_sneaky_write`);
  await conn.query(
    `CREATE TABLE ${TABLE} (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2), created DATETIME)`,
  );
  await conn.query(
    `INSERT INTO ${TABLE} VALUES (1,'a',1.50,'2026-01-01 08:00:00'),(2,'b',2.00,NULL),(3,'c',3.25,NULL)`,
  );
  // A function that writes: the statement check lets `SELECT f()` through, the READ ONLY session must not.
  await conn.query(
    `CREATE FUNCTION sbx_sneaky_write() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO ${TABLE} VALUES (99,'evil',0,NULL); RETURN 1; END`,
  );
});

afterAll(async () => {
  await conn.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await conn.query(`DROP FUNCTION IF EXISTS sbx_sneaky_write`);
  await conn.end();
  await closeDbQueryPools();
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

  it("parameters are values, never SQL", async () => {
    const r = await run(
      `return String(db_query('SELECT * FROM ${TABLE} WHERE name = ?', ["x' OR '1'='1"]).length)`,
    );
    expect(r.result).toMatchObject({ content: "0" });
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

  it("the READ ONLY session stops a write the statement check cannot see (a writing function)", async () => {
    expect(checkReadOnlySql("SELECT sbx_sneaky_write()")).toBeNull();
    const r = await run("db_query('SELECT sbx_sneaky_write() AS x')");
    expect(r.success).toBe(false);
    expect(r.error).toContain("db_query(): 只允许只读查询");
    expect(await rowCount()).toBe(3);
  });

  it("fails past the row cap, naming it", async () => {
    const r = await run(`db_query('SELECT * FROM ${TABLE}')`, { limits: { dbMaxRows: 2 } });
    expect(r.error).toContain("查询结果超过 2 行限制");
  });

  it("stops a statement past the time limit", async () => {
    const r = await run("db_query('SELECT SLEEP(5) AS s')", { limits: { dbTimeoutMs: 1000 } });
    expect(r.success).toBe(false);
    expect(r.error).toContain("查询超过 1 秒限制");
    expect(r.duration_ms).toBeLessThan(4000);
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
