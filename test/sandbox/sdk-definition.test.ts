import ivm from "isolated-vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { bindingMismatches, HOST_BINDINGS } from "@/server/sandbox/bindings";
import { ISOLATE_IMPLS } from "@/server/sandbox/prelude";
import { sdkDocsJson, sdkDocsMarkdown, sdkTypeDeclarations } from "@/server/sandbox/sdk-docs";
import {
  SDK_FUNCTIONS,
  SDK_MESSAGE_FORMATS,
  SDK_MODULES,
  SDK_VARIABLES,
  sdkCallables,
  sdkGlobalNames,
} from "@/server/sandbox/sdk-definition";
import { run } from "./helpers";
import { BASIC_EXAMPLE, SALES_REPORT_EXAMPLE } from "./seed-examples";

describe("the SDK definition drives the bindings", () => {
  it("every host binding has a definition and every host definition a binding", () => {
    expect(bindingMismatches()).toEqual({ undefinedBindings: [], unboundDefinitions: [] });
    expect(Object.keys(HOST_BINDINGS).length).toBeGreaterThan(20);
  });

  it("every in-isolate implementation has a definition and vice versa", () => {
    const isolateDefs = sdkCallables()
      .filter((c) => c.def.binding === "isolate")
      .map((c) => c.qualifiedName)
      .sort();
    expect(Object.keys(ISOLATE_IMPLS).sort()).toEqual(isolateDefs);
  });

  it("the isolate gains exactly the defined globals, each of the defined kind", async () => {
    const isolate = new ivm.Isolate({ memoryLimit: 32 });
    const bare = (await (
      await isolate.createContext()
    ).eval("JSON.stringify(Object.getOwnPropertyNames(globalThis))")) as string;
    isolate.dispose();
    const r = await run(`
      const names = Object.getOwnPropertyNames(globalThis)
      const kinds = {}
      for (const n of names) kinds[n] = typeof globalThis[n]
      const members = {}
      for (const m of ${JSON.stringify(SDK_MODULES.map((m) => m.name))}) for (const k of Object.keys(globalThis[m])) members[m + '.' + k] = typeof globalThis[m][k]
      return json.dumps({ names, kinds, members })`);
    const { names, kinds, members } = JSON.parse((r.result as { content: string }).content) as {
      names: string[];
      kinds: Record<string, string>;
      members: Record<string, string>;
    };
    const added = names.filter((n) => !(JSON.parse(bare) as string[]).includes(n)).sort();
    expect(added).toEqual(sdkGlobalNames().sort());
    for (const f of SDK_FUNCTIONS) expect(kinds[f.name], f.name).toBe("function");
    for (const m of SDK_MODULES) {
      expect(["object", "function"], m.name).toContain(kinds[m.name]);
      for (const member of m.members)
        expect(members[`${m.name}.${member.name}`], `${m.name}.${member.name}`).toBe("function");
    }
    for (const v of SDK_VARIABLES) expect(names).toContain(v.name);
  });

  it("every entry is documented in both languages with an example that parses", () => {
    const entries = [
      ...sdkCallables().map((c) => c.def),
      ...SDK_VARIABLES,
      ...SDK_MODULES,
      ...SDK_MESSAGE_FORMATS,
    ];
    for (const e of entries) {
      expect(e.description.zh.length, JSON.stringify(e)).toBeGreaterThan(1);
      expect(e.description.en.length, JSON.stringify(e)).toBeGreaterThan(1);
      expect(e.example.length).toBeGreaterThan(0);
      expect(() => new Function(e.example), e.example).not.toThrow();
    }
  });

  it("message format examples are valid results", async () => {
    for (const f of SDK_MESSAGE_FORMATS) {
      const r = await run(f.example);
      expect(r.error, f.msg_type).toBeNull();
      expect((r.result as { msg_type: string }).msg_type).toBe(f.msg_type);
    }
  });
});

describe("generated docs", () => {
  it("sdkDocsJson has API.md's shape", () => {
    const docs = sdkDocsJson();
    expect(Object.keys(docs)).toEqual(["functions", "variables", "modules", "message_formats", "python"]);
    expect(docs.functions.map((f) => f.name)).toEqual(SDK_FUNCTIONS.map((f) => f.name));
    for (const f of docs.functions)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["name", "signature", "description", "example"]));
    expect(docs.modules.find((m) => m.name === "hashlib")!.members.map((m) => m.name)).toEqual([
      "hashlib.md5",
      "hashlib.sha1",
      "hashlib.sha256",
    ]);
    expect(JSON.parse(JSON.stringify(docs))).toEqual(docs);
    expect(docs.functions[0]!.description).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const zh = sdkDocsJson("zh");
    expect(zh.functions.find((f) => f.name === "get_secret")!.description).toContain("读本租户密钥");
    expect(typeof zh.message_formats[0]!.fields[0]!.description).toBe("string");
  });

  it("sdkDocsMarkdown lists every function signature, in Chinese and English", () => {
    const zh = sdkDocsMarkdown("zh");
    const en = sdkDocsMarkdown("en");
    for (const f of SDK_FUNCTIONS) {
      expect(zh).toContain(f.signature);
      expect(zh).toContain(f.description.zh);
      expect(en).toContain(f.description.en);
    }
    expect(zh).toContain("## 消息格式（result）");
  });

  it("sdkTypeDeclarations type-check the seed's examples and catch a misuse", () => {
    const check = (script: string) => {
      const files: Record<string, string> = {
        "sdk.d.ts": sdkTypeDeclarations(),
        "script.ts": `export {};\n${script}`,
      };
      const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        lib: ["lib.es2022.d.ts"],
        strict: false,
        noEmit: true,
        types: [],
      };
      const host = ts.createCompilerHost(options);
      const getSourceFile = host.getSourceFile.bind(host);
      host.getSourceFile = (name, lang) =>
        files[name] !== undefined ? ts.createSourceFile(name, files[name]!, lang) : getSourceFile(name, lang);
      host.fileExists = (name) => files[name] !== undefined || ts.sys.fileExists(name);
      const program = ts.createProgram(["sdk.d.ts", "script.ts"], options, host);
      return ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    };
    // top-level await/return are fine at runtime; the editor sees the script as a module body
    const asBody = (s: string) => s.replace(/\bresult = /g, "globalThis.result = ");
    expect(check(asBody(BASIC_EXAMPLE))).toEqual([]);
    expect(check(asBody(SALES_REPORT_EXAMPLE))).toEqual([]);
    expect(check("const n: number = ai('x')").join("\n")).toContain("not assignable to type 'number'");
    expect(check("hashlib.md6('x')").join("\n")).toContain("md6");
  }, 30_000);
});
