import { db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { recheckAllDataSources } from "./data-sources";
import { ENV_SOURCE_NAME } from "../data-sources/resolve";
import { verdictFor } from "../data-sources/verdicts";

// The privilege check at start, and what /api/health says about data sources.

export type DataSourceHealth = {
  /** ok: every enabled source passed; refused: at least one did not; none: nothing configured. */
  status: "ok" | "refused" | "none";
  problems: { name: string; message: string }[];
};

/** At start: checks DB_QUERY_URL and every enabled source again, logging each refusal. Never throws. */
export async function checkDataSourcesAtStart(): Promise<void> {
  try {
    if (env.DB_QUERY_URL) {
      const v = await verdictFor("env", env.DB_QUERY_URL);
      if (!v.ok) logger.error({ source: ENV_SOURCE_NAME, reason: v.message }, "data source refused");
    }
    for (const r of await recheckAllDataSources()) {
      if (!r.ok) logger.error({ source: r.name }, "data source refused (see the console's 数据源 page)");
    }
  } catch (err) {
    logger.warn({ err }, "data source check at start failed");
  }
}

export async function dataSourceHealth(): Promise<DataSourceHealth> {
  const problems: DataSourceHealth["problems"] = [];
  let configured = 0;
  if (env.DB_QUERY_URL) {
    configured++;
    const v = await verdictFor("env", env.DB_QUERY_URL);
    if (!v.ok) problems.push({ name: ENV_SOURCE_NAME, message: v.message });
  }
  const rows = await db.dataSource.findMany({
    where: { isEnabled: true },
    select: { name: true, checkOk: true, checkMessage: true },
  });
  configured += rows.length;
  for (const r of rows) {
    if (!r.checkOk) problems.push({ name: r.name, message: r.checkMessage ?? "尚未检查" });
  }
  return { status: configured === 0 ? "none" : problems.length ? "refused" : "ok", problems };
}
