/**
 * Splits a migration script into statements on top-level semicolons. Quotes (', ", `) and
 * comments (--, #, /* *\/) are skipped so a ';' inside them never splits; comment-only pieces
 * are dropped. Migrations are plain DDL/DML: DELIMITER blocks are not supported.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = "";
  let hasCode = false;
  let i = 0;

  const flush = () => {
    if (hasCode) statements.push(current.trim());
    current = "";
    hasCode = false;
  };

  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];

    if (ch === "-" && next === "-" && (i + 2 >= sql.length || /\s/.test(sql[i + 2]!))) {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "#") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1) throw new Error("unterminated /* comment in migration");
      current += sql.slice(i, end + 2);
      i = end + 2;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new Error(`unterminated ${ch} quote in migration`);
        const c = sql[j]!;
        if (c === "\\" && ch !== "`") {
          j += 2;
          continue;
        }
        if (c === ch) {
          if (sql[j + 1] === ch) {
            j += 2; // doubled quote = escaped quote
            continue;
          }
          break;
        }
        j++;
      }
      current += sql.slice(i, j + 1);
      hasCode = true;
      i = j + 1;
      continue;
    }
    if (ch === ";") {
      flush();
      i++;
      continue;
    }
    current += ch;
    if (!/\s/.test(ch)) hasCode = true;
    i++;
  }
  flush();
  return statements;
}
