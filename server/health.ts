import { dataSourceHealth, type DataSourceHealth } from "./services/data-source-status";
import { db } from "./db";
import { env } from "./env";

export type Health = {
  status: "ok" | "degraded";
  db: "ok" | "down";
  scheduler: "embedded" | "inngest" | "off";
  /** db_query's data sources: a refused one is listed with the reason (never its DSN). */
  data_sources?: DataSourceHealth;
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
  const dataSources = dbOk
    ? await Promise.race([dataSourceHealth(), timeout]).catch(() => undefined)
    : undefined;
  return {
    status: dbOk ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    scheduler: env.SCHEDULER,
    ...(dataSources ? { data_sources: dataSources } : {}),
  };
}
