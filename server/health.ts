import { db } from "./db";
import { env } from "./env";

export type Health = {
  status: "ok" | "degraded";
  db: "ok" | "down";
  scheduler: "embedded" | "inngest" | "off";
};

/** Liveness of the parts an operator cares about; never throws. */
export async function checkHealth(timeoutMs = 2000): Promise<Health> {
  const ping = db.$queryRawUnsafe("SELECT 1");
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("timeout")), timeoutMs).unref(),
  );
  const dbOk = await Promise.race([ping, timeout]).then(
    () => true,
    () => false,
  );
  return { status: dbOk ? "ok" : "degraded", db: dbOk ? "ok" : "down", scheduler: env.SCHEDULER };
}
