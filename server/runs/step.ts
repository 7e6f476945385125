/**
 * The small step interface the run flow is written against. Inngest's `step` satisfies it
 * (through inngest/functions/run-scheduled-task.ts); the embedded dispatcher implements it in-process.
 * A step's result must be JSON: Inngest memoizes it between invocations.
 */
export type Steps = {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, seconds: number): Promise<void>;
};

/** A sleep cut short by shutdown: the flow ends the run instead of hurrying to its next step. */
export class ShutdownError extends Error {
  constructor() {
    super("服务正在关闭，等待中的重试已中止 (stopped by server shutdown)");
    this.name = "ShutdownError";
  }
}

/** In-process steps: run now, sleep with a timer; an abort (shutdown) ends the sleep with ShutdownError. */
export function inProcessSteps(signal?: AbortSignal): Steps {
  return {
    run: (_id, fn) => fn(),
    sleep: (_id, seconds) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new ShutdownError());
        const done = (error?: Error) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          if (error) reject(error);
          else resolve();
        };
        const onAbort = () => done(new ShutdownError());
        // The listener goes when the sleep ends: the runner's signal lives as long as the process.
        const timer = setTimeout(() => done(), seconds * 1000);
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
}
