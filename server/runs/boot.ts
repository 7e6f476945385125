import { env } from "../env";
import { logger } from "../logger";
import { localRunner } from "./local-runner";

let started: Promise<void> | undefined;

/** Graceful shutdown: stop claiming, let running runs finish (up to the grace), then exit. */
function onShutdown(stop: () => Promise<void>): void {
  let once = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (once) return;
      once = true;
      logger.info({ signal }, "shutting down: waiting for running runs");
      void stop().finally(() => process.exit(0));
    });
  }
}

/** Starts the background work env.SCHEDULER asks for, once per process. */
export function startBackgroundWork(): Promise<void> {
  started ??= (async () => {
    logger.info({ scheduler: env.SCHEDULER }, "scheduler mode");
    // db_query's sources are checked again at start (SHOW GRANTS); refusals go to the log and /api/health.
    void import("../services/data-source-status").then((m) => m.checkDataSourcesAtStart());
    // Python: the Pyodide memory snapshot (made once, then read from .cache/pyodide) and the pool.
    void import("../sandbox/python/pool").then((m) => m.prewarmPython(env.PYTHON_POOL_SIZE));
    // JavaScript: isolates with the SDK installed, prepared in idle time (each serves one run).
    void import("../sandbox/js-pool").then((m) => m.prewarmJs(env.JS_POOL_SIZE));
    if (env.SCHEDULER === "embedded") {
      const { startEmbeddedDispatcher } = await import("./embedded-dispatcher");
      const dispatcher = await startEmbeddedDispatcher();
      onShutdown(() => dispatcher.stop(30_000));
    } else {
      // Inngest runs execute in this process too: prewarm for the fires its scheduler will send.
      if (env.SCHEDULER === "inngest") void import("./prewarm-ahead").then((m) => m.startPrewarmAhead());
      // Manual runs may still execute here (SCHEDULER=off); let them finish on shutdown.
      onShutdown(() => localRunner().stop(30_000));
    }
  })();
  return started;
}
