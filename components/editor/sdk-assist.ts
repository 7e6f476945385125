import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { hoverTooltip, type Tooltip } from "@codemirror/view";

// Autocomplete and hover docs for every SDK global, built from sandbox.sdkDocs (the one SDK
// definition), so the editor never drifts from what the sandbox provides.

type FnDoc = { name: string; signature: string; returns: string; description: string; example: string };
type LanguageDocs = {
  functions: FnDoc[];
  variables: { name: string; type: string; description: string; example: string }[];
  modules: { name: string; description: string; example: string; members: FnDoc[] }[];
};
/** The top-level lists are JavaScript's; `python` the seed's Python SDK (same definition). */
export type SdkDocsLike = LanguageDocs & { python?: LanguageDocs };

export type SdkEntry = {
  name: string;
  kind: "function" | "variable" | "module" | "method";
  detail: string;
  description: string;
  example?: string;
};

/** Every SDK name of the script's language, modules' members as "module.member". */
export function sdkEntries(all: SdkDocsLike, language: "python" | "javascript" = "javascript"): SdkEntry[] {
  const docs = language === "python" && all.python ? all.python : all;
  return [
    ...docs.functions.map((f) => ({
      name: f.name,
      kind: "function" as const,
      detail: `${f.signature} → ${f.returns}`,
      description: f.description,
      example: f.example,
    })),
    ...docs.variables.map((v) => ({
      name: v.name,
      kind: "variable" as const,
      detail: v.type,
      description: v.description,
      example: v.example,
    })),
    {
      name: "result",
      kind: "variable" as const,
      detail: language === "python" ? "dict | str | None" : "string | object | null",
      description: "",
      example: undefined,
    },
    ...docs.modules.flatMap((m) => [
      {
        name: m.name,
        kind: "module" as const,
        detail: "module",
        description: m.description,
        example: m.example,
      },
      ...m.members.map((f) => ({
        name: f.name,
        kind: "method" as const,
        detail: `${f.signature} → ${f.returns}`,
        description: f.description,
        example: f.example,
      })),
    ]),
  ];
}

const TYPE: Record<SdkEntry["kind"], string> = {
  function: "function",
  variable: "variable",
  module: "namespace",
  method: "method",
};

function infoNode(entry: SdkEntry): () => Node {
  return () => {
    const box = document.createElement("div");
    box.className = "cm-sdk-doc";
    const sig = document.createElement("code");
    sig.className = "cm-sdk-doc-sig";
    sig.textContent =
      entry.kind === "function" || entry.kind === "method" ? entry.detail : `${entry.name}: ${entry.detail}`;
    box.appendChild(sig);
    if (entry.description) {
      const p = document.createElement("p");
      p.textContent = entry.description;
      box.appendChild(p);
    }
    if (entry.example) {
      const pre = document.createElement("pre");
      pre.textContent = entry.example;
      box.appendChild(pre);
    }
    return box;
  };
}

export function sdkCompletionSource(entries: SdkEntry[]) {
  const top = entries.filter((e) => e.kind !== "method");
  const members = new Map<string, SdkEntry[]>();
  for (const e of entries) {
    if (e.kind !== "method") continue;
    const [mod] = e.name.split(".");
    members.set(mod!, [...(members.get(mod!) ?? []), e]);
  }
  const toOption = (e: SdkEntry, label: string): Completion => ({
    label,
    type: TYPE[e.kind],
    detail: e.kind === "function" || e.kind === "method" ? e.detail.replace(/^[\w.]+/, "") : e.detail,
    info: infoNode(e),
    boost: 1,
  });
  return (ctx: CompletionContext): CompletionResult | null => {
    const member = ctx.matchBefore(/[A-Za-z_$][\w$]*\.[\w$]*$/);
    if (member) {
      const [mod, partial = ""] = member.text.split(".");
      const list = members.get(mod!);
      if (!list) return null;
      return {
        from: member.to - partial.length,
        options: list.map((e) => toOption(e, e.name.split(".")[1]!)),
        validFor: /^[\w$]*$/,
      };
    }
    const word = ctx.matchBefore(/[A-Za-z_$][\w$]*$/);
    if (!word && !ctx.explicit) return null;
    return {
      from: word?.from ?? ctx.pos,
      options: top.map((e) => toOption(e, e.name)),
      validFor: /^[\w$]*$/,
    };
  };
}

/** The SDK entry under a position: "hashlib.md5" when hovering md5 after "hashlib.", else the word. */
export function entryAt(
  text: string,
  offset: number,
  entries: Map<string, SdkEntry>,
): { entry: SdkEntry; from: number; to: number } | null {
  const isWord = (c: string | undefined) => !!c && /[\w$]/.test(c);
  let from = offset;
  let to = offset;
  while (from > 0 && isWord(text[from - 1])) from--;
  while (to < text.length && isWord(text[to])) to++;
  if (from === to) return null;
  const word = text.slice(from, to);
  if (text[from - 1] === ".") {
    let start = from - 1;
    while (start > 0 && isWord(text[start - 1])) start--;
    const qualified = `${text.slice(start, from - 1)}.${word}`;
    const entry = entries.get(qualified);
    return entry ? { entry, from, to } : null;
  }
  const entry = entries.get(word);
  return entry && entry.kind !== "method" ? { entry, from, to } : null;
}

export function sdkHover(entries: SdkEntry[]) {
  const byName = new Map(entries.map((e) => [e.name, e]));
  return hoverTooltip((view, pos): Tooltip | null => {
    const line = view.state.doc.lineAt(pos);
    const hit = entryAt(line.text, pos - line.from, byName);
    if (!hit) return null;
    return {
      pos: line.from + hit.from,
      end: line.from + hit.to,
      above: true,
      create: () => ({ dom: infoNode(hit.entry)() as HTMLElement }),
    };
  });
}
