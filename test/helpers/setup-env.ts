import { afterAll, inject } from "vitest";
import { withDatabase } from "../../server/db/connection";
import { resetEnvCache } from "../../server/env";
import { testServerUrl, workerDatabaseName } from "./test-databases";

// Runs before every test file, inside its fork: point the app at this fork's database
// (prepared by global-setup.ts) and give it a fixed, valid environment.

const worker = process.env.VITEST_POOL_ID ?? "1";
const runTag = inject("testRunTag");
if (!runTag)
  throw new Error("test/helpers/global-setup.ts did not run: use the vitest.config.ts of the repo");
const databaseUrl = withDatabase(testServerUrl(), workerDatabaseName(runTag, worker));

// Object.assign: Next's types declare NODE_ENV read-only.
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  // No global data source: db_query never uses the platform's database (tests create their own).
  DB_QUERY_URL: "",
  APP_SECRET: "test-app-secret-do-not-use-in-production", // 40 chars
  NODE_ENV: "test",
  OUTBOUND_ALLOWLIST: "",
});
resetEnvCache();

// Close the shared Prisma pool so the fork can exit once its files are done. server/db.ts keeps
// its client on globalThis.__db; files that never opened it do not load Prisma here.
afterAll(async () => {
  if (!(globalThis as { __db?: unknown }).__db) return;
  const { disconnectDb } = await import("../../server/db");
  await disconnectDb();
});
