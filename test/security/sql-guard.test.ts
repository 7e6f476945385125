import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformScope } from "@/server/auth/scope";
import { db } from "@/server/db";
import { closeDbQueryPools } from "@/server/sandbox/bindings/db-query";
import { checkSql } from "@/server/sandbox/sql-guard";
import { createDataSource, grantDataSource } from "@/server/services/data-sources";
import { createTenant } from "@/server/services/tenants";
import { businessDb, type BusinessDb } from "../helpers/business-db";
import { run } from "../sandbox/helpers";

// The SQL allowlist (second wall) against the spellings that got through the old regex guard:
// quoting, case, Unicode whitespace, comments, executable comments, CTEs, subqueries, UNION arms.
// Each one is refused by the parser-based check itself, and end to end through a tenant's
// db_query nothing is written, no file is read and no lock outlives the run.

const FILE = `/tmp/sec_guard_${process.pid}_${process.env.VITEST_POOL_ID ?? "1"}.txt`;
const LOCK = `sec_lock_${process.pid}`;
const NBSP = "\u00a0";

const BYPASSES: [string, string][] = [
  ["backticked load_file", "SELECT `load_file`('/etc/passwd') AS f"],
  ["backticked, spaced, mixed case", "SELECT `LoAd_FiLe` \n ('/etc/passwd') AS f"],
  ["comment between name and (", "SELECT load_file/**/('/etc/passwd') AS f"],
  ["schema-qualified", "SELECT `mysql`.`sleep`(1)"],
  ["backticked GET_LOCK", `SELECT \`GET_LOCK\`('${LOCK}', 0) AS l`],
  ["get_lock in a CTE", `WITH a AS (SELECT GET_LOCK('${LOCK}', 0) AS l) SELECT * FROM a`],
  ["get_lock in a derived table", `SELECT * FROM (SELECT get_lock('${LOCK}', 0) AS l) t`],
  ["get_lock in a scalar subquery", `SELECT (SELECT get_lock('${LOCK}', 0)) AS l`],
  ["get_lock in a UNION arm", `SELECT 1 AS l UNION SELECT get_lock('${LOCK}', 0)`],
  ["get_lock in WHERE", `SELECT 1 AS l FROM sales WHERE get_lock('${LOCK}', 0) = 1`],
  ["is_used_lock", `SELECT IS_USED_LOCK('${LOCK}') AS l`],
  ["release_all_locks", "SELECT RELEASE_ALL_LOCKS() AS l"],
  ["sleep with U+00A0", `SELECT${NBSP}SLEEP(2)`],
  ["sleep with U+2003", "SELECT\u2003SLEEP(2)"],
  ["sleep with U+3000 ideographic space", "SELECT\u3000SLEEP(2)"],
  ["sleep with vertical tab", "SELECT\u000bSLEEP(2)"],
  ["benchmark", "SELECT BENCHMARK(100000000, MD5('x'))"],
  ["--+U+00A0 then INTO OUTFILE", `SELECT 1 --${NBSP}INTO OUTFILE '${FILE}'`],
  ["--+U+00A0 then LOCK IN SHARE MODE", `SELECT * FROM sales --${NBSP}LOCK IN SHARE MODE`],
  ["-- without blank", `SELECT 1 --x\nINTO OUTFILE '${FILE}'`],
  ["# comment ends at newline", `SELECT 1 # harmless\nINTO OUTFILE '${FILE}'`],
  ["executable comment", `SELECT 1 /*! INTO OUTFILE '${FILE}' */`],
  ["versioned executable comment", `SELECT 1 /*!50000 INTO OUTFILE '${FILE}' */`],
  ["MariaDB executable comment", `SELECT 1 /*M!100000 , GET_LOCK('${LOCK}', 0) */`],
  ["optimizer hint comment", "SELECT /*+ MAX_EXECUTION_TIME(1) */ 1"],
  ["INTO OUTFILE", `SELECT * FROM sales INTO OUTFILE '${FILE}'`],
  ["INTO DUMPFILE", `SELECT 'x' INTO DUMPFILE '${FILE}'`],
  ["INTO OUTFILE after parentheses", `(SELECT 1) INTO OUTFILE '${FILE}'`],
  ["INTO OUTFILE in lower case", `select 1 into outfile '${FILE}'`],
  ["INTO a variable", "SELECT 1 INTO @x"],
  ["FOR UPDATE", "SELECT * FROM sales FOR UPDATE"],
  ["FOR UPDATE in a subquery", "SELECT * FROM sales WHERE id IN (SELECT id FROM sales FOR UPDATE)"],
  ["FOR SHARE", "SELECT * FROM sales FOR SHARE"],
  ["LOCK IN SHARE MODE", "SELECT * FROM sales LOCK IN SHARE MODE"],
  ["LOCK IN SHARE MODE with newlines", "SELECT * FROM sales\nLOCK\nIN\nSHARE\nMODE"],
  ["two statements", "SELECT 1; SELECT 2"],
  ["statement after ; and U+00A0", `SELECT 1;${NBSP}DO GET_LOCK('${LOCK}', 0)`],
  ["DO", `DO GET_LOCK('${LOCK}', 0)`],
  ["SET", `SET @x = GET_LOCK('${LOCK}', 0)`],
  ["HANDLER", "HANDLER sales OPEN"],
  ["LOAD DATA", `LOAD DATA INFILE '/etc/passwd' INTO TABLE sales`],
  ["CALL", "CALL p()"],
  ["ANALYZE (executes)", "ANALYZE SELECT SLEEP(1)"],
  ["DESC SELECT", `DESC SELECT GET_LOCK('${LOCK}', 0)`],
  ["EXPLAIN of a write", "EXPLAIN DELETE FROM sales"],
  ["sequence", "SELECT NEXT VALUE FOR s"],
  ["nextval", "SELECT NEXTVAL(s)"],
  ["unterminated string", "SELECT 'abc"],
  ["unterminated comment", "SELECT 1 /* x"],
  ["unparseable", "SELEC 1"],
];

const ALLOWED = [
  "SELECT 1",
  "select region, SUM(amount) AS total FROM sales GROUP BY region ORDER BY total DESC LIMIT 10",
  "WITH t AS (SELECT region, amount FROM sales) SELECT region, MAX(amount) FROM t GROUP BY region",
  "SELECT s.* FROM sales s WHERE s.id IN (SELECT id FROM sales WHERE amount > 1)",
  "SELECT 'into outfile; get_lock(1)' AS text -- a comment\n",
  'SELECT "a"" , sleep(1), " AS t',
  "SELECT 'a\\' , sleep(1), ' AS t",
  "SELECT `lock`, `into` FROM (SELECT 1 AS `lock`, 2 AS `into`) x",
  "SELECT SUM(amount) AS 销售额 FROM sales",
  "SHOW TABLES",
  "SHOW COLUMNS FROM sales",
  "DESCRIBE sales",
  "EXPLAIN SELECT * FROM sales",
  "SELECT * FROM sales WHERE id = ? AND region = ?",
];

describe("the SQL allowlist (parser-based)", () => {
  it.each(BYPASSES)("refuses %s", (_label, sql) => {
    const r = checkSql(sql);
    expect(r.ok).toBe(false);
  });

  it.each(ALLOWED)("allows %s", (sql) => {
    const r = checkSql(sql);
    expect(r).toMatchObject({ ok: true });
  });
});

describe("end to end from a tenant's script", () => {
  let biz: BusinessDb;

  beforeAll(async () => {
    biz = await businessDb("guard");
    await biz.root.query(
      `CREATE TABLE \`${biz.database}\`.sales (id INT PRIMARY KEY, region VARCHAR(10), amount INT)`,
    );
    await biz.root.query(`INSERT INTO \`${biz.database}\`.sales VALUES (1,'east',5),(2,'west',7)`);
    const { dsn } = await biz.user(["GRANT SELECT ON {db}.*"]);
    await createTenant({
      scope: platformScope(),
      input: { tenant_id: "sec-guard", name: "guard", is_enabled: true },
    });
    const ds = await createDataSource({ scope: platformScope(), input: { name: "sec_guard", dsn } });
    await grantDataSource({
      scope: platformScope(),
      input: { data_source_id: ds.id, tenant_id: "sec-guard", is_default: true },
    });
  });

  afterAll(async () => {
    await db.dataSource.deleteMany({ where: { name: "sec_guard" } });
    await db.tenant.deleteMany({ where: { tenantId: "sec-guard" } });
    await closeDbQueryPools();
    await biz.cleanup();
  });

  it.each(BYPASSES)("%s: refused, no file, no lock kept, no rows changed", async (_label, sql) => {
    const r = await run(`return json.dumps(db_query(${JSON.stringify(sql)}))`, { tenantId: "sec-guard" });
    expect(r.success).toBe(false);
    expect(r.error).toMatch(/db_query\(\)/);
    expect(r.output + (r.error ?? "")).not.toContain("root:");
    expect(existsSync(FILE)).toBe(false);
    const [[lock]] = (await biz.root.query("SELECT IS_FREE_LOCK(?) AS free", [LOCK])) as unknown as [
      { free: number }[],
    ];
    expect(lock!.free).toBe(1);
    const [[count]] = (await biz.root.query(
      `SELECT COUNT(*) AS n FROM \`${biz.database}\`.sales`,
    )) as unknown as [{ n: number }[]];
    expect(Number(count!.n)).toBe(2);
  });

  it("strings that look like code stay strings on the server too (fast, no sleep)", async () => {
    const r = await run(
      `return json.dumps(db_query(${JSON.stringify('SELECT \'a\\\' , sleep(2), \' AS t, "b"" , sleep(2), " AS u')}))`,
      { tenantId: "sec-guard" },
    );
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual([
      { t: "a' , sleep(2), ", u: 'b" , sleep(2), ' },
    ]);
    expect(r.duration_ms).toBeLessThan(1500);
  });
});
