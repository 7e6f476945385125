import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pythonSnapshot } from "@/server/sandbox/python/pool";
import { localServer, setEnv } from "./helpers";
import { content, runPy } from "./python-helpers";

// The same escapes and limits as the JavaScript sandbox tests (escapes.test.ts, runner.test.ts),
// for Python on Pyodide: the isolate is the boundary, WebAssembly memory included.

let server: Awaited<ReturnType<typeof localServer>>;

beforeAll(async () => {
  await pythonSnapshot();
  server = await localServer((_hit, res) => res.end("reached"));
}, 120_000);
afterAll(() => server.close());

const json = (r: { result: unknown }) => JSON.parse(content(r) ?? "null") as unknown;

describe("python sandbox escapes", () => {
  it("`import js` / pyodide_js reach only the isolate's own global: no process, require, bridge or WebAssembly", async () => {
    const r = await runPy(`
import js, pyodide_js
names = ['process', 'require', 'module', 'Buffer', 'WebAssembly', '__sdk_sync', '__sdk_async',
         '__pyRun', '__pyBoot', '__host_random', '__host_sleep', '__py_stdlib', '__pyWasmModule', 'fetch']
seen = {n: hasattr(js, n) for n in names}
seen['fn_process'] = js.Function.new('return typeof process')()
seen['fn_wasm'] = js.Function.new('return typeof WebAssembly')()
seen['eval_require'] = js.eval('typeof require')
from pyodide.code import run_js
seen['run_js'] = run_js('typeof process + "," + typeof WebAssembly')
result = {'content': json.dumps(seen)}
`);
    expect(r.error).toBeNull();
    const seen = json(r) as Record<string, unknown>;
    for (const [k, v] of Object.entries(seen)) {
      if (k === "run_js") expect(v).toBe("undefined,undefined");
      else if (typeof v === "string") expect(v, k).toBe("undefined");
      else expect(v, k).toBe(false);
    }
  });

  it("the snapshot pages shared by every interpreter are out of a script's reach, and repaired if changed", async () => {
    const r = await runPy(`
import js, pyodide_js
names = ['__py_snap_head', '__py_snap_runs', '__py_snap_pages', '__py_snap_size', '__pyFillHeap', '__pySnapshotSize']
seen = {n: hasattr(js, n) for n in names}
seen['config'] = js.Function.new('c', 'return typeof c._loadSnapshot')(pyodide_js._api.config)
seen['sab_on_global'] = js.Function.new(
    'return Object.getOwnPropertyNames(globalThis).filter((k) => { try { const v = globalThis[k]; '
    + 'return v instanceof SharedArrayBuffer || (ArrayBuffer.isView(v) && v.buffer instanceof SharedArrayBuffer); } catch (e) { return false; } }).join()')()
result = {'content': json.dumps(seen)}
`);
    expect(r.error).toBeNull();
    expect(json(r)).toEqual({
      __py_snap_head: false,
      __py_snap_runs: false,
      __py_snap_pages: false,
      __py_snap_size: false,
      __pyFillHeap: false,
      __pySnapshotSize: false,
      config: "undefined",
      sab_on_global: "",
    });

    // Second line: the host compares the shared pages with its own copy before each restore.
    const image = await pythonSnapshot();
    const pages = new Uint8Array(image.pages.copy() as unknown as SharedArrayBuffer);
    const was = pages[100];
    pages[100] = (was! + 1) % 256;
    image.verify();
    expect(pages[100]).toBe(was);
    const next = await runPy("result = {'content': str(sum(range(10)))}");
    expect(content(next)).toBe("45");
  });

  it("the WebAssembly constructors cannot be reached from the interpreter's own memory or functions", async () => {
    const r = await runPy(`
import pyodide_js, js
mod = pyodide_js._module
mem = getattr(mod, 'wasmMemory', None) or mod.memory
out = {}
out['mem_ctor'] = js.Function.new('m', 'const C = m.constructor; return C === Object ? "Object" : typeof C')(mem)
out['proto_ctor'] = js.Function.new('m', 'const C = Object.getPrototypeOf(m).constructor; return C === Object ? "Object" : typeof C')(mem)
out['table_ctor'] = js.Function.new('t', 'if (!t) return "none"; const C = t.constructor; return C === Object ? "Object" : typeof C')(getattr(mod, 'wasmTable', None) or getattr(mod, '__indirect_function_table', None))
try:
    mem.grow(30000)
    out['grow'] = 'grew'
except Exception as e:
    out['grow'] = type(e).__name__
out['size_mb'] = mem.buffer.byteLength // (1024 * 1024)
result = {'content': json.dumps(out)}
`);
    expect(r.error).toBeNull();
    const out = json(r) as Record<string, unknown>;
    expect(out.mem_ctor).toBe("Object");
    expect(out.proto_ctor).toBe("Object");
    expect(["Object", "none"]).toContain(out.table_ctor);
    expect(out.grow).toBe("JsException");
    expect(out.size_mb as number).toBeLessThanOrEqual(128);
  });

  it("no Node file system, subprocess or sockets: only Pyodide's in-memory FS, and nothing reaches the host", async () => {
    const r = await runPy(`
import os, subprocess, socket, urllib.request
out = {}
for name, fn in [
    ('passwd', lambda: open('/etc/passwd').read()[:20]),
    ('env', lambda: os.environ.get('APP_SECRET') or os.environ.get('DATABASE_URL')),
    ('system', lambda: os.system('echo hi > /tmp/pwned')),
    ('subprocess', lambda: subprocess.run(['ls'], capture_output=True).returncode),
    ('socket', lambda: socket.create_connection(('127.0.0.1', ${server.port}), timeout=2).send(b'GET / HTTP/1.0\\r\\n\\r\\n')),
    ('urlopen', lambda: urllib.request.urlopen('${server.url}/x', timeout=2).read()),
    ('listdir', lambda: sorted(os.listdir('/'))),
]:
    try:
        out[name] = ['ok', repr(fn())[:200]]
    except BaseException as e:
        out[name] = ['error', type(e).__name__]
result = {'content': json.dumps(out)}
`);
    expect(r.error).toBeNull();
    const out = json(r) as Record<string, [string, string]>;
    expect(out.passwd![0]).toBe("error");
    expect(out.env).toEqual(["ok", "None"]);
    expect(out.system).not.toEqual(["ok", "0"]);
    expect(out.subprocess![0]).toBe("error");
    expect(out.socket![0]).toBe("error");
    expect(out.urlopen![0]).toBe("error");
    // Pyodide's in-memory file system, not the host's.
    expect(out.listdir![1]).not.toMatch(/'(etc|work|root|usr|var)'/);
    expect(server.hits).toHaveLength(0);
    expect(String(process.env.APP_SECRET ?? "")).not.toBe("");
  });

  it("never reuses an interpreter: builtins, modules and globals changed by one run are gone in the next", async () => {
    const first = await runPy(`
import builtins, sys
builtins.leak = 'yes'
json.dumps = lambda *a, **k: 'forged'
sys.modules['os'].environ['LEAK'] = '1'
leaked_global = 1
random.seed(1)
result = 'first'
`);
    expect(first.success).toBe(true);
    const second = await runPy(`
import builtins, os
result = {'content': json.dumps([hasattr(builtins, 'leak'), os.environ.get('LEAK'), 'leaked_global' in globals()])}
`);
    expect(json(second)).toEqual([false, null, false]);
    const a = await runPy("result = str(random.random())");
    const b = await runPy("result = str(random.random())");
    expect(content(a)).not.toBe(content(b));
  });

  it("a script cannot forge the bridge: unknown SDK names are refused by the host", async () => {
    const r = await runPy(`
import _platform_sdk
try:
    _platform_sdk._call('process.exit', [0])
    out = 'called'
except Exception as e:
    out = str(e)
result = out
`);
    expect(content(r)).toContain("未知的 SDK 函数");
  });
});

describe("python sandbox limits", () => {
  it("a busy loop ends at the wall-clock limit", async () => {
    const r = await runPy("while True:\n    pass", { timeoutSeconds: 1 });
    expect(r).toMatchObject({ success: false, limit: "timeout" });
    expect(r.error).toContain("超出执行时间限制 1s");
    expect(r.duration_ms).toBeLessThan(4000);
  });

  it("time.sleep and a JS-level await cannot outlive the limit", async () => {
    const slept = await runPy("time.sleep(30)", { timeoutSeconds: 1 });
    expect(slept).toMatchObject({ success: false, limit: "timeout" });
    expect(slept.duration_ms).toBeLessThan(4000);
    const hung = await runPy(
      "import js\njs.Atomics.wait(js.Int32Array.new(js.SharedArrayBuffer.new(4)), 0, 0)",
      { timeoutSeconds: 1 },
    );
    expect(hung.success).toBe(false);
    expect(hung.duration_ms).toBeLessThan(4000);
  });

  it("Python's heap (WebAssembly memory) is capped: MemoryError fails the run with the memory limit", async () => {
    const r = await runPy("x = bytearray(200 * 1024 * 1024)\nresult = 'no'", { memoryMb: 96 });
    expect(r).toMatchObject({ success: false, limit: "memory" });
    expect(r.error).toContain("超出内存限制 96 MB");
    expect(r.error).toContain("MemoryError");
    const grow = await runPy("chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))", {
      memoryMb: 96,
    });
    expect(grow).toMatchObject({ success: false, limit: "memory" });
  });

  it("the isolate's JavaScript heap is capped too", async () => {
    const r = await runPy(
      "import js\njs.eval('const a = []; while (true) a.push(new Array(1e6).fill(1.5))')",
      { timeoutSeconds: 20 },
    );
    expect(r).toMatchObject({ success: false, limit: "memory" });
  });

  it("output is capped with a marker; SDK network calls are counted", async () => {
    const out = await runPy("for i in range(20000):\n    print('x' * 100, i)");
    expect(out).toMatchObject({ success: true, limit: "output" });
    expect(out.output.length).toBeLessThan(70 * 1024);
    expect(out.output).toContain("其余内容已截断");
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const calls = await runPy(`for i in range(5):\n    http_get('${server.url}/n')`, {
      limits: { networkCalls: 3 },
    });
    expect(calls).toMatchObject({ success: false, limit: "network_calls" });
    expect(calls.error).toContain("超出网络调用次数限制");
    expect(server.hits).toHaveLength(3);
    setEnv({ OUTBOUND_ALLOWLIST: "" });
  });

  it("errors are Python tracebacks with the script's own line numbers", async () => {
    const r = await runPy("log('a')\n\ndef f(x):\n    return 1 / x\n\nf(0)\n");
    expect(r.success).toBe(false);
    expect(r.error).toBe(
      [
        "Traceback (most recent call last):",
        '  File "script.py", line 6, in <module>',
        "    f(0)",
        '  File "script.py", line 4, in f',
        "    return 1 / x",
        "ZeroDivisionError: division by zero",
      ].join("\n"),
    );
    const syntax = await runPy("x = 1\nif x\n    pass");
    expect(syntax.error).toMatch(/File "script\.py", line 2[\s\S]*SyntaxError/);
    const sdk = await runPy("x = 1\nget_secret(42)");
    expect(sdk.error).toMatch(/File "script\.py", line 2, in <module>[\s\S]*SDKError: get_secret\(\)/);
    expect(sdk.error).not.toContain("_platform_sdk");
  });
});
