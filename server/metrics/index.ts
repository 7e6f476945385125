import { Counter, Gauge, Histogram } from "./registry";
import { localRunner } from "../runs/local-runner";

// The platform's metrics; one instance per process, cached on globalThis because Next bundles
// routes and instrumentation separately and each bundle has its own copy of this module.
function create() {
  return {
    runsFinished: new Counter("scheduled_task_runs_total", "Runs finished by this instance, by status"),
    runsSkipped: new Counter(
      "scheduled_task_fires_skipped_total",
      "Fires recorded as skipped (missed beyond grace, or overlap)",
    ),
    lateness: new Histogram(
      "scheduled_task_start_lateness_seconds",
      "Start of a scheduled run minus its fire time",
      [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    ),
    deliveryFailures: new Counter(
      "scheduled_task_delivery_failures_total",
      "Failed deliveries to robots, by channel type and errcode",
    ),
    queue: new Gauge("scheduled_task_runner_runs", "Runs in this instance's runner, by state", () => {
      const { active, queued } = localRunner().load;
      return [
        [{ state: "active" }, active],
        [{ state: "queued" }, queued],
      ];
    }),
  };
}

const g = globalThis as unknown as { __metrics?: ReturnType<typeof create> };
export const metrics = (g.__metrics ??= create());

/** Renders from the process-wide set: Next bundles each route separately, so a module-level list would differ per bundle. */
export function renderMetrics(): string {
  return (
    Object.values(metrics)
      .map((m) => m.render())
      .join("\n\n") + "\n"
  );
}
