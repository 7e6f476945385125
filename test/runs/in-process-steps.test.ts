import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { inProcessSteps, ShutdownError } from "@/server/runs/step";

describe("inProcessSteps", () => {
  it("sleeps for the given seconds", async () => {
    const started = Date.now();
    await inProcessSteps().sleep("wait", 0.3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("an abort (shutdown) cuts a sleep short with ShutdownError, so the flow stops instead of retrying at once", async () => {
    const abort = new AbortController();
    const started = Date.now();
    const sleeping = inProcessSteps(abort.signal).sleep("wait", 60);
    setTimeout(() => abort.abort(), 50);
    await expect(sleeping).rejects.toBeInstanceOf(ShutdownError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a sleep that begins after the abort does not wait either (a flow reaching its retry wait during shutdown)", async () => {
    const abort = new AbortController();
    abort.abort();
    const started = Date.now();
    await expect(inProcessSteps(abort.signal).sleep("wait", 60)).rejects.toBeInstanceOf(ShutdownError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a finished sleep leaves no listener on the runner's long-lived signal", async () => {
    // The LocalRunner's signal lives as long as the process: one listener per retry wait would pile up.
    const abort = new AbortController();
    const steps = inProcessSteps(abort.signal);
    for (let i = 0; i < 20; i++) await steps.sleep(`wait-${i}`, 0.001);
    abort.abort();
    await steps.sleep("after", 0.001).catch(() => {});
    expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);
  });

  it("run() runs the step now and returns its value", async () => {
    expect(await inProcessSteps().run("x", async () => 42)).toBe(42);
  });
});
