import { describe, expect, it } from "vitest";
import { entryAt, sdkEntries } from "@/components/editor/sdk-assist";
import { sdkDocsJson, sdkDocsMarkdown } from "@/server/sandbox/sdk-docs";
import { SDK_FUNCTIONS } from "@/server/sandbox/sdk-definition";
import { pythonSdkSource } from "@/server/sandbox/python/sdk-python";

// The seed's documented signatures (seed/scheduled-tasks.md "内置函数"), with the model default
// made configurable (SDK.md) and ai()'s optional extras after the seed's parameters.
const SEED = [
  "log(*values)",
  "print(*values, sep=' ', end='\\n')",
  "ai(prompt, system=None, model=None, temperature=None, max_tokens=None)",
  "dingtalk(webhook_url, content, title='通知')",
  "wecom(webhook_url, content)",
  "http_get(url, headers=None, params=None)",
  "http_post(url, data=None, json=None, headers=None)",
  "db_query(sql, params=None, source=None)",
  "get_var(key, default=None)",
  "set_var(key, value)",
  "del_var(key)",
  "get_param(key, default=None)",
  "get_params()",
  "get_tenants()",
  "get_tenant_config(tenant_id, app_code, key)",
  "get_all_tenant_configs(app_code, key)",
  "get_secret(key)",
];

describe("one SDK definition drives the Python SDK, its docs and the editor", () => {
  it("every function has the seed's Python signature", () => {
    const docs = sdkDocsJson("zh");
    expect(docs.python.functions.map((f) => f.signature).sort()).toEqual([...SEED].sort());
    expect(SDK_FUNCTIONS.every((f) => f.py)).toBe(true);
    // The generated module defines each non-custom function with exactly these parameters.
    const src = pythonSdkSource();
    for (const sig of SEED) {
      const name = sig.slice(0, sig.indexOf("("));
      if (name === "log" || name === "print") continue;
      expect(src).toContain(`def ${sig}:`);
    }
  });

  it("sdk-docs shows both languages: JSON has python, markdown a Python section", () => {
    const docs = sdkDocsJson("en");
    expect(docs.functions.find((f) => f.name === "http_get")!.signature).toContain("{headers?, params?}");
    expect(docs.python.modules.map((m) => m.name)).toEqual([
      "datetime",
      "date",
      "timedelta",
      "time",
      "json",
      "re",
      "math",
      "random",
      "hashlib",
      "base64",
    ]);
    const md = sdkDocsMarkdown("zh");
    expect(md).toContain("```python\nres = http_get(");
    expect(md).toContain("#### `dingtalk(webhook_url, content, title='通知')`");
  });

  it("the editor's Python completions and hover docs come from the Python docs", () => {
    const docs = sdkDocsJson("zh");
    const py = sdkEntries(docs, "python");
    expect(py.find((e) => e.name === "http_get")!.detail).toMatch(
      /^http_get\(url, headers=None, params=None\)/,
    );
    expect(py.some((e) => e.name === "dayjs")).toBe(false);
    expect(py.find((e) => e.name === "datetime.now")).toBeTruthy();
    const byName = new Map(py.map((e) => [e.name, e]));
    expect(entryAt("x = datetime.now()", 14, byName)!.entry.name).toBe("datetime.now");
    expect(entryAt("rows = db_query('SELECT 1')", 9, byName)!.entry.example).toContain("%s");
    const js = sdkEntries(docs, "javascript");
    expect(js.some((e) => e.name === "dayjs")).toBe(true);
  });
});
