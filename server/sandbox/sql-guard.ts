import parserPkg from "node-sql-parser/build/mariadb.js";

// The second wall for db_query (the first is the data source's SELECT-only privileges, the READ
// ONLY session and transaction): an allowlist over the parsed statement. Three layers, each of
// which can only refuse:
//   1. Our own lexer, written to split the text exactly as MariaDB does under the sql_mode that
//      db_query sets (no ANSI_QUOTES, backslash escapes on). It removes comments — refusing
//      executable ones (/*! */, /*M! */, /*+ */) and `--` not followed by an ASCII blank — and
//      refuses any character outside literals that is not ASCII or a Unicode letter/digit (so no
//      U+00A0 or other Unicode whitespace where the server and a parser could disagree).
//   2. Token checks on that lexing: INTO, FOR UPDATE/SHARE, LOCK IN SHARE MODE, sequences and
//      every forbidden function called by name, quoted (`sleep`) or not, any case, any spacing.
//   3. node-sql-parser (MariaDB grammar) on the comment-free text: exactly one statement of an
//      allowed type; a walk over the whole tree (CTEs, subqueries, UNION arms) for INTO, locking
//      reads, forbidden functions and nested non-SELECT statements. What it cannot parse is refused.
// The text that runs is the comment-free text the checks saw, with `?` placeholders replaced by
// escaped literals at token positions (never inside a literal).

// The package is CommonJS; its ESM shim exposes the class on the default export.
const { Parser } = parserPkg as unknown as { Parser: new () => SqlParser };
type SqlParser = { astify(sql: string, opt: { database: string }): unknown };
let parser: SqlParser | undefined;

/** Functions that read or write files, take locks, wait, burn CPU or touch sequences. */
export const FORBIDDEN_FUNCTIONS = new Set([
  "load_file",
  "get_lock",
  "release_lock",
  "release_all_locks",
  "is_free_lock",
  "is_used_lock",
  "sleep",
  "benchmark",
  "master_pos_wait",
  "master_gtid_wait",
  "source_pos_wait",
  "wait_for_executed_gtid_set",
  "wait_until_sql_thread_after_gtids",
  "nextval",
  "setval",
  "lastval",
  "sys_exec",
  "sys_eval",
  "sys_get",
  "sys_set",
]);

const ALLOWED_STATEMENTS = new Set(["select", "show", "desc", "explain"]);
const STATEMENT_TYPES = new Set([
  "insert",
  "update",
  "delete",
  "replace",
  "create",
  "drop",
  "alter",
  "truncate",
  "rename",
  "set",
  "lock",
  "unlock",
  "call",
  "grant",
  "revoke",
  "load_data",
  "transaction",
  "use",
  "declare",
  "exec",
]);

type Token =
  | { kind: "word"; text: string; upper: string }
  | { kind: "quoted_ident"; text: string }
  | { kind: "string" }
  | { kind: "punct"; text: string; start: number };

export type SqlCheck = { ok: true; sql: string; placeholders: number[] } | { ok: false; reason: string };

const refuse = (reason: string): SqlCheck => ({ ok: false, reason });

function describeChar(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Lexes like MariaDB; returns the comment-free text, its tokens and `?` offsets in that text. */
function lex(sql: string): { text: string; tokens: Token[]; placeholders: number[] } | { error: string } {
  let out = "";
  const tokens: Token[] = [];
  const placeholders: number[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      let j = i + 1;
      for (; j < n; j++) {
        if (sql[j] === "\\") {
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
      if (j >= n) return { error: "SQL 中有未闭合的引号" };
      out += sql.slice(i, j + 1);
      tokens.push({ kind: "string" });
      i = j + 1;
    } else if (c === "`") {
      let j = i + 1;
      let name = "";
      for (; j < n; j++) {
        if (sql[j] === "`") {
          if (sql[j + 1] === "`") {
            name += "`";
            j++;
            continue;
          }
          break;
        }
        name += sql[j];
      }
      if (j >= n) return { error: "SQL 中有未闭合的反引号" };
      out += sql.slice(i, j + 1);
      tokens.push({ kind: "quoted_ident", text: name });
      i = j + 1;
    } else if (c === "/" && next === "*") {
      const third = sql[i + 2];
      if (third === "!" || third === "+" || (third === "M" && sql[i + 3] === "!"))
        return { error: "不允许使用可执行注释或优化器提示（/*! ... */、/*M! ... */、/*+ ... */）" };
      const end = sql.indexOf("*/", i + 2);
      if (end < 0) return { error: "SQL 中有未闭合的注释" };
      out += " ";
      i = end + 2;
    } else if (c === "#") {
      const end = sql.indexOf("\n", i);
      out += " ";
      i = end < 0 ? n : end;
    } else if (c === "-" && next === "-") {
      const after = sql[i + 2];
      // MariaDB starts a comment only when "--" is followed by a blank; anything else is refused
      // rather than guessed (U+00A0 after "--" is not a comment to the server).
      if (after !== undefined && after !== " " && after !== "\t" && after !== "\n" && after !== "\r")
        return { error: "“--” 注释后必须跟 ASCII 空格或换行；若是两个减号请写成 - -" };
      const end = sql.indexOf("\n", i);
      out += " ";
      i = end < 0 ? n : end;
    } else if (/[A-Za-z0-9_$]/.test(c) || (c > "\x7f" && /[\p{L}\p{N}\p{M}]/u.test(c))) {
      let j = i;
      while (
        j < n &&
        (/[A-Za-z0-9_$]/.test(sql[j]!) || (sql[j]! > "\x7f" && /[\p{L}\p{N}\p{M}]/u.test(sql[j]!)))
      )
        j++;
      const word = sql.slice(i, j);
      out += word;
      tokens.push({ kind: "word", text: word, upper: word.toUpperCase() });
      i = j;
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      out += c;
      i++;
    } else if (c >= "!" && c <= "~") {
      if (c === "?") placeholders.push(out.length);
      tokens.push({ kind: "punct", text: c, start: out.length });
      out += c;
      i++;
    } else {
      const cp = sql.codePointAt(i)!;
      return {
        error: `SQL 中有不允许的字符 ${describeChar(String.fromCodePoint(cp))}（字符串和反引号之外只允许 ASCII 与文字）`,
      };
    }
  }
  return { text: out, tokens, placeholders };
}

function tokenChecks(tokens: Token[]): string | null {
  const upperAt = (k: number) => {
    const t = tokens[k];
    return t?.kind === "word" ? t.upper : undefined;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === "punct" && t.text === ";") {
      const rest = tokens.slice(k + 1);
      if (rest.length > 0) return "只允许执行单条 SQL 语句";
    }
    if (t.kind !== "word" && t.kind !== "quoted_ident") continue;
    const name = t.kind === "word" ? t.upper : t.text.toUpperCase();
    const nextTok = tokens[k + 1];
    if (nextTok?.kind === "punct" && nextTok.text === "(" && FORBIDDEN_FUNCTIONS.has(name.toLowerCase()))
      return `db_query 不允许调用 ${name} 函数`;
    if (t.kind !== "word") continue;
    if (name === "INTO" || name === "OUTFILE" || name === "DUMPFILE")
      return "db_query 只允许只读查询，不允许 INTO（写文件或变量）";
    if (name === "FOR" && (upperAt(k + 1) === "UPDATE" || upperAt(k + 1) === "SHARE"))
      return "db_query 不允许加锁读取（FOR UPDATE / FOR SHARE）";
    if (name === "LOCK" && upperAt(k + 1) === "IN") return "db_query 不允许加锁读取（LOCK IN SHARE MODE）";
    if ((name === "NEXT" || name === "PREVIOUS") && upperAt(k + 1) === "VALUE")
      return "db_query 不允许读取或推进序列";
  }
  return null;
}

function functionNames(node: Record<string, unknown>): string[] {
  const names: string[] = [];
  const name = node.name;
  if (typeof name === "string") names.push(name);
  else if (name && typeof name === "object") {
    const parts = (name as { name?: unknown }).name;
    if (Array.isArray(parts)) {
      for (const p of parts) {
        if (p && typeof p === "object" && typeof (p as { value?: unknown }).value === "string")
          names.push((p as { value: string }).value);
      }
    }
  }
  return names;
}

/** Walks the whole tree; returns why it is refused, or null. */
function walk(node: unknown, depth = 0): string | null {
  if (depth > 200) return "SQL 嵌套过深";
  if (Array.isArray(node)) {
    for (const item of node) {
      const r = walk(item, depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (!node || typeof node !== "object") return null;
  const obj = node as Record<string, unknown>;
  const type = typeof obj.type === "string" ? obj.type.toLowerCase() : undefined;
  if (type && STATEMENT_TYPES.has(type)) return `db_query 只允许只读查询，不允许 ${type.toUpperCase()}`;
  if (type === "function" || type === "aggr_func") {
    for (const fn of functionNames(obj)) {
      if (FORBIDDEN_FUNCTIONS.has(fn.toLowerCase())) return `db_query 不允许调用 ${fn.toUpperCase()} 函数`;
    }
  }
  const into = obj.into as { position?: unknown; keyword?: unknown } | null | undefined;
  if (into && typeof into === "object" && (into.position != null || into.keyword != null))
    return "db_query 只允许只读查询，不允许 INTO（写文件或变量）";
  if (obj.locking_read) return "db_query 不允许加锁读取（FOR UPDATE / LOCK IN SHARE MODE）";
  for (const value of Object.values(obj)) {
    const r = walk(value, depth + 1);
    if (r) return r;
  }
  return null;
}

/**
 * Checks one db_query statement. On success returns the text to run (comments removed, which is
 * exactly what was checked) and where its `?` placeholders are.
 */
export function checkSql(sql: string): SqlCheck {
  if (sql.length > 100_000) return refuse("SQL 过长（最多 100000 个字符）");
  const lexed = lex(sql);
  if ("error" in lexed) return refuse(lexed.error);
  const lead = lexed.text.length - lexed.text.trimStart().length;
  const text = lexed.text.trim().replace(/;\s*$/, "").trimEnd();
  if (text.length === 0) return refuse("SQL 为空");
  const byToken = tokenChecks(lexed.tokens);
  if (byToken) return refuse(byToken);

  parser ??= new Parser();
  let ast: unknown;
  try {
    ast = parser.astify(text, { database: "MariaDB" });
  } catch {
    return refuse(
      "无法解析这条 SQL，为安全起见拒绝执行（只支持 SELECT / WITH … SELECT / SHOW / DESCRIBE / EXPLAIN）",
    );
  }
  const statements = Array.isArray(ast) ? ast : [ast];
  if (statements.length !== 1) return refuse("只允许执行单条 SQL 语句");
  const root = statements[0] as { type?: unknown; expr?: { type?: unknown } } | null;
  const type = typeof root?.type === "string" ? root.type.toLowerCase() : "";
  if (!ALLOWED_STATEMENTS.has(type))
    return refuse("db_query 只允许只读查询（SELECT / WITH … SELECT / SHOW / DESCRIBE / EXPLAIN）");
  if (type === "explain" && root?.expr?.type !== "select") return refuse("EXPLAIN 只允许用于 SELECT");
  const byTree = walk(root);
  if (byTree) return refuse(byTree);
  return { ok: true, sql: text, placeholders: lexed.placeholders.map((p) => p - lead) };
}

/** Returns null when the statement may run, else a message (Chinese) saying why not. */
export function checkReadOnlySql(sql: string): string | null {
  const r = checkSql(sql);
  return r.ok ? null : r.reason;
}

/** Replaces the checked text's `?` placeholders by escaped literals. */
export function bindPlaceholders(
  check: { sql: string; placeholders: number[] },
  values: readonly unknown[],
  escape: (v: unknown) => string,
): string | { error: string } {
  const { sql, placeholders } = check;
  if (placeholders.length !== values.length)
    return { error: `SQL 中有 ${placeholders.length} 个 ? 占位符，但传入了 ${values.length} 个参数` };
  let out = "";
  let last = 0;
  placeholders.forEach((pos, k) => {
    out += sql.slice(last, pos) + escape(values[k]);
    last = pos + 1;
  });
  return out + sql.slice(last);
}
