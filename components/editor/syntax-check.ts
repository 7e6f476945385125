import { parse } from "acorn";
import type { TFunction } from "@/lib/i18n";

// Syntax errors while typing, found by a parser: nothing is compiled or evaluated, so the check
// works under the console's CSP (no 'unsafe-eval'). The sandbox runs a script as the body of an
// async function, so top-level `await` and `return` are allowed, and `import`/`export` are not.

/** Why the parse failed, in a form the editor turns into words (tasks.syntax.reasons). */
export type SyntaxReason =
  | { code: "unexpectedEnd" }
  | { code: "unexpectedToken"; word: string }
  | { code: "fullWidth"; word: string }
  | { code: "badCharacter"; word: string }
  | { code: "unterminatedString" }
  | { code: "unterminatedTemplate" }
  | { code: "unterminatedComment" }
  | { code: "unterminatedRegExp" }
  | { code: "redeclared"; word: string }
  | { code: "keyword"; word: string }
  | { code: "awaitOutsideAsync" }
  | { code: "badAssignment" }
  | { code: "outsideLoop"; word: string }
  | { code: "missingCatch" }
  | { code: "badNumber" }
  | { code: "moduleSyntax" }
  | { code: "other" };

/** The first syntax error: where to mark it (`from`/`to`), its 1-based line and column, and why. */
export type SyntaxProblem = {
  from: number;
  to: number;
  line: number;
  column: number;
  reason: SyntaxReason;
};

type AcornError = SyntaxError & { pos: number; raisedAt?: number };

// Chinese punctuation typed by habit where code wants ASCII (；，（）“” …).
const FULL_WIDTH = /[\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014]/;

function reasonOf(err: AcornError, code: string, pos: number): SyntaxReason {
  const msg = err.message.replace(/ \(\d+:\d+\)$/, "");
  const quoted = /'([^']*)'/.exec(msg)?.[1] ?? "";
  if (msg === "Unexpected token") {
    if (pos >= code.length) return { code: "unexpectedEnd" };
    const end = Math.max(err.raisedAt ?? pos + 1, pos + 1);
    const token = code.slice(pos, end).split(/\s/)[0]!;
    return { code: "unexpectedToken", word: token.length > 20 ? `${token.slice(0, 20)}…` : token };
  }
  if (msg.startsWith("Unexpected character"))
    return FULL_WIDTH.test(quoted)
      ? { code: "fullWidth", word: quoted }
      : { code: "badCharacter", word: quoted };
  if (msg === "Unterminated string constant") return { code: "unterminatedString" };
  if (msg.startsWith("Unterminated template")) return { code: "unterminatedTemplate" };
  if (msg === "Unterminated comment") return { code: "unterminatedComment" };
  if (msg === "Unterminated regular expression") return { code: "unterminatedRegExp" };
  if (/^Identifier '.*' has already been declared$/.test(msg)) return { code: "redeclared", word: quoted };
  if (msg.startsWith("Cannot use keyword 'await'")) return { code: "awaitOutsideAsync" };
  if (/^Unexpected keyword|^The keyword '.*' is reserved|^Cannot use '.*' as identifier/.test(msg))
    return { code: "keyword", word: quoted };
  if (msg === "Assigning to rvalue" || msg.startsWith("Invalid left-hand side") || msg.startsWith("Binding "))
    return { code: "badAssignment" };
  if (msg.startsWith("Unsyntactic ")) return { code: "outsideLoop", word: msg.slice("Unsyntactic ".length) };
  if (msg === "Missing catch or finally clause") return { code: "missingCatch" };
  if (
    msg === "Invalid number" ||
    msg === "Identifier directly after number" ||
    msg.startsWith("Numeric separator")
  )
    return { code: "badNumber" };
  if (msg.startsWith("'import' and 'export'")) return { code: "moduleSyntax" };
  return { code: "other" };
}

const OPTIONS = {
  ecmaVersion: "latest",
  sourceType: "script",
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  allowHashBang: false,
} as const;

// How the sandbox wraps a script (server/sandbox/run-script.ts), for what only a function allows.
const WRAP_HEAD = "(async function () {\n";
const WRAP_TAIL = "\n})";

function parseError(source: string): AcornError | null {
  try {
    parse(source, OPTIONS);
    return null;
  } catch (e) {
    if (e instanceof SyntaxError && typeof (e as { pos?: unknown }).pos === "number") return e as AcornError;
    throw e;
  }
}

/**
 * The first error, positioned in the script. The script is parsed as it is (an extra `}` is
 * reported where it is, not at the wrapper's end); `new.target`, which only a function body
 * allows, is then checked inside the sandbox's wrapper.
 */
function firstError(code: string): AcornError | null {
  const err = parseError(code);
  if (!err || !err.message.startsWith("'new.target'")) return err;
  const wrapped = parseError(WRAP_HEAD + code + WRAP_TAIL);
  if (!wrapped) return null;
  wrapped.pos = Math.max(0, wrapped.pos - WRAP_HEAD.length);
  if (wrapped.raisedAt !== undefined) wrapped.raisedAt -= WRAP_HEAD.length;
  return wrapped;
}

/** The first syntax error of a script, or null. Parses only; nothing is compiled or executed. */
export function checkSyntax(code: string): SyntaxProblem | null {
  const err = firstError(code);
  if (!err) return null;
  const reason = reasonOf(err, code, err.pos);
  // The input ended early: point at the end of the last line that has code, not at trailing blanks.
  const pos = reason.code === "unexpectedEnd" ? code.trimEnd().length : Math.min(err.pos, code.length);
  const lineStart = code.lastIndexOf("\n", pos - 1) + 1;
  const nl = code.indexOf("\n", pos);
  const lineEnd = nl === -1 ? code.length : nl;
  const line = code.slice(0, pos).split("\n").length;
  // Mark from the error to the end of its line, at least one character when there is one.
  const from = reason.code === "unexpectedEnd" ? Math.max(lineStart, pos - 1) : pos;
  return {
    from,
    to: Math.max(lineEnd, Math.min(from + 1, code.length)),
    line,
    column: pos - lineStart + 1,
    reason,
  };
}

/**
 * The script line of a sandbox error, or null: JavaScript "at script.js:3:5" (the innermost
 * frame comes first), Python 'File "script.py", line 3' (the innermost frame comes last).
 */
export function errorLine(
  error: string | null | undefined,
  language: "javascript" | "python" = "javascript",
): { line: number; column: number } | null {
  if (!error) return null;
  const js = /script\.js:(\d+):(\d+)/.exec(error);
  if (js && language === "javascript") return { line: Number(js[1]), column: Number(js[2]) };
  const py = [...error.matchAll(/File "(?:script\.py|<exec>)", line (\d+)/g)].pop();
  if (py) return { line: Number(py[1]), column: 1 };
  return js ? { line: Number(js[1]), column: Number(js[2]) } : null;
}

/** A syntax problem in the console's language: where, then why when the reason is a known one. */
export function syntaxMessage(problem: SyntaxProblem, t: TFunction): string {
  const at = { line: problem.line, column: problem.column };
  const { reason } = problem;
  if (reason.code === "other") return t("tasks.syntax.at", at);
  const word = "word" in reason ? { word: reason.word } : undefined;
  return t("tasks.syntax.atReason", { ...at, reason: t(`tasks.syntax.reasons.${reason.code}`, word) });
}
