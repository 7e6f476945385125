import { env } from "../env";
import { logger } from "../logger";

let started: Promise<void> | undefined;

/** Starts the background work env.SCHEDULER asks for, once per process. */
export function startBackgroundWork(): Promise<void> {
  started ??= (async () => {
    logger.info({ scheduler: env.SCHEDULER }, "scheduler mode");
  })();
  return started;
}
