import { RobotRateLimiter } from "@/server/notify/rate-limiter";
import type { SendOptions } from "@/server/notify/send";

/** A fresh limiter per call and short backoff, so tests neither wait nor share windows. */
export function fastOptions(extra: Partial<SendOptions> = {}): SendOptions {
  return {
    limiter: new RobotRateLimiter(),
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    timeoutMs: 2_000,
    ...extra,
  };
}

// Assertions walk deep into JSON payloads; a typed view would add nothing but casts.
export type LooseJson = Record<string, any>;

export const bodies = (records: { body: unknown }[]) => records.map((r) => r.body as LooseJson);
