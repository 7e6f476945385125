import mysql from "mysql2/promise";
import { databaseName } from "../db/connection";
import { env } from "../env";

/** Key purpose the stored DSN of a data source is encrypted with (server/crypto/secret-box). */
export const DSN_PURPOSE = "data-sources";

// A data source must be able to read, and nothing more: its user's grants (SHOW GRANTS for
// CURRENT_USER) may hold only SELECT / SHOW VIEW / USAGE, never WITH GRANT OPTION, never a role,
// and never on *.* or on a database it must not read (the platform's own, mysql, sys,
// performance_schema). Checked when a source is saved, at start, and again (cached) when used.

const READ_PRIVILEGES = new Set(["SELECT", "SHOW VIEW", "USAGE"]);
const SYSTEM_DATABASES = ["mysql", "performance_schema", "sys"];

export type PrivilegeVerdict = { ok: true; user: string; message: string } | { ok: false; message: string };

function unquote(name: string): string {
  const t = name.trim();
  if (t.startsWith("`") && t.endsWith("`")) return t.slice(1, -1).replace(/``/g, "`");
  if ((t.startsWith("'") || t.startsWith('"')) && t.length > 1) return t.slice(1, -1);
  return t;
}

/** MySQL's database-name patterns in GRANT: `%` and `_` are wildcards, `\_` / `\%` literal. */
function patternMatches(pattern: string, name: string): boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (c === "%") re += ".*";
    else if (c === "_") re += ".";
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(re + "$", "i").test(name);
}

/** The databases a source must never read. */
export function protectedDatabases(): string[] {
  const platform = databaseName(env.DATABASE_URL);
  return [...(platform ? [platform] : []), ...SYSTEM_DATABASES];
}

/** Splits "SELECT, SELECT (a, b), SHOW VIEW" at top-level commas, dropping column lists. */
function privilegeList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of text) {
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else if (depth === 0) cur += c;
  }
  out.push(cur);
  return out.map((p) => p.trim().replace(/\s+/g, " ").toUpperCase()).filter(Boolean);
}

/** Problems (Chinese) with a list of SHOW GRANTS lines; empty when the user may only read allowed data. */
export function grantProblems(lines: string[], protectedDbs: string[] = protectedDatabases()): string[] {
  const problems: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const m = /^GRANT\s+([\s\S]+?)\s+ON\s+([\s\S]+?)\s+TO\s+([\s\S]+)$/i.exec(line);
    if (!m) {
      const shown = line.replace(/\s+IDENTIFIED\s+(BY|VIA|WITH)\s[\s\S]*$/i, "");
      if (/^GRANT\s/i.test(line)) problems.push(`被授予了角色或代理权限（${shown}）`);
      else problems.push(`无法识别的授权（${shown}）`);
      continue;
    }
    const [, privText, targetText, rest] = m as unknown as [string, string, string, string];
    // Shown in the console and /api/health: never the `TO … IDENTIFIED BY PASSWORD '<hash>'` part.
    const shown = `GRANT ${privText} ON ${targetText}`;
    const reasons: string[] = [];
    if (/WITH\s+(?:[\s\S]*\s)?GRANT\s+OPTION/i.test(rest)) reasons.push("带有 GRANT OPTION");
    const privileges = privilegeList(privText);
    const extra = privileges.filter((p) => !READ_PRIVILEGES.has(p));
    if (extra.length > 0) reasons.push(`有 SELECT 以外的权限 ${extra.join(", ")}`);
    if (privileges.some((p) => p !== "USAGE")) {
      const target =
        /^(?:(?:FUNCTION|PROCEDURE|PACKAGE(?:\s+BODY)?)\s+)?(`(?:[^`]|``)*`|'[^']*'|\*|[^.\s]+)\s*\.\s*(.+)$/i.exec(
          targetText.trim(),
        );
      if (!target) reasons.push("无法识别的授权对象");
      else {
        const db = unquote(target[1]!);
        if (db === "*") reasons.push("可以读取所有数据库（*.*），包括平台自身的数据库");
        else {
          const hit = protectedDbs.find((p) => patternMatches(db, p));
          if (hit) reasons.push(`可以读取不允许的数据库 ${hit}`);
        }
      }
    }
    if (reasons.length > 0) problems.push(`${reasons.join("、")}（${shown}）`);
  }
  return problems;
}

/** The host part of a DSN, for messages (never the password). */
export function describeDsn(dsn: string): string {
  try {
    const u = new URL(dsn);
    const db = decodeURIComponent(u.pathname.replace(/^\//, ""));
    return `${decodeURIComponent(u.username)}@${u.host}${db ? `/${db}` : ""}`;
  } catch {
    return "(无效的连接串)";
  }
}

export function connectionOptions(dsn: string): mysql.ConnectionOptions {
  const u = new URL(dsn);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    multipleStatements: false,
    connectTimeout: 5000,
  };
}

/** Connects as the source's user and judges its grants. Never throws. */
export async function checkSourcePrivileges(dsn: string): Promise<PrivilegeVerdict> {
  let conn: mysql.Connection | undefined;
  try {
    conn = await mysql.createConnection(connectionOptions(dsn));
    const [[who]] = (await conn.query("SELECT CURRENT_USER() AS u")) as unknown as [{ u: string }[]];
    const [rows] = await conn.query("SHOW GRANTS");
    const lines = (rows as Record<string, string>[]).map((r) => String(Object.values(r)[0] ?? ""));
    const problems = grantProblems(lines);
    if (problems.length > 0)
      return {
        ok: false,
        message: `数据源用户 ${who?.u ?? "?"} 的权限超出只读范围，已拒绝使用：${problems.join("；")}。请改用只有 SELECT 权限的专用用户（见 README / SECURITY.md）。`,
      };
    return { ok: true, user: who?.u ?? "?", message: `权限检查通过：${who?.u ?? "?"} 只有只读权限` };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return {
      ok: false,
      message: `无法连接数据源 ${describeDsn(dsn)}：${e.code ?? e.message ?? String(err)}`,
    };
  } finally {
    await conn?.end().catch(() => undefined);
  }
}
