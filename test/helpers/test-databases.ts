import { withDatabase } from "../../server/db/connection";

// Names of the databases a test run works in. Several vitest runs may share one MariaDB (five
// engineers on one machine, or a developer and an IDE): each run tags its databases with the
// pid of its main process so one run's global setup never drops another run's databases.

declare module "vitest" {
  export interface ProvidedContext {
    /** Tag of this vitest run, set by global-setup: databases are sched_test_<tag>_<n>. */
    testRunTag: string;
  }
}

export const TEST_DB_PREFIX = "sched_test_";

/** Server URL without a database, from TEST_DATABASE_URL. */
export function testServerUrl(): string {
  return withDatabase(process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306", "");
}

/** The database of worker n (1-based, VITEST_POOL_ID) in run `tag`. */
export function workerDatabaseName(tag: string, worker: number | string): string {
  return `${TEST_DB_PREFIX}${tag}_${worker}`;
}

/** The run tag from a database name made by workerDatabaseName (undefined for other names). */
export function runTagOf(database: string): string | undefined {
  return new RegExp(`^${TEST_DB_PREFIX}(\\d+)_`).exec(database)?.[1];
}
