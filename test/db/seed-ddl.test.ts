import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import { openConnection } from "@/server/db/connection";
import { applyMigrations } from "@/server/db/migrate";
import { splitSqlStatements } from "@/server/db/split-sql";
import { dropDatabase, scratchDatabase } from "../helpers/db";

// The seed's three tables must keep every column exactly (name, type, nullability, default,
// extra, position) so the original system's database and its readers keep working with ours.

const SEED_DOC = path.resolve(process.cwd(), "../shared/seed/scheduled-tasks.md");
const FIXTURE = path.resolve(process.cwd(), "test/fixtures/seed-ddl.sql");
const SEED_TABLES = ["platform_scheduled_tasks", "platform_task_notify_channels", "platform_task_logs"];

type Column = {
  table: string;
  name: string;
  position: number;
  type: string;
  nullable: string;
  def: string | null;
  extra: string;
  /** Part of the primary key (other keys differ on purpose: ours adds indexes). */
  primary: boolean;
};

async function columnsOf(url: string): Promise<Column[]> {
  const conn = await openConnection(url);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS name, ORDINAL_POSITION AS position,
              COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, EXTRA AS extra,
              COLUMN_KEY AS \`key\`
         FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)
        ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [SEED_TABLES],
    );
    return rows.map(
      ({ key, ...r }) => ({ ...r, position: Number(r.position), primary: key === "PRI" }) as Column,
    );
  } finally {
    await conn.end();
  }
}

async function fixtureStatements(): Promise<string[]> {
  const text = await readFile(FIXTURE, "utf8");
  // Drop the fixture's leading comment lines: the rest is the seed's text.
  return splitSqlStatements(text.replace(/^(--[^\n]*\n|\n)+/, ""));
}

/** An enum column's values, in order. */
function enumValues(type: string): string[] {
  return [...type.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}

describe("seed DDL compatibility", () => {
  let seedColumns: Column[];
  let ourColumns: Column[];
  const dbs: string[] = [];

  beforeAll(async () => {
    const seedUrl = await scratchDatabase("seed_ddl");
    const oursUrl = await scratchDatabase("seed_ours");
    dbs.push(seedUrl, oursUrl);
    const conn = await openConnection(seedUrl);
    try {
      for (const statement of await fixtureStatements()) await conn.query(statement);
    } finally {
      await conn.end();
    }
    await applyMigrations(oursUrl);
    seedColumns = await columnsOf(seedUrl);
    ourColumns = await columnsOf(oursUrl);
  });

  afterAll(async () => {
    for (const url of dbs) await dropDatabase(url);
  });

  it("keeps the seed's CREATE TABLE statements verbatim in the fixture", async () => {
    const statements = await fixtureStatements();
    expect(statements.map((s) => /^CREATE TABLE (\w+)/.exec(s)?.[1])).toEqual(SEED_TABLES);
    // CI checks the seed out beside the clone (../shared); compare when it is there.
    if (existsSync(SEED_DOC)) {
      const doc = await readFile(SEED_DOC, "utf8");
      const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim().replace(/;$/, ""));
      expect(statements).toEqual(blocks);
    }
  });

  // Run outcomes the seed did not have: 'skipped' (overlap policy, workday filter), 'cancelled'
  // (stopped by an operator), 'partial' (script succeeded, a channel failed).
  const ADDED_ENUM_VALUES: Record<string, string[]> = {
    "platform_task_logs.status": ["skipped", "cancelled", "partial"],
    "platform_scheduled_tasks.last_run_status": ["cancelled", "partial"],
  };

  it("has every seed column with the same type, nullability, default, extra and position", () => {
    expect(seedColumns.length).toBe(25 + 10 + 12);
    for (const seed of seedColumns) {
      const ours = ourColumns.find((c) => c.table === seed.table && c.name === seed.name);
      expect(ours, `${seed.table}.${seed.name} is missing`).toBeDefined();
      const added = ADDED_ENUM_VALUES[`${seed.table}.${seed.name}`];
      if (added) {
        // Deliberate supersets, appended last, so the seed's values keep their order and indexes
        // and every value the seed writes is still accepted.
        expect(enumValues(ours!.type), `${seed.table}.${seed.name}`).toEqual([
          ...enumValues(seed.type),
          ...added,
        ]);
        expect({ ...ours, type: "" }).toEqual({ ...seed, type: "" });
        continue;
      }
      expect(ours, `${seed.table}.${seed.name}`).toEqual(seed);
    }
  });

  it("adds only columns an insert written for the seed can omit", () => {
    const added = ourColumns.filter(
      (c) => !seedColumns.some((s) => s.table === c.table && s.name === c.name),
    );
    expect(added.length).toBeGreaterThan(0);
    for (const c of added) {
      expect(
        c.nullable === "YES" || c.def !== null,
        `${c.table}.${c.name} is NOT NULL without a default`,
      ).toBe(true);
    }
  });
});
