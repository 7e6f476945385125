import { db } from "../db";
import { logger } from "../logger";
import { runnerId } from "./runner-identity";

/**
 * Runs in this process say they are alive every few seconds; a crashed process stops saying it,
 * and sweepInterrupted (any instance) then marks its runs failed ("interrupted").
 */
export const HEARTBEAT_INTERVAL_MS = 5_000;

const inFlight = new Set<bigint>();
let timer: NodeJS.Timeout | undefined;

async function beat(): Promise<void> {
  if (inFlight.size === 0) return;
  await db.taskLog
    .updateMany({
      where: { id: { in: [...inFlight] }, status: "running" },
      data: { heartbeatAt: new Date(), runnerId: runnerId() },
    })
    .catch((err: unknown) => logger.warn({ err }, "heartbeat failed (database unreachable?)"));
}

/** Starts keeping a row's lease fresh: a run this process holds, queued or running. */
export function holdLease(logId: bigint): void {
  inFlight.add(logId);
  timer ??= setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  timer.unref();
}

/** Stops renewing a row's lease (the run finished, or this process gave it up). */
export function releaseLease(logId: bigint): void {
  inFlight.delete(logId);
  if (inFlight.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

/** Keeps a log row's heartbeat fresh while `work` runs in this process. */
export async function withHeartbeat<T>(logId: bigint, work: () => Promise<T>): Promise<T> {
  holdLease(logId);
  try {
    return await work();
  } finally {
    releaseLease(logId);
  }
}
