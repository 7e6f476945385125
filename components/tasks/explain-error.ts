import type { Locale } from "@/lib/i18n";

// A script's invalid `result` is refused by the server with zod's English per field
// ("result 格式不正确：msgtype: Invalid option: expected one of …"). The console explains it in
// words; the raw text stays available as the log.

const RESULT_PREFIX = /^result 格式不正确：\s*/;

type Rule = [RegExp, (m: RegExpExecArray) => { zh: string; en: string }];

const RULES: Rule[] = [
  [
    /^Invalid option: expected one of (.+)$/,
    (m) => ({ zh: `须为以下之一：${m[1]!.replace(/\|/g, "、")}`, en: `must be one of ${m[1]}` }),
  ],
  [/^must be one of (.+)$/, (m) => ({ zh: `须为以下之一：${m[1]}`, en: `must be one of ${m[1]}` })],
  [
    /^Invalid input: expected (\w+), received (undefined|null)$/,
    () => ({ zh: "缺少此字段", en: "is missing" }),
  ],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (m) => ({ zh: `须为${typeWord(m[1]!)}`, en: `must be a ${m[1]}` }),
  ],
  [
    /^Too big: expected \w+ to have <=?(\d+) (characters|items)$/,
    (m) => ({ zh: `不能超过 ${m[1]} ${m[2] === "items" ? "项" : "个字符"}`, en: `at most ${m[1]} ${m[2]}` }),
  ],
  [
    /^Too small: expected \w+ to have >=?(\d+) (characters|items)$/,
    (m) => ({ zh: `至少 ${m[1]} ${m[2] === "items" ? "项" : "个字符"}`, en: `at least ${m[1]} ${m[2]}` }),
  ],
  [
    /^is required when (\w+) is (\S+)$/,
    (m) => ({ zh: `${m[1]} 为 ${m[2]} 时必填`, en: `required when ${m[1]} is ${m[2]}` }),
  ],
  [
    /^must be a string or an object$/,
    () => ({ zh: "须为字符串（markdown）或消息对象", en: "must be a string or an object" }),
  ],
  [/^Unrecognized keys?: (.+)$/, (m) => ({ zh: `不认识的字段：${m[1]}`, en: `unknown fields: ${m[1]}` })],
  [/^Invalid (url|URL)$/, () => ({ zh: "须为网址", en: "must be a URL" })],
  [/needs (\w+) or (\w+)$/, (m) => ({ zh: `需要 ${m[1]} 或 ${m[2]}`, en: `needs ${m[1]} or ${m[2]}` })],
];

function typeWord(type: string): string {
  return (
    (
      { string: "字符串", number: "数字", object: "对象", array: "数组", boolean: "true 或 false" } as Record<
        string,
        string
      >
    )[type] ?? type
  );
}

/** One line per wrong field of an invalid `result`, or null when the error is something else. */
export function explainResultError(error: string | null | undefined, locale: Locale): string[] | null {
  if (!error || !RESULT_PREFIX.test(error)) return null;
  const body = error.replace(RESULT_PREFIX, "").split("\n")[0]!;
  return body.split("; ").map((part) => {
    const at = part.indexOf(": ");
    const path = at > 0 ? part.slice(0, at) : "result";
    const message = at > 0 ? part.slice(at + 2) : part;
    const field = path === "result" ? "result" : `result.${path}`;
    for (const [re, say] of RULES) {
      const m = re.exec(message);
      if (m) return `${field}：${say(m)[locale]}`;
    }
    return locale === "zh" ? `${field}：格式不正确` : `${field}: ${message}`;
  });
}
