import { javascriptLanguage } from "@codemirror/lang-javascript";

// Syntax errors while typing: V8 compiles the script as an async function body (the sandbox
// wraps it the same way, so top-level `await` and `return` are fine) but never runs it; the
// Lezer parse tree says where the first error is, since a Function-constructor SyntaxError has
// no position.

export type SyntaxProblem = { from: number; to: number; line: number; message: string };

type AsyncFunctionCtor = new (...args: string[]) => unknown;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as AsyncFunctionCtor;

function firstErrorPosition(code: string): number | null {
  let at: number | null = null;
  javascriptLanguage.parser.parse(code).iterate({
    enter(node) {
      if (at !== null) return false;
      if (node.type.isError) {
        at = node.from;
        return false;
      }
      return undefined;
    },
  });
  return at;
}

function lineAt(code: string, pos: number): { line: number; from: number; to: number } {
  const before = code.slice(0, pos);
  const line = before.split("\n").length;
  const from = before.lastIndexOf("\n") + 1;
  const nl = code.indexOf("\n", pos);
  return { line, from, to: nl === -1 ? code.length : nl };
}

/** The first syntax error of a script, or null. Compiles only; nothing is executed. */
export function checkSyntax(code: string): SyntaxProblem | null {
  try {
    new AsyncFunction(code);
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = Math.min(firstErrorPosition(code) ?? code.length, code.length);
    const { line, from, to } = lineAt(code, pos);
    // Mark from the error to the end of its line (at least one character when there is one).
    return {
      from: pos,
      to: Math.max(Math.min(to, code.length), Math.min(pos + 1, code.length), from),
      line,
      message,
    };
  }
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
