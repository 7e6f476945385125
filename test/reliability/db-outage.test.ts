import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/server/db/migrate";
import { openConnection } from "@/server/db/connection";
import { db, disconnectDb } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { startCountingServer } from "../runs/counting-server";
import { waitFor } from "../runs/poll";
import { allowLoopback, makeTask, makeTenant } from "../runs/run-helpers";
import { killDispatcherProcesses, startDispatcherProcess, type DispatcherProcess } from "./child";
import { FULL, sized } from "./mode";
import { startPrivateMariadb, type PrivateMariadb } from "./private-mariadb";

// Database outage: a dispatcher process runs per-2-second tasks on a MariaDB of the test's own;
// the database is killed for a while and started again. The process must survive, report the
// database down on /api/health, resume, leave no run "running", lose no fire beyond the misfire
// rules and run none twice.

// Longer than the stale window below, so leases of live runs go stale during the outage.
const OUTAGE_MS = sized(10_000, 20_000);
const TASKS = sized(4, 8);
const PERIOD_MS = 2_000;
const STALE_AFTER_MS = 8_000;
const SHORT_GRACE_S = 3;
// A clean stop by default; RELIABILITY_DB_SIGNAL=SIGKILL crashes the server instead (MariaDB
// 10.11 has been seen to report a table "corrupted" (1877) after such a restart: its own recovery).
const DB_STOP_SIGNAL = process.env.RELIABILITY_DB_SIGNAL === "SIGKILL" ? "SIGKILL" : "SIGTERM";

describe(`database outage of ${OUTAGE_MS / 1000} s`, { timeout: sized(120_000, 240_000) }, () => {
  let mariadb: PrivateMariadb | undefined;
  let child: DispatcherProcess | undefined;
  let counter: Awaited<ReturnType<typeof startCountingServer>>;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DB_QUERY_URL: process.env.DB_QUERY_URL };

  beforeAll(async () => {
    mariadb = await startPrivateMariadb();
    const url = mariadb.url("sched_outage");
    const conn = await openConnection(mariadb.url(""), { database: false });
    await conn.query("CREATE DATABASE sched_outage CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    await conn.end();
    await applyMigrations(url);
    // This file's own reads and writes go to the private server too.
    await disconnectDb();
    Object.assign(process.env, { DATABASE_URL: url, DB_QUERY_URL: url });
    resetEnvCache();
    allowLoopback();
    counter = await startCountingServer();
  }, 120_000);

  afterAll(async () => {
    // Every child this file started, also one a failed test left behind (and then replaced).
    await killDispatcherProcesses();
    await disconnectDb();
    await mariadb?.destroy();
    await counter?.close();
    Object.assign(process.env, saved);
    resetEnvCache();
  });

  it("survives, reports the database down, resumes, and neither loses nor doubles a fire", async () => {
    const scope = await makeTenant();
    const ids: number[] = [];
    for (let i = 0; i < TASKS; i++) {
      const task = await makeTask(scope, {
        task_name: `outage-${i}`,
        schedule_type: "cron",
        cron_expression: "*/2 * * * * *",
        timezone: "UTC",
        // Half coalesce the whole outage into one run (default grace), half skip the older fires.
        misfire_grace_seconds: i % 2 === 0 ? 300 : SHORT_GRACE_S,
        script_content: `http_get('${counter.url("/run")}?task=' + task_id + '&trace=' + trace_id)\ntime.sleep(0.7)\nresult = 'ok'`,
      });
      ids.push(task.id);
    }

    // A long run that does not need the database while it works: alive through the whole outage.
    const long = await makeTask(scope, {
      task_name: "long",
      schedule_type: "cron",
      cron_expression: "0 0 1 1 *",
      timeout_seconds: 120,
      script_content: `time.sleep(${OUTAGE_MS / 1000 + 6})\nresult = 'survived'`,
    });
    await db.scheduledTask.update({ where: { id: long.id }, data: { nextRunAt: new Date("2100-01-01") } });

    child = await startDispatcherProcess({
      DATABASE_URL: process.env.DATABASE_URL!,
      DB_QUERY_URL: process.env.DB_QUERY_URL!,
      OUTBOUND_ALLOWLIST: "127.0.0.1,localhost",
      CHILD_STALE_AFTER_MS: String(STALE_AFTER_MS),
    });
    expect((await child.health()).body).toMatchObject({ db: "ok" });

    // Running normally; then the database goes away while a run is in progress.
    await waitFor(
      "two successful runs per task",
      async () => {
        const rows = await db.taskLog.groupBy({ by: ["taskId"], where: { status: "success" }, _count: true });
        return rows.length === TASKS && rows.every((r) => r._count >= 2);
      },
      30_000,
    );
    await db.scheduledTask.update({ where: { id: long.id }, data: { nextRunAt: new Date() } });
    await waitFor(
      "the long run to start",
      () => db.taskLog.findFirst({ where: { taskId: long.id, startedAt: { not: null } } }),
      10_000,
      50,
    );
    await waitFor(
      "a run in progress",
      () => db.taskLog.findFirst({ where: { status: "running", startedAt: { not: null } } }),
      10_000,
      20,
    );
    const outageStart = Date.now();
    await disconnectDb(); // this file's pool would only log errors meanwhile
    await mariadb!.stop(DB_STOP_SIGNAL);

    const during: { status: number; db?: string }[] = [];
    while (Date.now() - outageStart < OUTAGE_MS) {
      const h = await child.health();
      during.push({ status: h.status, db: "db" in h.body ? h.body.db : undefined });
      expect(
        child.alive(),
        `dispatcher exited during the outage: ${JSON.stringify(child.exit())}\n${child.output()}`,
      ).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
    }
    await mariadb!.start();
    const outageEnd = Date.now();

    // /api/health said so (503, db down) while the database was away.
    // (Each check waits out its 2 s timeout while the pool retries, so a few samples only.)
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during).toEqual(during.map(() => ({ status: 503, db: "down" })));
    await waitFor("health to recover", async () => (await child!.health()).status === 200, 30_000, 250);

    // The scheduler resumed: every task runs fires due after the restart.
    await waitFor(
      "runs after the outage",
      async () => {
        const rows = await db.taskLog.groupBy({
          by: ["taskId"],
          where: { status: "success", scheduledFor: { gt: new Date(outageEnd + PERIOD_MS) } },
          _count: true,
        });
        return rows.length === TASKS && rows.every((r) => r._count >= 2);
      },
      40_000,
      250,
    );

    // The long run was alive all along: it finishes with its own outcome, not "interrupted".
    const longRun = await waitFor(
      "the long run to end",
      async () =>
        (await db.taskLog.findFirst({ where: { taskId: long.id, status: { not: "running" } } })) ?? null,
      30_000,
      250,
    );
    expect({ status: longRun.status, error: longRun.error }).toEqual({ status: "success", error: null });
    expect(longRun.result).toMatchObject({ content: "survived" });

    // Runs caught by the outage end failed (interrupted, once their lease is stale) or complete.
    await waitFor(
      "no run from before the restart still running",
      async () =>
        (await db.taskLog.count({ where: { status: "running", createdAt: { lt: new Date(outageEnd) } } })) ===
        0,
      STALE_AFTER_MS + 20_000,
      250,
    );
    expect(child.alive()).toBe(true);
    await child.stop();
    expect(child.exit()).toMatchObject({ code: 0 });
    child = undefined;

    const logs = await db.taskLog.findMany({ where: { taskId: { in: ids } }, orderBy: { id: "asc" } });
    expect(logs.filter((l) => l.status === "running")).toEqual([]);
    const tasks = await db.scheduledTask.findMany({ where: { id: { in: ids } } });
    for (const task of tasks) {
      const mine = logs.filter((l) => l.taskId === task.id && l.trigger === "schedule");
      const fires = mine.map((l) => l.scheduledFor!.getTime());
      // No fire has two rows.
      expect(new Set(fires).size).toBe(fires.length);
      // Every fire between the first and the last has a row, or was coalesced into a later run
      // within the task's misfire grace (the outage, or a claim a period late on a busy machine).
      const have = new Set(fires);
      const ran = mine.filter((l) => l.status !== "skipped").map((l) => l.scheduledFor!.getTime());
      const graceMs = task.misfireGraceSeconds * 1000;
      let coalescedInOutage = 0;
      for (let f = Math.min(...fires); f <= Math.max(...fires); f += PERIOD_MS) {
        if (have.has(f)) continue;
        if (f > outageStart && f < outageEnd) coalescedInOutage++;
        expect(
          ran.some((r) => r > f && r - f <= graceMs + PERIOD_MS),
          `fire ${new Date(f).toISOString()} of task ${task.id} neither ran, was skipped, nor coalesced`,
        ).toBe(true);
      }
      // The default grace coalesces the fires of the outage into one run after it.
      if (task.misfireGraceSeconds === 300)
        expect(coalescedInOutage).toBeGreaterThanOrEqual(OUTAGE_MS / PERIOD_MS - 2);
      // A short grace skips (with a row) the fires the outage made too old.
      if (task.misfireGraceSeconds === SHORT_GRACE_S && OUTAGE_MS > 2 * SHORT_GRACE_S * 1000) {
        expect(mine.some((l) => l.status === "skipped" && l.error?.includes("missed fire"))).toBe(true);
      }
    }

    // Executions, counted outside the database: no run executed twice, and every success ran.
    const traces = counter.hits.map((h) => new URL(h.path, "http://x").searchParams.get("trace"));
    expect(new Set(traces).size).toBe(traces.length);
    const executed = new Set(traces);
    for (const log of logs.filter((l) => l.status === "success"))
      expect(executed.has(log.traceId)).toBe(true);
    // Failed runs are the ones the outage interrupted: a handful, each saying why.
    const failed = logs.filter((l) => l.status === "failed");
    // (How many fail varies: the pool often rides the outage out and runs in flight complete.)
    if (FULL || process.env.RELIABILITY_VERBOSE) {
      const count = (s: string) => logs.filter((l) => l.status === s).length;
      console.log(
        `failed rows ended ${failed.map((l) => l.finishedAt!.getTime() - outageEnd).join(", ")} ms after the restart; overlap skips ${logs.filter((l) => l.error?.includes("previous run")).length}`,
      );
      console.log(
        `db outage ${OUTAGE_MS} ms: ${count("success")} success, ${failed.length} failed (interrupted), ${count("skipped")} skipped; health samples ${during.length}`,
      );
    }
    for (const log of failed) {
      expect(log.createdAt!.getTime()).toBeLessThan(outageEnd);
      expect(log.error).toMatch(/interrupted/);
      expect(log.finishedAt).not.toBeNull();
    }
  });

  it("shuts down gracefully on SIGTERM while the database is down (a restart during an outage)", async () => {
    if (!mariadb!.running()) await mariadb!.start();
    child = await startDispatcherProcess({
      DATABASE_URL: process.env.DATABASE_URL!,
      DB_QUERY_URL: process.env.DB_QUERY_URL!,
      CHILD_STOP_GRACE_MS: "5000",
    });
    await disconnectDb();
    await mariadb!.stop("SIGKILL");
    // Let a tick or two hang on the dead database first.
    await new Promise((r) => setTimeout(r, 2_000));
    const asked = Date.now();
    const stopped = child.stop();
    const inTime = await Promise.race([
      stopped.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
    ]);
    expect(inTime, `dispatcher still running 30 s after SIGTERM:\n${child.output()}`).toBe(true);
    expect(child.exit()).toMatchObject({ code: 0 });
    if (FULL || process.env.RELIABILITY_VERBOSE)
      console.log(`graceful stop with the database down took ${Date.now() - asked} ms`);
    child = undefined;
    await mariadb!.start();
  });
});
