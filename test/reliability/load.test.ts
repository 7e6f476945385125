import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { startEmbeddedDispatcher, type EmbeddedDispatcher } from "@/server/runs/embedded-dispatcher";
import { LocalRunner } from "@/server/runs/local-runner";
import { resetDb } from "../helpers/db";
import { startCountingServer } from "../runs/counting-server";
import { waitFor } from "../runs/poll";
import { allowLoopback, makeTask, makeTenant } from "../runs/run-helpers";
import { FULL, sized } from "./mode";

// Load: many tasks all due within a short window, one embedded dispatcher (the default 1 s tick).
// Every fire must run exactly once (the script's HTTP call counts executions) and every log row
// must be complete.

const TASKS = sized(150, 1_000);
const WINDOW_MS = sized(10_000, 60_000);

describe(`load: ${TASKS} tasks due within ${WINDOW_MS / 1000} s`, { timeout: sized(90_000, 400_000) }, () => {
  let counter: Awaited<ReturnType<typeof startCountingServer>>;
  let dispatcher: EmbeddedDispatcher | undefined;

  beforeAll(async () => {
    allowLoopback();
    await resetDb();
    counter = await startCountingServer();
  });
  afterAll(async () => {
    await dispatcher?.stop(5_000);
    await counter.close();
  });

  it("runs every fire exactly once and completes every log row", async () => {
    const scope = await makeTenant();
    // One task through the service, the rest copies of its row: creating 1,000 through the API
    // would take longer than the window under test.
    const first = await makeTask(scope, {
      task_name: "load-0",
      schedule_type: "cron",
      cron_expression: "0 0 1 1 *", // yearly: exactly one fire within the test
      timezone: "UTC",
      script_content: `const n = get_param('n')\nlog('fired', n)\nhttp_get('${counter.url("/hit")}?n=' + n)\nresult = 'ok ' + n`,
      input_params: { n: 0 },
    });
    const row = await db.scheduledTask.findUniqueOrThrow({ where: { id: first.id } });
    const { id: _id, ...template } = row;
    await db.scheduledTask.createMany({
      data: Array.from({ length: TASKS - 1 }, (_, i) => ({
        ...template,
        taskName: `load-${i + 1}`,
        inputParams: { n: i + 1 },
        timePoints: template.timePoints ?? Prisma.DbNull,
        notifyChannels: template.notifyChannels ?? Prisma.DbNull,
        alertChannels: template.alertChannels ?? Prisma.DbNull,
        alertMentions: template.alertMentions ?? Prisma.DbNull,
      })),
    });
    const tasks = await db.scheduledTask.findMany({ where: { tenantId: "acme" }, orderBy: { id: "asc" } });
    expect(tasks).toHaveLength(TASKS);

    // Fires spread evenly over the window, starting one second from now.
    const start = Date.now() + 1_000;
    const fireOf = new Map<number, number>();
    tasks.forEach((t, i) => fireOf.set(t.id, start + Math.floor((i * WINDOW_MS) / TASKS)));
    for (let i = 0; i < tasks.length; i += 200) {
      const chunk = tasks.slice(i, i + 200);
      await db.$executeRawUnsafe(
        `UPDATE platform_scheduled_tasks SET next_run_at = CASE id ${chunk.map((t) => `WHEN ${t.id} THEN FROM_UNIXTIME(${fireOf.get(t.id)! / 1000})`).join(" ")} END WHERE id IN (${chunk.map((t) => t.id).join(",")})`,
      );
    }

    dispatcher = await startEmbeddedDispatcher({ runner: new LocalRunner({ concurrency: 8 }) });
    const began = Date.now();
    await waitFor(
      "every fire to finish",
      async () => (await db.taskLog.count({ where: { status: { not: "running" } } })) >= TASKS,
      WINDOW_MS + sized(60_000, 240_000),
      250,
    );
    // Nothing more is due: a second's worth of ticks must add no row.
    await new Promise((r) => setTimeout(r, 1_500));
    await dispatcher.stop(5_000);
    dispatcher = undefined;
    const elapsed = Date.now() - began;

    const logs = await db.taskLog.findMany({ orderBy: { id: "asc" } });
    expect(logs).toHaveLength(TASKS);
    const perTask = new Map<number, number>();
    for (const log of logs) perTask.set(log.taskId, (perTask.get(log.taskId) ?? 0) + 1);
    expect([...perTask.values()].every((n) => n === 1)).toBe(true);
    expect(perTask.size).toBe(TASKS);

    const incomplete = logs.filter(
      (l) =>
        l.status !== "success" ||
        l.trigger !== "schedule" ||
        !l.startedAt ||
        !l.finishedAt ||
        l.durationMs === null ||
        l.durationMs < 0 ||
        !l.output?.includes("fired") ||
        l.scheduledFor?.getTime() !== fireOf.get(l.taskId),
    );
    expect(incomplete.map((l) => ({ id: String(l.id), status: l.status, error: l.error }))).toEqual([]);

    // Executions, counted outside the database: one HTTP call per task, none twice.
    const seen = counter.hits.map((h) => Number(new URL(h.path, "http://x").searchParams.get("n")));
    expect(seen).toHaveLength(TASKS);
    expect(new Set(seen).size).toBe(TASKS);

    const lateness = logs
      .map((l) => l.startedAt!.getTime() - l.scheduledFor!.getTime())
      .sort((a, b) => a - b);
    const p = (q: number) => lateness[Math.min(lateness.length - 1, Math.floor(q * lateness.length))]!;
    if (FULL || process.env.RELIABILITY_VERBOSE) {
      console.log(
        `load: ${TASKS} runs in ${elapsed} ms; start lateness p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${lateness.at(-1)} ms`,
      );
    }
    // started_at has whole seconds; a fire starts within a few ticks even on a busy machine.
    expect(p(0.5)).toBeLessThan(5_000);

    const after = await db.scheduledTask.findMany({ select: { lastRunStatus: true, nextRunAt: true } });
    expect(after.every((t) => t.lastRunStatus === "success")).toBe(true);
    expect(after.every((t) => t.nextRunAt!.getTime() > Date.now() + 30 * 86400_000)).toBe(true);
  });
});
