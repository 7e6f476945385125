// Defence in depth for db_query: the READ ONLY session and transaction refuse table writes; this
// check also refuses what they do not cover (DDL commits implicitly, INTO OUTFILE writes files,
// locking reads, sequences, server-side file reads) and anything that is not one statement.

const FIRST_WORDS = new Set(["SELECT", "WITH", "SHOW", "DESC", "DESCRIBE", "EXPLAIN", "VALUES", "TABLE"]);

const FORBIDDEN_WORDS = [
  "INSERT",
  "UPDATE",
  "DELETE",
  "REPLACE",
  "MERGE",
  "UPSERT",
  "DROP",
  "CREATE",
  "ALTER",
  "TRUNCATE",
  "RENAME",
  "GRANT",
  "REVOKE",
  "LOAD",
  "HANDLER",
  "CALL",
  "LOCK",
  "UNLOCK",
  "INTO",
  "OUTFILE",
  "DUMPFILE",
  "PREPARE",
  "EXECUTE",
  "DEALLOCATE",
  "FLUSH",
  "KILL",
  "SHUTDOWN",
  "INSTALL",
  "UNINSTALL",
  "PURGE",
  "RESET",
  "OPTIMIZE",
  "REPAIR",
  "ANALYZE",
  "CHECKSUM",
  "LOAD_FILE",
  "GET_LOCK",
  "RELEASE_LOCK",
  "RELEASE_ALL_LOCKS",
  "NEXTVAL",
  "SETVAL",
  "LASTVAL",
];
const FORBIDDEN_RE = new RegExp(`\\b(${FORBIDDEN_WORDS.join("|")})\\b`, "i");

/** Replaces string literals, quoted identifiers and comments by placeholders; null when unterminated. */
function stripLiterals(sql: string): { code: string } | { error: string } {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === "\\" && c !== "`") {
          j++;
          continue;
        }
        if (sql[j] === c) {
          if (sql[j + 1] === c) {
            j++;
            continue;
          }
          break;
        }
      }
      if (j >= sql.length) return { error: "SQL 中有未闭合的引号" };
      out += c === "`" ? " _ident_ " : " '' ";
      i = j + 1;
    } else if (c === "/" && next === "*") {
      // MySQL executes /*! ... */ and MariaDB /*M! ... */: those are code, not comments.
      if (sql[i + 2] === "!" || (sql[i + 2] === "M" && sql[i + 3] === "!"))
        return { error: "不允许使用可执行注释 /*! ... */" };
      const end = sql.indexOf("*/", i + 2);
      if (end < 0) return { error: "SQL 中有未闭合的注释" };
      out += " ";
      i = end + 2;
    } else if (c === "#" || (c === "-" && next === "-" && /\s/.test(sql[i + 2] ?? " "))) {
      const end = sql.indexOf("\n", i);
      out += " ";
      i = end < 0 ? sql.length : end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return { code: out };
}

/** Returns null when the statement may run, else a message (Chinese) saying why not. */
export function checkReadOnlySql(sql: string): string | null {
  const stripped = stripLiterals(sql);
  if ("error" in stripped) return stripped.error;
  const code = stripped.code.trim().replace(/;\s*$/, "");
  if (code.length === 0) return "SQL 为空";
  if (code.includes(";")) return "只允许执行单条 SQL 语句";
  const first = /^\(*\s*([A-Za-z]+)/.exec(code)?.[1]?.toUpperCase();
  if (!first || !FIRST_WORDS.has(first))
    return "db_query 只允许只读查询（SELECT / SHOW / DESCRIBE / EXPLAIN）";
  const bad = FORBIDDEN_RE.exec(code);
  if (bad) return `db_query 只允许只读查询，不允许 ${bad[1]!.toUpperCase()}`;
  if (/\bFOR\s+SHARE\b/i.test(code)) return "db_query 不允许加锁读取（FOR SHARE）";
  return null;
}
