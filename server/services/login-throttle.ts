import { db } from "../db";
import { logger } from "../logger";
import { platformScope } from "../auth/scope";
import { recordAudit } from "./audit";

// Login throttling, per account and per client address, shared by every server process (rows in
// platform_login_throttle). Each attempt is counted BEFORE the password is checked, under a row
// lock, so a burst of parallel guesses cannot slip past the count; a successful sign-in takes its
// own attempt back. Past the free attempts every failure locks the key for a growing delay
// (1 s, 2 s, 4 s ... up to 15 min); while locked, every attempt — right password included — gets
// 429 with Retry-After and the password is not even checked. Keys are the submitted email whether
// or not the account exists, so throttling reveals nothing about which accounts exist.

export const LOGIN_THROTTLE = {
  account: { free: 5, maxDelaySeconds: 15 * 60 },
  address: { free: 20, maxDelaySeconds: 15 * 60 },
  /** Failures older than this (and no lock running) are forgotten. */
  forgetAfterMs: 60 * 60 * 1000,
};

type Kind = "account" | "address";
type Key = { kind: Kind; key: string };

export type LoginAttempt =
  | { allowed: true; keys: Key[]; email: string; address: string }
  | { allowed: false; retryAfterSeconds: number };

export function delaySeconds(kind: Kind, failures: number): number {
  const { free, maxDelaySeconds } = LOGIN_THROTTLE[kind];
  if (failures <= free) return 0;
  return Math.min(maxDelaySeconds, 2 ** Math.min(failures - free - 1, 30));
}

function keysFor(email: string, address: string): Key[] {
  return [
    { kind: "account" as const, key: `a:${email.trim().toLowerCase()}`.slice(0, 191) },
    { kind: "address" as const, key: `i:${address}`.slice(0, 191) },
  ].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order: no deadlocks between attempts
}

type Row = { failures: number; locked_until: Date | null; updated_at: Date };

/** Counts an attempt, or refuses it while the account or the address is locked. */
export async function beginLoginAttempt(email: string, address: string): Promise<LoginAttempt> {
  const keys = keysFor(email, address);
  // The rows exist before the locking transaction (inserting inside it deadlocks parallel tries:
  // both hold the duplicate key's shared lock, both want it exclusive).
  for (const k of keys)
    await db.$executeRaw`INSERT IGNORE INTO platform_login_throttle (throttle_key, failures, updated_at) VALUES (${k.key}, 0, ${new Date()})`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await countAttempt(keys, email, address);
    } catch (err) {
      if (
        attempt >= 5 ||
        !/1213|1205|deadlock|lock wait|unable to start a transaction/i.test(String((err as Error).message))
      )
        throw err;
    }
  }
}

async function countAttempt(keys: Key[], email: string, address: string): Promise<LoginAttempt> {
  return db.$transaction(
    async (tx) => {
      const now = new Date();
      const rows = new Map<string, Row>();
      for (const k of keys) {
        const [row] = await tx.$queryRaw<Row[]>`
        SELECT failures, locked_until, updated_at FROM platform_login_throttle WHERE throttle_key = ${k.key} FOR UPDATE`;
        rows.set(k.key, row!);
      }
      const lockedMs = Math.max(
        0,
        ...[...rows.values()].map((r) => (r.locked_until?.getTime() ?? 0) - now.getTime()),
      );
      if (lockedMs > 0)
        return { allowed: false as const, retryAfterSeconds: Math.max(1, Math.ceil(lockedMs / 1000)) };
      for (const k of keys) {
        const row = rows.get(k.key)!;
        const stale = now.getTime() - row.updated_at.getTime() > LOGIN_THROTTLE.forgetAfterMs;
        const failures = (stale ? 0 : row.failures) + 1;
        const delay = delaySeconds(k.kind, failures);
        await tx.loginThrottle.update({
          where: { key: k.key },
          data: {
            failures,
            updatedAt: now,
            lockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
          },
        });
      }
      return { allowed: true as const, keys, email, address };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** Settles a counted attempt: success forgets the account's failures and takes back the address's. */
export async function finishLoginAttempt(attempt: LoginAttempt, success: boolean): Promise<void> {
  if (!attempt.allowed) return;
  try {
    if (success) {
      for (const k of attempt.keys) {
        if (k.kind === "account") await db.loginThrottle.deleteMany({ where: { key: k.key } });
        else
          await db.$executeRaw`UPDATE platform_login_throttle
            SET locked_until = IF(failures - 1 <= ${LOGIN_THROTTLE.address.free}, NULL, locked_until),
                failures = GREATEST(failures - 1, 0)
            WHERE throttle_key = ${k.key}`;
      }
      return;
    }
    const rows = await db.loginThrottle.findMany({ where: { key: { in: attempt.keys.map((k) => k.key) } } });
    const locked = rows.filter((r) => r.lockedUntil && r.lockedUntil > new Date());
    if (locked.length > 0) {
      await recordAudit(platformScope(), {
        action: "auth.login_throttled",
        entityType: "login",
        entityId: null,
        tenantId: "",
        details: {
          email: attempt.email,
          address: attempt.address,
          locked: locked.map((r) => ({
            key: r.key.startsWith("a:") ? "account" : "address",
            failures: r.failures,
            until: r.lockedUntil!.toISOString(),
          })),
        },
      });
    }
  } catch (err) {
    logger.error({ err }, "login throttle bookkeeping failed");
  }
}
