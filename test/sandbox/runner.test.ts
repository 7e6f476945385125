import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { run } from "./helpers";

describe("runScript: result, output, errors", () => {
  it("reads the assigned global result, validated and normalized", async () => {
    const r = await run("result = { title: '日报', content: '**ok**' }");
    expect(r).toMatchObject({
      success: true,
      error: null,
      result: { msg_type: "markdown", title: "日报", content: "**ok**" },
    });
  });

  it("reads a top-level return value and supports top-level await", async () => {
    const r = await run("const x = await Promise.resolve(21)\nreturn 'answer ' + x * 2");
    expect(r.success).toBe(true);
    expect(r.result).toEqual({ msg_type: "markdown", content: "answer 42" });
  });

  it("reads a result declared with let at top level", async () => {
    const r = await run("let result = { msg_type: 'text', content: 'hi' }");
    expect(r.result).toEqual({ msg_type: "text", content: "hi" });
  });

  it("no result means nothing to push", async () => {
    const r = await run("log('nothing')");
    expect(r).toMatchObject({ success: true, result: null });
  });

  it("captures log/print lines with timestamps, objects as JSON", async () => {
    const r = await run("log('a', 1, {b: [2]}); print('中文', null, undefined)");
    const lines = r.output.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] a 1 \{"b":\[2\]\}$/);
    expect(lines[1]).toMatch(/\] 中文 null undefined$/);
  });

  it("truncates output past 64 KB with a marker and keeps the run successful", async () => {
    const r = await run("for (let i = 0; i < 2000; i++) log('x'.repeat(100))\nresult = 'done'");
    expect(Buffer.byteLength(r.output, "utf8")).toBeLessThan(64 * 1024 + 200);
    expect(r.output).toMatch(/输出超过 64 KB 限制，其余内容已截断\]$/);
    expect(r).toMatchObject({ success: true, limit: "output" });
  });

  it("reports a syntax error with the script's own line:column", async () => {
    const r = await run("log('ok')\nlet a = 1\nlet b = ;");
    expect(r.success).toBe(false);
    expect(r.error).toBe("SyntaxError: Unexpected token ';'\n    at script.js:3:9");
  });

  it("an unterminated script points at its own last line, not the wrapper", async () => {
    const r = await run("log(1)\nif (true) {\n  log(2)");
    expect(r.error).toMatch(/^SyntaxError: .*\n    at script\.js:3:1$/);
  });

  it("an unknown timezone fails the run clearly", async () => {
    const r = await run("result = 'x'", { timezone: "Mars/Olympus" });
    expect(r).toMatchObject({ success: false, error: "无效的时区：Mars/Olympus" });
  });

  it("reports a runtime error with the script's line:column and no host frames", async () => {
    const r = await run("log('start')\nfunction f() {\n  return null.x\n}\nf()");
    expect(r.success).toBe(false);
    expect(r.error).toContain("TypeError: Cannot read properties of null (reading 'x')");
    expect(r.error).toContain("at f (script.js:3:15)");
    expect(r.error).toContain("at script.js:5:1");
    expect(r.error).not.toMatch(/node_modules|server\/|sdk-prelude|<isolated-vm/);
    expect(r.output).toContain("start");
  });

  it("an SDK error points at the script line that called it", async () => {
    const r = await run("\n\nbase64.b64decode('%%%')");
    expect(r.error).toMatch(/^Error: base64\.b64decode\(\): 不是有效的 Base64 文本\n    at script\.js:3:8$/);
  });

  it("a promise left rejected without a handler fails the run with its line", async () => {
    const r = await run("log(1)\nPromise.reject(new RangeError('lost'))\nresult = 'x'");
    expect(r.success).toBe(false);
    expect(r.error).toMatch(/^未处理的 Promise 拒绝：RangeError: lost\n    at script\.js:2:16/);
  });

  it("a thrown non-Error value is reported", async () => {
    const r = await run("throw 'boom'");
    expect(r).toMatchObject({ success: false, error: "Error: boom" });
  });

  it("an invalid result fails the run naming the field", async () => {
    const r = await run(
      "result = { msg_type: 'actionCard', title: 't', content: 'c', buttons: [{ title: 'x', url: 'nope' }] }",
    );
    expect(r.success).toBe(false);
    expect(r.error).toMatch(/^result 格式不正确：buttons\.0\.url/);
  });

  it("a result that is not JSON fails clearly", async () => {
    const r = await run("const a = {}; a.self = a; result = a");
    expect(r).toMatchObject({ success: false });
    expect(r.error).toContain("result 无法转换为 JSON");
  });
});

describe("runScript: limits", () => {
  it("stops an infinite loop at the wall-clock limit", async () => {
    const r = await run("while (true) {}", { timeoutSeconds: 1 });
    expect(r).toMatchObject({ success: false, error: "超出执行时间限制 1s", limit: "timeout" });
    expect(r.duration_ms).toBeGreaterThanOrEqual(950);
    expect(r.duration_ms).toBeLessThan(3000);
  });

  it("counts time spent in host calls toward the wall-clock limit", async () => {
    const r = await run("log('before'); time.sleep(30); log('after')", { timeoutSeconds: 1 });
    expect(r).toMatchObject({ success: false, limit: "timeout" });
    expect(r.duration_ms).toBeLessThan(3000);
    expect(r.output).toContain("before");
    expect(r.output).not.toContain("after");
  });

  it("stops a memory bomb, and the host runs the next script normally", async () => {
    const r = await run("const a = []; while (true) a.push(new Array(100000).fill(Math.random()))", {
      timeoutSeconds: 20,
      memoryMb: 64,
    });
    expect(r).toMatchObject({ success: false, error: "超出内存限制 64 MB", limit: "memory" });
    const next = await run("result = 'still alive'");
    expect(next).toMatchObject({ success: true, result: { content: "still alive" } });
  });

  it("a script that catches a limit error still fails the run", async () => {
    const r = await run(
      "for (let i = 0; i < 3; i++) { try { http_get('http://example.invalid/') } catch (e) {} }\nresult = 'x'",
      {
        limits: { networkCalls: 2 },
      },
    );
    expect(r).toMatchObject({ success: false, limit: "network_calls" });
    expect(r.error).toContain("超出网络调用次数限制");
  });
});

describe("runScript: globals and helpers", () => {
  it("exposes task_id, tenant_id, trace_id read-only", async () => {
    const r = await run("task_id = 99\nreturn json.dumps([task_id, tenant_id, trace_id])", {
      taskId: 7,
      tenantId: "t1",
      traceId: "tr-1",
    });
    expect(r.result).toMatchObject({ content: '[7,"t1","tr-1"]' });
  });

  it("dayjs works in the task's timezone with utc, timezone and customParseFormat", async () => {
    const r = await run(
      [
        "const a = dayjs('2026-03-01 08:00').valueOf()",
        "const b = dayjs.utc('2026-03-01T00:00:00Z').valueOf()",
        "const c = dayjs('01/03/2026 08:00', 'DD/MM/YYYY HH:mm').format('YYYY-MM-DD HH:mm Z')",
        "const d = dayjs(0).format('YYYY-MM-DD HH:mm')",
        "const e = dayjs('2026-03-01T00:00:00Z').tz('America/New_York').format('HH:mm')",
        "return json.dumps([a === b, c, d, e, dayjs().format('Z')])",
      ].join("\n"),
      { timezone: "Asia/Shanghai" },
    );
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual([
      true,
      "2026-03-01 08:00 +08:00",
      "1970-01-01 08:00",
      "19:00",
      "+08:00",
    ]);
  });

  it("time, json, math, random, hashlib and base64 behave like the seed's modules", async () => {
    const r = await run(`
      const t0 = time.time()
      time.sleep(0.05)
      const slept = time.time() - t0
      const rolls = Array.from({ length: 200 }, () => random.randint(1, 3))
      return json.dumps({
        slept: slept >= 0.04 && slept < 2,
        rolls: [...new Set(rolls)].sort(),
        choice: ['a', 'b'].includes(random.choice(['a', 'b'])),
        r: random.random() < 1,
        ceil: math.ceil(1.2), floor: math.floor(1.8),
        md5: hashlib.md5('hello'), sha1: hashlib.sha1('hello'), sha256: hashlib.sha256('中'),
        b64: base64.b64encode('你好'), back: base64.b64decode('5L2g5aW9'),
        loads: json.loads('{"a":[1]}').a[0],
        dumps: json.dumps({ 名: 1 }, { indent: 2 }),
      })`);
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual({
      slept: true,
      rolls: [1, 2, 3],
      choice: true,
      r: true,
      ceil: 2,
      floor: 1,
      md5: "5d41402abc4b2a76b9719d911017c592",
      sha1: "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
      sha256: createHash("sha256").update("中", "utf8").digest("hex"),
      b64: "5L2g5aW9",
      back: "你好",
      loads: 1,
      dumps: '{\n  "名": 1\n}',
    });
  });

  it("get_param / get_params read the run's params", async () => {
    const r = await run(
      "return json.dumps([get_param('prompt', 'd'), get_param('missing', 'd'), get_param('none'), get_params()])",
      {
        params: { prompt: "早安", n: 2 },
      },
    );
    expect(JSON.parse((r.result as { content: string }).content)).toEqual([
      "早安",
      "d",
      null,
      { prompt: "早安", n: 2 },
    ]);
  });
});
