import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { resetEnvCache } from "@/server/env";
import { finishRun } from "@/server/runs/finish-run";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { platformToken, tenantWithToken } from "../helpers/tenants";

const scrape = (token?: string) =>
  GET(
    new Request("http://localhost/api/metrics", {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
  );

describe("GET /api/metrics", () => {
  beforeEach(async () => {
    await resetDb();
    process.env.METRICS_TOKEN = "metrics-token-0123456789";
    resetEnvCache();
  });
  afterEach(() => {
    delete process.env.METRICS_TOKEN;
    resetEnvCache();
  });

  it("refuses scrapers without the metrics token or a platform token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("metrics-token-wrong-000000")).status).toBe(401);
    const tenant = await tenantWithToken("acme");
    expect((await scrape(tenant.token)).status).toBe(401);
    expect((await scrape(await platformToken())).status).toBe(200);
  });

  it("counts finished runs by status in Prometheus' text format", async () => {
    const before = await (await scrape("metrics-token-0123456789")).text();
    const count = (text: string) =>
      Number(/scheduled_task_runs_total\{status="failed"\} (\d+)/.exec(text)?.[1] ?? 0);
    const task = await db.scheduledTask.create({ data: { tenantId: null, taskName: "t" } });
    const log = await db.taskLog.create({
      data: { taskId: task.id, status: "running", startedAt: new Date() },
    });
    await finishRun({
      logId: log.id,
      status: "failed",
      output: "",
      error: "x",
      result: null,
      deliveries: null,
      attempts: 1,
    });
    const res = await scrape("metrics-token-0123456789");
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const after = await res.text();
    expect(count(after)).toBe(count(before) + 1);
    expect(after).toMatch(/# TYPE scheduled_task_start_lateness_seconds histogram/);
    expect(after).toMatch(/scheduled_task_runner_runs\{state="queued"\} \d+/);
  });

  it("exposes process metrics and the run engine's slots, waits and latencies", async () => {
    const text = await (await scrape("metrics-token-0123456789")).text();
    for (const series of [
      /process_resident_memory_bytes \d+/,
      /nodejs_eventloop_lag_seconds /,
      /scheduled_task_runs_in_flight \d+/,
      /scheduled_task_runs_waiting\{slot="run"\} \d+/,
      /scheduled_task_runs_waiting\{slot="cpu"\} \d+/,
      /scheduled_task_cpu_slots_busy \d+/,
      /scheduled_task_cpu_slots [1-9]\d*/,
      /# TYPE scheduled_task_tenant_runs_in_flight gauge/,
      /# TYPE scheduled_task_claim_lateness_seconds histogram/,
      /# TYPE scheduled_task_start_wait_seconds histogram/,
    ])
      expect(text).toMatch(series);
  });
});
