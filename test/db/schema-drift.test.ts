import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/server/db/migrate";
import { dropDatabase, scratchDatabase } from "../helpers/db";
import { SCHEMA_PATH, readDatamodel, type Datamodel } from "./prisma-dmmf";
import { diffSchemas, schemaFromDatabase, schemaFromDatamodel, type SchemaShape } from "./schema-diff";

// prisma/migrations must build exactly the database schema.prisma describes. Edit the schema
// without adding a migration (or the other way round) and this test lists every difference.

describe("schema drift between schema.prisma and the migrations", () => {
  let url: string;
  let datamodel: Datamodel;
  let database: SchemaShape;

  beforeAll(async () => {
    url = await scratchDatabase("drift");
    await applyMigrations(url);
    [datamodel, database] = await Promise.all([readDatamodel(), schemaFromDatabase(url)]);
  });

  afterAll(async () => {
    if (url) await dropDatabase(url);
  });

  it("reads every model of schema.prisma through Prisma's DMMF", () => {
    expect(datamodel.models.length).toBe(20);
    expect(Object.keys(database).sort()).toEqual(datamodel.models.map((m) => m.dbName ?? m.name).sort());
  });

  it("finds no difference in tables, columns, types, nullability, defaults, indexes, keys or enums", () => {
    expect(diffSchemas(schemaFromDatamodel(datamodel), database)).toEqual([]);
  });

  it("reports a schema edit that has no migration", async () => {
    // The same check against an edited copy of schema.prisma, so this test proves it can fail.
    const edited = (await readFile(SCHEMA_PATH, "utf8"))
      .replace(
        'taskName            String         @map("task_name") @db.VarChar(100)',
        'taskName            String         @map("task_name") @db.VarChar(120)\n  owner String? @db.VarChar(20)',
      )
      .replace("  skipped\n  cancelled\n  partial\n}", "  skipped\n  cancelled\n  partial\n  paused\n}")
      .replace(
        '@@index([traceId], map: "idx_logs_trace")',
        '@@index([traceId, status], map: "idx_logs_trace")',
      )
      .replace(
        "retryInterval       Int?           @default(60)",
        "retryInterval       Int?           @default(30)",
      )
      .replace("onDelete: Cascade", "onDelete: Restrict");
    const diff = diffSchemas(schemaFromDatamodel(await readDatamodel(edited)), database);
    expect(diff).toEqual(
      expect.arrayContaining([
        "platform_scheduled_tasks.task_name: type varchar(100) in the database, varchar(120) in schema.prisma",
        "platform_scheduled_tasks.owner: column in schema.prisma, not in the database",
        'platform_scheduled_tasks.retry_interval: default "60" in the database, "30" in schema.prisma',
        "platform_task_logs.status: type enum('running','success','failed','skipped','cancelled','partial') in the database, enum('running','success','failed','skipped','cancelled','partial','paused') in schema.prisma",
        expect.stringMatching(
          /^platform_task_logs: index idx_logs_trace is .*"trace_id"\].* in the database, .*"trace_id","status"\]/,
        ),
        expect.stringMatching(
          /^platform_memberships: foreign key platform_memberships_user_id_fkey is .*"CASCADE".* in the database, .*"RESTRICT"/,
        ),
      ]),
    );
    expect(diff).toHaveLength(6);
  });
});
