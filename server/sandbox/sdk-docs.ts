import {
  PY_MODULES,
  SDK_FUNCTIONS,
  SDK_MESSAGE_FORMATS,
  SDK_MODULES,
  SDK_VARIABLES,
  type SdkFunctionDef,
  type Text,
} from "./sdk-definition";

// Renderings of the one SDK definition: JSON for GET /api/scheduled-tasks/sdk-docs and the
// console's SDK page, Markdown for ?format=markdown, and a .d.ts for the editor's autocomplete.

/**
 * The docs as JSON: descriptions are `{zh, en}` objects, or plain strings in one language when
 * `lang` is given (e.g. a REST `?lang=zh`).
 */
export function sdkDocsJson(): SdkDocs<Text>;
export function sdkDocsJson(lang: "zh" | "en"): SdkDocs<string>;
export function sdkDocsJson(lang?: "zh" | "en"): SdkDocs<Text> | SdkDocs<string> {
  const d = (t: Text) => (lang ? t[lang] : t);
  const fnDoc = (f: SdkFunctionDef, name = f.name) => ({
    name,
    signature: f.signature,
    returns: f.returns,
    description: d(f.description),
    example: f.example,
    ...(f.network ? { network: true } : {}),
  });
  const python: SdkLanguageDocs<Text | string> = {
    functions: SDK_FUNCTIONS.filter((f) => f.py).map((f) => ({
      name: f.name,
      signature: pySignature(f),
      returns: f.py!.returns,
      description: d(f.description),
      example: f.py!.example,
      ...(f.network ? { network: true } : {}),
    })),
    variables: SDK_VARIABLES.map((v) => ({
      name: v.name,
      type: v.type.replace("number", "int").replace("string", "str").replace("null", "None"),
      description: d(v.description),
      example: `log('${v.name}', ${v.name})`,
    })),
    modules: PY_MODULES.map((m) => ({
      name: m.name,
      description: d(m.description),
      example: m.example,
      members: m.members.map((member) => ({
        name: `${m.name}.${member}`,
        signature: `${m.name}.${member}`,
        returns: "",
        description: d(m.description),
        example: m.example,
      })),
    })),
  };
  return {
    functions: SDK_FUNCTIONS.map((f) => fnDoc(f)),
    variables: SDK_VARIABLES.map((v) => ({
      name: v.name,
      type: v.type,
      description: d(v.description),
      example: v.example,
    })),
    modules: SDK_MODULES.map((m) => ({
      name: m.name,
      description: d(m.description),
      example: m.example,
      members: m.members.map((f) => fnDoc(f, `${m.name}.${f.name}`)),
    })),
    message_formats: SDK_MESSAGE_FORMATS.map((f) => ({
      msg_type: f.msg_type,
      name: d(f.name),
      channels: f.channels,
      description: d(f.description),
      fields: f.fields.map((x) => ({ ...x, description: d(x.description) })),
      example: f.example,
    })),
    python,
  } as SdkDocs<Text> | SdkDocs<string>;
}

type FunctionDoc<D> = {
  name: string;
  signature: string;
  returns: string;
  description: D;
  example: string;
  network?: boolean;
};

/** The Python form of a function: the seed's signature, `http_get(url, headers=None, params=None)`. */
export function pySignature(f: SdkFunctionDef): string {
  return `${f.name}(${f.py?.params ?? ""})`;
}

/** Functions, variables and modules of one script language. */
export type SdkLanguageDocs<D = Text> = {
  functions: FunctionDoc<D>[];
  variables: { name: string; type: string; description: D; example: string }[];
  modules: { name: string; description: D; example: string; members: FunctionDoc<D>[] }[];
};

/** The top-level lists are JavaScript's (as before); `python` holds the seed's Python SDK. */
export type SdkDocs<D = Text> = SdkLanguageDocs<D> & {
  python: SdkLanguageDocs<D>;
  message_formats: {
    msg_type: string;
    name: D;
    channels: ("dingtalk_bot" | "wecom_bot")[];
    description: D;
    fields: { name: string; type: string; required: boolean; description: D }[];
    example: string;
  }[];
};

const code = (s: string) => "```js\n" + s + "\n```";
const pyCode = (s: string) => "```python\n" + s + "\n```";

export function sdkDocsMarkdown(lang: "zh" | "en" = "zh"): string {
  const t = (x: Text) => x[lang];
  const h =
    lang === "zh"
      ? {
          title: "脚本 SDK",
          fns: "函数",
          vars: "内置变量",
          mods: "内置模块（无需 import）",
          fmts: "消息格式（result）",
          channels: "渠道",
          py: "Python（script_language = python，与原平台相同）",
        }
      : {
          title: "Script SDK",
          fns: "Functions",
          vars: "Variables",
          mods: "Built-in modules (no import)",
          fmts: "Message formats (result)",
          channels: "Channels",
          py: "Python (script_language = python, as in the original platform)",
        };
  const out: string[] = [`# ${h.title}`, "", `## JavaScript — ${h.fns}`, ""];
  for (const f of SDK_FUNCTIONS)
    out.push(`### \`${f.signature}\` → ${f.returns}`, "", t(f.description), "", code(f.example), "");
  out.push(`## ${h.vars}`, "");
  for (const v of SDK_VARIABLES) out.push(`- \`${v.name}\` (${v.type}): ${t(v.description)}`);
  out.push("", `## ${h.mods}`, "");
  for (const m of SDK_MODULES) {
    out.push(`### \`${m.name}\``, "", t(m.description), "");
    for (const f of m.members) out.push(`- \`${f.signature}\` → ${f.returns}: ${t(f.description)}`);
    out.push("", code(m.example), "");
  }
  out.push(`## ${h.py}`, "", `### ${h.fns}`, "");
  for (const f of SDK_FUNCTIONS) {
    if (!f.py) continue;
    out.push(
      `#### \`${pySignature(f)}\` → ${f.py.returns}`,
      "",
      t(f.description),
      "",
      pyCode(f.py.example),
      "",
    );
  }
  out.push(`### ${h.vars}`, "");
  for (const v of SDK_VARIABLES) out.push(`- \`${v.name}\`: ${t(v.description)}`);
  out.push("", `### ${h.mods}`, "");
  for (const m of PY_MODULES)
    out.push(`- \`${m.name}\`: ${t(m.description)} \`${m.example.split("\n")[0]}\``);
  out.push("");
  out.push(`## ${h.fmts}`, "");
  for (const f of SDK_MESSAGE_FORMATS) {
    out.push(
      `### ${t(f.name)} — \`${f.msg_type}\``,
      "",
      `${t(f.description)} ${h.channels}: ${f.channels.join(", ")}`,
      "",
    );
    for (const field of f.fields)
      out.push(`- \`${field.name}\`${field.required ? "" : "?"} (${field.type}): ${t(field.description)}`);
    out.push("", code(f.example), "");
  }
  return out.join("\n");
}

const jsdoc = (d: Text, example?: string, indent = "") =>
  [
    `${indent}/**`,
    `${indent} * ${d.zh}`,
    `${indent} * ${d.en}`,
    ...(example ? [`${indent} * @example`, ...example.split("\n").map((l) => `${indent} * ${l}`)] : []),
    `${indent} */`,
  ].join("\n");

/** Ambient declarations of every SDK global, for the console editor (Monaco addExtraLib). */
export function sdkTypeDeclarations(): string {
  const out: string[] = ["// Generated from server/sandbox/sdk-definition.ts. Do not edit.", ""];
  for (const f of SDK_FUNCTIONS)
    out.push(jsdoc(f.description, f.example), `declare function ${f.name}${f.ts};`, "");
  for (const v of SDK_VARIABLES) out.push(jsdoc(v.description), `declare const ${v.name}: ${v.ts};`, "");
  for (const m of SDK_MODULES) {
    if (m.ts) {
      out.push(jsdoc(m.description, m.example), `declare const ${m.name}: ${m.ts};`, "");
      continue;
    }
    out.push(jsdoc(m.description, m.example), `declare const ${m.name}: {`);
    for (const f of m.members) {
      out.push(jsdoc(f.description, f.example, "  "), `  ${f.name}${f.ts};`);
    }
    out.push("};", "");
  }
  out.push(
    "/** 推送的消息：字符串（markdown）或消息对象；不设置或为 null 则不推送。 The message to push. */",
    "declare var result: string | { msg_type?: string; title?: string; content?: string; [key: string]: unknown } | null | undefined;",
    "",
  );
  return out.join("\n");
}
