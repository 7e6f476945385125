import { ERROR_REASONS, englishMessage, type ErrorReason } from "./errors";

/**
 * How a run whose script set an invalid `result` stores why, and how the console reads it back.
 *
 * Decision (issue 14): the stored form is the text of the run's `error` (and of its task's
 * last_run_message), e.g. "result 格式不正确：content: Invalid input: expected string, received
 * undefined". REST clients, the seed's tools, logs and the CSV keep reading a readable sentence,
 * and no column is added: a column alongside would have to follow the text into the task's
 * last_run_message and the batched finish, and would say nothing for rows stored before it.
 * What makes the text machine-readable is that this file writes it (from each issue's zod code,
 * numbers and our reason codes, never from zod's own wording, which changes between versions)
 * and this file reads it back into {path, code, params, reason}; the console words those at
 * render time with the form errors' words (components/i18n/errors.ts issueText).
 * test/console/result-error.test.ts keeps the two directions in step.
 */

export const INVALID_RESULT_PREFIX = "result 格式不正确：";
/** The same for a webhook task whose answer looked like a message but was not a valid one. */
export const INVALID_WEBHOOK_RESULT_PREFIX = "Webhook 返回的消息格式不正确：";

/** One wrong field of a result: a zod issue code and its numbers, or a reason of lib/errors.ts. */
export type ResultIssue = {
  /** Dotted path inside the result (`buttons.0.url`), or `result` for the whole value. */
  path: string;
  code: string;
  params: Record<string, unknown>;
  reason?: ErrorReason;
  /** The English text of an issue of none of the known shapes. */
  message?: string;
};

/** The reasons message-schema.ts gives its own rules (their templates are parsed back below). */
const RESULT_REASONS = [
  "RESULT_NOT_OBJECT",
  "RESULT_MSG_TYPE",
  "RESULT_URL",
  "RESULT_REQUIRED_WHEN",
  "RESULT_NEEDS_IMAGE",
] as const satisfies readonly ErrorReason[];

const unitOf = (origin: unknown) => (origin === "array" || origin === "set" ? "items" : "characters");

/** One issue in the stored English: zod's sentence shapes, written from the code and numbers. */
export function resultIssueEnglish(issue: Omit<ResultIssue, "path">): string {
  const p = issue.params;
  if (issue.reason) return englishMessage(issue.reason, p);
  switch (issue.code) {
    case "invalid_type":
      if (p.missing) return `Invalid input: expected ${String(p.expected)}, received undefined`;
      return `Invalid input: expected ${String(p.expected)}${p.received ? `, received ${String(p.received)}` : ""}`;
    case "too_big":
    case "too_small": {
      const big = issue.code === "too_big";
      const limit = big ? p.maximum : p.minimum;
      const op = `${big ? "<" : ">"}${p.inclusive === false ? "" : "="}`;
      const origin = String(p.origin ?? "string");
      return origin === "number"
        ? `Too ${big ? "big" : "small"}: expected number to be ${op}${String(limit)}`
        : `Too ${big ? "big" : "small"}: expected ${origin} to have ${op}${String(limit)} ${unitOf(origin)}`;
    }
    case "invalid_value":
      if (Array.isArray(p.values)) return `Invalid option: expected one of ${p.values.map(String).join("|")}`;
  }
  return issue.message ?? "Invalid input";
}

/** What follows the prefix in the stored text: `path: English` per issue. */
export function invalidResultSummary(issues: ResultIssue[]): string {
  return issues.map((i) => `${i.path}: ${resultIssueEnglish(i)}`).join("; ");
}

/** A reason's template as a pattern whose groups are its placeholders. */
function templatePattern(reason: ErrorReason): { re: RegExp; names: string[] } {
  const template = ERROR_REASONS[reason][1] as string;
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { re: new RegExp(`^${source}$`), names };
}

const READERS: ((message: string) => Omit<ResultIssue, "path"> | null)[] = [
  (m) => {
    const x = /^Invalid input: expected (\w+)(?:, received (\w+))?$/.exec(m);
    if (!x) return null;
    const missing = x[2] === "undefined" || x[2] === "null";
    return {
      code: "invalid_type",
      params: { expected: x[1], ...(missing ? { missing: true } : x[2] ? { received: x[2] } : {}) },
    };
  },
  (m) => {
    const x = /^Too (big|small): expected (\w+) to (?:have|be) ([<>])(=?)(\d+)(?: \w+)?$/.exec(m);
    if (!x) return null;
    const big = x[1] === "big";
    return {
      code: big ? "too_big" : "too_small",
      params: { origin: x[2], [big ? "maximum" : "minimum"]: Number(x[5]), inclusive: x[4] === "=" },
    };
  },
  (m) => {
    const x = /^Invalid option: expected one of (.+)$/.exec(m);
    return x ? { code: "invalid_value", params: { values: x[1]!.split("|") } } : null;
  },
  ...RESULT_REASONS.map((reason) => {
    const { re, names } = templatePattern(reason);
    return (m: string) => {
      const x = re.exec(m);
      if (!x) return null;
      return { code: "custom", reason, params: Object.fromEntries(names.map((n, i) => [n, x[i + 1]])) };
    };
  }),
];

/**
 * The issues of a stored invalid-result text (its first line; a script's or a webhook's), or null
 * when the text is another error. Issues of an unknown shape keep their English as `message`.
 */
export function parseInvalidResult(text: string | null | undefined): ResultIssue[] | null {
  const prefix = [INVALID_RESULT_PREFIX, INVALID_WEBHOOK_RESULT_PREFIX].find((p) => text?.startsWith(p));
  if (!text || !prefix) return null;
  const body = text.slice(prefix.length).split("\n")[0]!.trim();
  if (!body) return [];
  return body.split("; ").map((part) => {
    const at = part.indexOf(": ");
    const path = at > 0 ? part.slice(0, at) : "result";
    const message = at > 0 ? part.slice(at + 2) : part;
    for (const read of READERS) {
      const issue = read(message);
      if (issue) return { path, ...issue };
    }
    return { path, code: "custom", params: {}, message };
  });
}
