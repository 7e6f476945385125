import { createHash, randomBytes } from "node:crypto";
import { openConnection, quoteIdent, withDatabase, databaseName } from "../db/connection";
import { db } from "../db";
import { platformScope } from "../auth/scope";
import { logger } from "../logger";
import { createDataSource, grantDataSource } from "./data-sources";

// npm start on a fresh machine: a small demo business database (daily sales per region for the
// last 30 and next 30 days), a SELECT-only user for it, registered as the data source
// "demo_business" and granted to the demo tenant as its default. Needs a DATABASE_URL user that
// may CREATE DATABASE / CREATE USER / GRANT; otherwise it says so and skips. Idempotent.

export const DEMO_SOURCE_NAME = "demo_business";

/** demo_business next to the default platform database, else a name derived from the platform's. */
export function demoNames(platformDb: string): { database: string; user: string } {
  if (platformDb === "scheduled_tasks") return { database: "demo_business", user: "demo_reader" };
  const h = createHash("sha256").update(platformDb).digest("hex").slice(0, 10);
  return { database: `demo_business_${h}`, user: `demo_reader_${h}` };
}

const REGIONS: [string, number][] = [
  ["华东", 1.3],
  ["华南", 1.1],
  ["华北", 1.0],
  ["西南", 0.7],
  ["东北", 0.5],
];

/** Deterministic pseudo-random in [0, 1) from a string. */
function unit(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

function shanghaiDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(d);
}

export async function seedDemoBusiness(opts: {
  databaseUrl: string;
  tenantId: string;
}): Promise<{ created: boolean; skipped?: string }> {
  const names = demoNames(databaseName(opts.databaseUrl));
  let conn;
  try {
    conn = await openConnection(opts.databaseUrl, { database: false });
  } catch (err) {
    return { created: false, skipped: `cannot connect: ${(err as Error).message}` };
  }
  try {
    const dbq = quoteIdent(names.database);
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${dbq} DEFAULT CHARACTER SET utf8mb4`);
    await conn.query(
      `CREATE TABLE IF NOT EXISTS ${dbq}.daily_sales (
        sale_date DATE NOT NULL,
        region VARCHAR(20) NOT NULL,
        orders INT NOT NULL,
        revenue DECIMAL(12,2) NOT NULL,
        PRIMARY KEY (sale_date, region)
      ) DEFAULT CHARACTER SET utf8mb4`,
    );
    const rows: (string | number)[][] = [];
    for (let day = -30; day <= 30; day++) {
      const date = shanghaiDate(day);
      for (const [region, weight] of REGIONS) {
        const orders = Math.round((40 + unit(`${date}|${region}|o`) * 40) * weight);
        const revenue = Math.round(orders * (800 + unit(`${date}|${region}|r`) * 700) * 100) / 100;
        rows.push([date, region, orders, revenue]);
      }
    }
    await conn.query(`INSERT IGNORE INTO ${dbq}.daily_sales (sale_date, region, orders, revenue) VALUES ?`, [
      rows,
    ]);

    if (await db.dataSource.findUnique({ where: { name: DEMO_SOURCE_NAME } })) return { created: false };

    const password = randomBytes(18).toString("base64url");
    await conn.query(`CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?`, [names.user, password]);
    await conn.query(`ALTER USER ?@'%' IDENTIFIED BY ?`, [names.user, password]);
    // `\_` so the grant names exactly this database (an unescaped _ is a wildcard in GRANT).
    await conn.query(`GRANT SELECT ON ${quoteIdent(names.database.replace(/_/g, "\\_"))}.* TO ?@'%'`, [
      names.user,
    ]);
    const dsnUrl = new URL(withDatabase(opts.databaseUrl, names.database));
    dsnUrl.username = names.user;
    dsnUrl.password = password;
    const scope = platformScope({ type: "system", id: "seed" });
    const source = await createDataSource({
      scope,
      input: {
        name: DEMO_SOURCE_NAME,
        description: "演示业务库（每日销售），只读用户，由 npm start 创建",
        dsn: dsnUrl.toString(),
        max_connections: 4,
      },
    });
    await grantDataSource({
      scope,
      input: { data_source_id: source.id, tenant_id: opts.tenantId, is_default: true },
    });
    return { created: true };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.warn({ err }, "demo business data source skipped");
    return { created: false, skipped: message };
  } finally {
    await conn.end().catch(() => undefined);
  }
}
