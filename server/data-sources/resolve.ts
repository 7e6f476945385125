import { db } from "../db";
import { decryptSecret } from "../crypto/secret-box";
import { env } from "../env";
import { DSN_PURPOSE } from "./privileges";
import { verdictFor } from "./verdicts";

// Which data source a db_query call of a run uses. Order, for a task of tenant T (global tasks: ''):
//   {source: 'name'}  → that source, if granted to T (never another tenant's);
//   no option         → T's default grant, else T's only grant, else DB_QUERY_URL (the global
//                       default source), else a clear error. Never DATABASE_URL.
// The source must be enabled and pass its privilege check (stored at save/start, re-run hourly-ish).

export type ResolvedSource = { key: string; name: string; dsn: string; maxConnections: number };

export const ENV_SOURCE_NAME = "DB_QUERY_URL";

export const NO_SOURCE_MESSAGE =
  "当前任务没有可用的数据源。请平台管理员在控制台「数据源」页面登记一个只读（仅 SELECT 权限）的 MySQL/MariaDB 连接并授权给本租户（可设为默认），或设置环境变量 DB_QUERY_URL 作为全局默认数据源。db_query 不会使用平台自身的数据库。";

export async function resolveSource(
  tenantId: string | null,
  name: string | undefined,
): Promise<{ ok: true; source: ResolvedSource } | { ok: false; message: string }> {
  const stored = tenantId ?? "";
  const grants = await db.dataSourceGrant.findMany({
    where: { tenantId: stored, ...(name !== undefined ? { dataSource: { name } } : {}) },
    include: { dataSource: true },
  });
  let pick = grants[0];
  if (name === undefined)
    pick = grants.find((g) => g.isDefault) ?? (grants.length === 1 ? grants[0] : undefined);
  if (pick) {
    const ds = pick.dataSource;
    if (!ds.isEnabled) return { ok: false, message: `数据源 ${ds.name} 已停用` };
    if (!ds.checkOk)
      return { ok: false, message: `数据源 ${ds.name} 未通过权限检查：${ds.checkMessage ?? "尚未检查"}` };
    let dsn: string;
    try {
      dsn = decryptSecret(ds.dsn, DSN_PURPOSE);
    } catch {
      return { ok: false, message: `数据源 ${ds.name} 的连接串无法解密，请平台管理员重新填写` };
    }
    const verdict = await verdictFor(ds.id, dsn);
    if (!verdict.ok) return { ok: false, message: `数据源 ${ds.name}：${verdict.message}` };
    return {
      ok: true,
      source: {
        key: `ds:${ds.id}:${ds.maxConnections}`,
        name: ds.name,
        dsn,
        maxConnections: ds.maxConnections,
      },
    };
  }
  if (name !== undefined && name !== ENV_SOURCE_NAME)
    return { ok: false, message: `数据源 ${name} 不存在或未授权给${stored ? `租户 ${stored}` : "全局任务"}` };
  if (name === undefined && grants.length > 1 && !env.DB_QUERY_URL)
    return {
      ok: false,
      message: "本租户有多个数据源但没有默认数据源：请用 {source: '名称'} 指定，或请平台管理员设置默认",
    };
  if (!env.DB_QUERY_URL) return { ok: false, message: NO_SOURCE_MESSAGE };
  const verdict = await verdictFor("env", env.DB_QUERY_URL);
  if (!verdict.ok)
    return { ok: false, message: `全局默认数据源 DB_QUERY_URL 已被拒绝使用：${verdict.message}` };
  return {
    ok: true,
    source: { key: "env", name: ENV_SOURCE_NAME, dsn: env.DB_QUERY_URL, maxConnections: 4 },
  };
}
