// Exponential backoff for retryable robot answers.

export type RetryOptions = {
  /** Total attempts per message, first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export function backoffDelay(attempt: number, opts: Required<RetryOptions>): number {
  const exp = opts.baseDelayMs * 2 ** (attempt - 1);
  // Up to 20% jitter so robots shared by many tasks are not retried in lockstep.
  return Math.min(opts.maxDelayMs, exp + Math.random() * exp * 0.2);
}

/** Runs `attempt` until it succeeds, fails permanently or attempts run out. */
export async function withRetry<T extends { ok: boolean; retryable: boolean }>(
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<{ answer: T; attempts: number }> {
  const opts = { ...DEFAULT_RETRY, ...options };
  for (let n = 1; ; n++) {
    const answer = await attempt();
    if (answer.ok || !answer.retryable || n >= opts.maxAttempts) return { answer, attempts: n };
    await new Promise((r) => setTimeout(r, backoffDelay(n, opts)));
  }
}
