/**
 * The small step interface the run flow is written against. Inngest's `step` satisfies it
 * (through inngest/functions/run-task.ts); the embedded dispatcher implements it in-process.
 * A step's result must be JSON: Inngest memoizes it between invocations.
 */
export type Steps = {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, seconds: number): Promise<void>;
};

/** In-process steps: run now, sleep with a timer that an abort (shutdown) cuts short. */
export function inProcessSteps(signal?: AbortSignal): Steps {
  return {
    run: (_id, fn) => fn(),
    sleep: (_id, seconds) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const wake = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        // The listener goes when the sleep ends: the runner's signal lives as long as the process.
        const timer = setTimeout(wake, seconds * 1000);
        signal?.addEventListener("abort", wake, { once: true });
      }),
  };
}
