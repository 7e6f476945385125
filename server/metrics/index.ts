import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { cpuSlotCount, limiters } from "../limits";

// The platform's metrics on prom-client, one registry per process (Prometheus scrapes each
// instance). Cached on globalThis: Next bundles routes and instrumentation separately and each
// bundle has its own copy of this module. This module imports nothing from runs/: what only the
// runner knows (its queue) is read through a callback the runner registers (registerRunnerLoad).

type RunnerLoad = () => { active: number; queued: number };

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const state: { runnerLoad: RunnerLoad | null } = { runnerLoad: null };
  const registers = [registry];

  const metrics = {
    registry,
    state,
    runsFinished: new Counter({
      name: "scheduled_task_runs_total",
      help: "Runs finished by this instance, by status",
      labelNames: ["status"] as const,
      registers,
    }),
    runsSkipped: new Counter({
      name: "scheduled_task_fires_skipped_total",
      help: "Fires recorded as skipped (missed beyond grace, or overlap)",
      registers,
    }),
    lateness: new Histogram({
      name: "scheduled_task_start_lateness_seconds",
      help: "Start of a scheduled run minus its fire time",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    claimLateness: new Histogram({
      name: "scheduled_task_claim_lateness_seconds",
      help: "Claim of a scheduled fire (its log row written) minus its fire time",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    startWait: new Histogram({
      name: "scheduled_task_start_wait_seconds",
      help: "Start of a run minus its claim (time waiting in this instance for a run slot)",
      labelNames: ["trigger"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    deliveryFailures: new Counter({
      name: "scheduled_task_delivery_failures_total",
      help: "Failed deliveries to robots, by channel type and errcode",
      labelNames: ["channel_type", "errcode"] as const,
      registers,
    }),
    runnerRuns: new Gauge({
      name: "scheduled_task_runner_runs",
      help: "Runs in this instance's runner, by state",
      labelNames: ["state"] as const,
      registers,
      collect() {
        const load = state.runnerLoad?.() ?? { active: 0, queued: 0 };
        this.set({ state: "active" }, load.active);
        this.set({ state: "queued" }, load.queued);
      },
    }),
    runsInFlight: new Gauge({
      name: "scheduled_task_runs_in_flight",
      help: "Runs holding a run slot in this process (ceiling RUNS_MAX_IN_FLIGHT)",
      registers,
      collect() {
        this.set(limiters().runs.inUse);
      },
    }),
    slotWaiting: new Gauge({
      name: "scheduled_task_runs_waiting",
      help: "Runs waiting for a slot: a run slot (not started) or a CPU slot (started, ready to execute)",
      labelNames: ["slot"] as const,
      registers,
      collect() {
        this.set({ slot: "run" }, limiters().runs.waiting);
        this.set({ slot: "cpu" }, limiters().cpu.waiting);
      },
    }),
    cpuSlotsBusy: new Gauge({
      name: "scheduled_task_cpu_slots_busy",
      help: "Scripts executing JavaScript/Python now (a script waiting in a host call holds no slot)",
      registers,
      collect() {
        this.set(limiters().cpu.inUse);
      },
    }),
    cpuSlots: new Gauge({
      name: "scheduled_task_cpu_slots",
      help: "CPU slots of this process (CPU_SLOTS)",
      registers,
      collect() {
        this.set(cpuSlotCount());
      },
    }),
    tenantInFlight: new Gauge({
      name: "scheduled_task_tenant_runs_in_flight",
      help: 'Runs in flight per tenant in this process (tenant "" = global tasks)',
      labelNames: ["tenant"] as const,
      registers,
      collect() {
        this.reset();
        for (const [tenant, n] of limiters().runs.heldByKey()) this.set({ tenant }, n);
      },
    }),
  };
  return metrics;
}

const g = globalThis as unknown as { __metrics?: ReturnType<typeof create> };
export const metrics = (g.__metrics ??= create());

/** The process-wide runner reports its queue through this (no import of runs/ here). */
export function registerRunnerLoad(read: RunnerLoad): void {
  metrics.state.runnerLoad = read;
}

/** Prometheus' text format of every series of this process. */
export function renderMetrics(): Promise<string> {
  return metrics.registry.metrics();
}

export const METRICS_CONTENT_TYPE = metrics.registry.contentType;
