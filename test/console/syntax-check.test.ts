import { describe, expect, it } from "vitest";

import { checkSyntax, syntaxMessage } from "@/components/editor/syntax-check";
import { createT } from "@/lib/i18n";

const zh = createT("zh");
const en = createT("en");

// The editor's JavaScript syntax check: a parser (no eval, so it works under the console's CSP),
// reading a script as the sandbox runs it, the body of an async function.
describe("the script editor's syntax check", () => {
  it("accepts what the sandbox runs: top-level await and return, modern syntax", () => {
    for (const code of [
      "",
      "const a = await Promise.resolve(1);\nresult = a;",
      'if (!get_param("go")) return;\nlog("go");',
      "for await (const x of [1]) log(x);",
      "const v = 1n; const o = a?.b ?? {}; class A { #p = 1; static { } }",
      "const r = /a+/gu;\nconst s = `x ${1 + 1}`;",
      "function f() { return new.target; }\nif (new.target) log(1);",
      "const 日报 = 1; log(日报);",
    ])
      expect(checkSyntax(code), code).toBeNull();
  });

  it("never evaluates the script", () => {
    (globalThis as { ran?: boolean }).ran = false;
    expect(checkSyntax("globalThis.ran = true;\nreturn 1;")).toBeNull();
    expect(checkSyntax("globalThis.ran = true;\nconst x = ;")).not.toBeNull();
    expect((globalThis as { ran?: boolean }).ran).toBe(false);
  });

  it("finds the first error's line and column, and why", () => {
    const cases: [string, number, number, string][] = [
      ["log(1);\nconst x = ;\nlog(2);", 2, 11, "unexpectedToken"],
      ['log("a")；\nlog(2);', 1, 9, "fullWidth"],
      ["log(1);\nlog('abc\nlog(2);", 2, 5, "unterminatedString"],
      ["const a = 1;\nconst a = 2;", 2, 7, "redeclared"],
      ["if (ok) {\n  log(1);\n}\n}\nlog(2);", 4, 1, "unexpectedToken"],
      ["function f() {\n  return await x;\n}", 2, 16, "unexpectedToken"],
      ["log(1);\nbreak;", 2, 1, "outsideLoop"],
      ["try {\n  x();\n}", 1, 1, "missingCatch"],
      ['import x from "y";', 1, 1, "moduleSyntax"],
      ["log(1);\n/* open\nlog(2);", 2, 1, "unterminatedComment"],
      ["let s = `a\n\n", 1, 10, "unterminatedTemplate"],
      ["log(1);\nlog(new.target);\nconst y = ;", 3, 11, "unexpectedToken"],
    ];
    for (const [code, line, column, reason] of cases) {
      const problem = checkSyntax(code);
      expect(problem, code).not.toBeNull();
      expect({ line: problem!.line, column: problem!.column, reason: problem!.reason.code }, code).toEqual({
        line,
        column,
        reason,
      });
      expect(problem!.from).toBeLessThanOrEqual(problem!.to);
      expect(problem!.to).toBeLessThanOrEqual(code.length);
    }
  });

  it("puts an unclosed bracket at the end of the last line of code, not on trailing blank lines", () => {
    const code = "if (ok) {\n  log(1);\n\n\n";
    const problem = checkSyntax(code)!;
    expect(problem.reason.code).toBe("unexpectedEnd");
    expect(problem.line).toBe(2);
    expect(code.slice(problem.from, problem.to)).toBe(";");
  });

  it("says it in the console's language: Chinese words in zh, no parser English", () => {
    const problem = checkSyntax("log(1);\nconst x = ;")!;
    expect(syntaxMessage(problem, zh)).toBe("语法错误：第 2 行第 11 列附近，这里不应出现「;」");
    expect(syntaxMessage(problem, en)).toBe("Syntax error near line 2, column 11: “;” is not expected here");
    expect(syntaxMessage(checkSyntax('log("a")；')!, zh)).toBe(
      "语法错误：第 1 行第 9 列附近，「；」是中文标点，代码里请用英文标点",
    );
    expect(syntaxMessage(checkSyntax("if (ok) {")!, zh)).toBe(
      "语法错误：第 1 行第 10 列附近，代码意外结束，可能缺少 )、] 或 }",
    );
    // A reason without words of its own still says where, and nothing in English.
    const other = checkSyntax("class A { constructor() {} constructor() {} }")!;
    expect(other.reason.code).toBe("other");
    expect(syntaxMessage(other, zh)).toMatch(/^语法错误：第 1 行第 \d+ 列附近$/);
  });
});
