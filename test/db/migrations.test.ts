import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import { openConnection } from "@/server/db/connection";
import { applyMigrations, defaultMigrationsDir, ensureDatabase, readMigrations } from "@/server/db/migrate";
import { splitSqlStatements } from "@/server/db/split-sql";
import { dropDatabase, scratchDatabase } from "../helpers/db";

const INIT = "20261128000000_init";
// Later migrations are added over time; these tests hold for whatever the folder contains.
const ALL = (await readMigrations()).map((m) => m.name);
const ADD_NOTE = "99990101000000_add_note"; // sorts after every real migration
const BROKEN = "99990102000000_broken";

async function query(url: string, sql: string, params: unknown[] = []): Promise<RowDataPacket[]> {
  const conn = await openConnection(url);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(sql, params);
    return rows;
  } finally {
    await conn.end();
  }
}

async function tablesOf(url: string): Promise<string[]> {
  const rows = await query(
    url,
    "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
  );
  return rows.map((r) => r.t as string).sort();
}

describe("applyMigrations on an empty database", () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const url of created) await dropDatabase(url);
  });
  async function fresh(name: string): Promise<string> {
    const url = await scratchDatabase(name);
    created.push(url);
    return url;
  }

  it("creates every table, records the migration like Prisma, and is a no-op the second time", async () => {
    const url = await fresh("mig_empty");
    expect(ALL[0]).toBe(INIT);
    expect(await applyMigrations(url)).toEqual(ALL);

    const tables = await tablesOf(url);
    // Every table schema.prisma maps (the drift test compares their columns), and no other.
    const schema = await readFile(path.resolve("prisma/schema.prisma"), "utf8");
    const mapped = [...schema.matchAll(/@@map\("(\w+)"\)/g)].map((m) => m[1]!);
    expect(mapped.length).toBeGreaterThanOrEqual(13);
    expect(tables).toEqual(["_prisma_migrations", ...mapped].sort());

    const rows = await query(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
    for (const row of rows) {
      const bytes = await readFile(path.join(defaultMigrationsDir(), row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(Math.abs(row.started_at.getTime() - Date.now())).toBeLessThan(60_000); // UTC, not local
    }

    expect(await applyMigrations(url)).toEqual([]);
    expect(await query(url, "SELECT id FROM _prisma_migrations")).toHaveLength(ALL.length);
  });

  it("creates _prisma_migrations with Prisma's exact columns", async () => {
    const url = await fresh("mig_table");
    await applyMigrations(url);
    const columns = await query(
      url,
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, COLUMN_KEY AS k
         FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_prisma_migrations' ORDER BY ORDINAL_POSITION`,
    );
    expect(columns.map((c) => ({ ...c }))).toEqual([
      { name: "id", type: "varchar(36)", nullable: "NO", def: null, k: "PRI" },
      { name: "checksum", type: "varchar(64)", nullable: "NO", def: null, k: "" },
      { name: "finished_at", type: "datetime(3)", nullable: "YES", def: "NULL", k: "" },
      { name: "migration_name", type: "varchar(255)", nullable: "NO", def: null, k: "" },
      { name: "logs", type: "text", nullable: "YES", def: "NULL", k: "" },
      { name: "rolled_back_at", type: "datetime(3)", nullable: "YES", def: "NULL", k: "" },
      { name: "started_at", type: "datetime(3)", nullable: "NO", def: "current_timestamp(3)", k: "" },
      { name: "applied_steps_count", type: "int(10) unsigned", nullable: "NO", def: "0", k: "" },
    ]);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const url = await fresh("mig_tamper");
    await applyMigrations(url);
    await query(url, "UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?", [
      "0".repeat(64),
      INIT,
    ]);
    await expect(applyMigrations(url)).rejects.toThrow(
      new RegExp(`migration ${INIT} was changed after it was applied`),
    );
  });

  describe("with a migrations folder of our own", () => {
    let dir: string;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("applies new folders in name order, records a failure and then refuses until it is resolved", async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
      await cp(defaultMigrationsDir(), dir, { recursive: true });
      await mkdir(path.join(dir, ADD_NOTE));
      await writeFile(
        path.join(dir, ADD_NOTE, "migration.sql"),
        "-- AlterTable; a comment with a semicolon\nALTER TABLE `platform_tenants` ADD COLUMN `note` VARCHAR(20) NULL DEFAULT 'a;b';\n",
      );
      const url = await fresh("mig_order");
      expect(await applyMigrations(url, { dir })).toEqual([...ALL, ADD_NOTE]);
      const [note] = await query(
        url,
        "SELECT COLUMN_DEFAULT AS d FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'platform_tenants' AND COLUMN_NAME = 'note'",
      );
      expect(note?.d).toBe("'a;b'");

      await mkdir(path.join(dir, BROKEN));
      await writeFile(
        path.join(dir, BROKEN, "migration.sql"),
        "ALTER TABLE `platform_tenants` ADD COLUMN `other` INT NULL;\nALTER TABLE `no_such_table` ADD COLUMN `x` INT NULL;\n",
      );
      await expect(applyMigrations(url, { dir })).rejects.toThrow(`${BROKEN} failed at statement 2 of 2`);
      const [failed] = await query(
        url,
        "SELECT finished_at, logs, applied_steps_count FROM _prisma_migrations WHERE migration_name = ?",
        [BROKEN],
      );
      expect(failed?.finished_at).toBeNull();
      expect(failed?.applied_steps_count).toBe(0);
      expect(failed?.logs).toMatch(/no_such_table/);

      await expect(applyMigrations(url, { dir })).rejects.toThrow(`${BROKEN} failed earlier`);

      // Resolved the way `prisma migrate resolve --rolled-back` does: the row stays as history.
      await query(url, "ALTER TABLE `platform_tenants` DROP COLUMN `other`");
      await query(url, "UPDATE _prisma_migrations SET rolled_back_at = NOW(3) WHERE finished_at IS NULL");
      await writeFile(
        path.join(dir, BROKEN, "migration.sql"),
        "ALTER TABLE `platform_tenants` ADD COLUMN `other` INT NULL;\n",
      );
      expect(await applyMigrations(url, { dir })).toEqual([BROKEN]);
    });
  });

  it("lets only one of two concurrent starts apply the migrations", async () => {
    const url = await fresh("mig_race");
    const results = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect(results.flat()).toEqual(ALL);
    expect(await query(url, "SELECT id FROM _prisma_migrations")).toHaveLength(ALL.length);
  });

  it("ensureDatabase creates a missing database in utf8mb4 and leaves an existing one alone", async () => {
    const url = await fresh("mig_ensure");
    await dropDatabase(url);
    await ensureDatabase(url);
    const [schema] = await query(
      url,
      "SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()",
    );
    expect(schema).toMatchObject({ cs: "utf8mb4", co: "utf8mb4_unicode_ci" });
    await applyMigrations(url);
    await ensureDatabase(url);
    expect(await tablesOf(url)).toContain("platform_scheduled_tasks");
  });
});

describe("splitSqlStatements", () => {
  it("splits on top-level semicolons only", () => {
    const sql = [
      "-- CreateTable; not a split",
      "CREATE TABLE `a;b` (`x` VARCHAR(5) DEFAULT 'it''s;', `y` TEXT COMMENT \"q;\\\"\");",
      "/* block; comment */ INSERT INTO t VALUES ('a\\';b');",
      "# trailing comment only;",
      "",
    ].join("\n");
    expect(splitSqlStatements(sql)).toEqual([
      "-- CreateTable; not a split\nCREATE TABLE `a;b` (`x` VARCHAR(5) DEFAULT 'it''s;', `y` TEXT COMMENT \"q;\\\"\")",
      "/* block; comment */ INSERT INTO t VALUES ('a\\';b')",
    ]);
  });

  it("finds one statement per table and the foreign key in the init migration", async () => {
    const sql = await readFile(path.join(defaultMigrationsDir(), INIT, "migration.sql"), "utf8");
    const statements = splitSqlStatements(sql);
    expect(statements.filter((s) => /CREATE TABLE/.test(s))).toHaveLength(13);
    expect(statements.at(-1)).toMatch(
      /FOREIGN KEY \(`user_id`\) REFERENCES `platform_users`\(`id`\) ON DELETE CASCADE/,
    );
  });
});
