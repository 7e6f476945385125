import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isBlockedAddress } from "@/server/net/ip-policy";
import { outboundRequest } from "@/server/net/outbound";
import { localServer, run, setEnv } from "./helpers";

let server: Awaited<ReturnType<typeof localServer>>;

beforeAll(async () => {
  server = await localServer((hit, res) => {
    if (hit.url.startsWith("/redirect-private")) {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    if (hit.url.startsWith("/loop")) {
      res.writeHead(302, { location: "/loop" });
      return res.end();
    }
    if (hit.url.startsWith("/see-other")) {
      res.writeHead(303, { location: "/echo?after=303" });
      return res.end();
    }
    if (hit.url.startsWith("/big")) {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 40; i++) res.write(chunk); // 2.5 MB
      return res.end();
    }
    if (hit.url.startsWith("/gzip")) {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      return res.end(gzipSync(JSON.stringify({ zipped: "是的" })));
    }
    if (hit.url.startsWith("/bomb")) {
      res.writeHead(200, { "content-encoding": "gzip" });
      return res.end(gzipSync(Buffer.alloc(20 * 1024 * 1024)));
    }
    if (hit.url.startsWith("/slow")) {
      setTimeout(() => res.end("late"), 3000);
      return;
    }
    res.writeHead(hit.url.startsWith("/missing") ? 404 : 200, {
      "content-type": "application/json",
      "x-test": "yes",
    });
    res.end(
      JSON.stringify({
        method: hit.method,
        url: hit.url,
        body: hit.body,
        ct: hit.headers["content-type"] ?? null,
        auth: hit.headers.authorization ?? null,
      }),
    );
  });
});
afterAll(() => server.close());
afterEach(() => setEnv({ OUTBOUND_ALLOWLIST: "" }));

describe("address policy", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "224.0.0.1",
    "::1",
    "fc00::1",
    "fd12::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "::",
  ])("refuses %s", (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"])("allows %s", (ip) =>
    expect(isBlockedAddress(ip)).toBe(false),
  );
});

describe("http_get / http_post with the SSRF guard", () => {
  it("refuses a loopback address without the allowlist", async () => {
    const r = await run(`return json.dumps(http_get('${server.url}/echo'))`);
    expect(r.success).toBe(false);
    expect(r.error).toContain("禁止访问内网、本机或保留地址：127.0.0.1");
    expect(r.error).toContain("at script.js:1:");
    expect(server.hits).toHaveLength(0);
  });

  it("refuses a host name that resolves to loopback (localhost)", async () => {
    const r = await run(`http_get('http://localhost:${server.port}/echo')`);
    expect(r.error).toMatch(/禁止访问内网、本机或保留地址：localhost（(127\.0\.0\.1|::1)）/);
    expect(server.hits).toHaveLength(0);
  });

  it("refuses the cloud metadata address and private ranges", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      const r = await run(`http_get('${url}')`);
      expect(r.error, url).toContain("禁止访问");
    }
  });

  it("works once the allowlist names the address, with params, headers and parsed JSON", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const r = await run(`
      const res = http_get('${server.url}/echo', { params: { q: '中 文', n: 2 }, headers: { Authorization: 'Bearer t' } })
      return json.dumps({ status: res.status, ok: res.ok, h: res.headers['x-test'], url: res.json.url, auth: res.json.auth, text: typeof res.text })`);
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual({
      status: 200,
      ok: true,
      h: "yes",
      url: "/echo?q=%E4%B8%AD+%E6%96%87&n=2",
      auth: "Bearer t",
      text: "string",
    });
  });

  it("a CIDR in the allowlist also works; a 404 is a response, not an error", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "example.com, 127.0.0.0/8" });
    const r = await run(`const res = http_get('${server.url}/missing'); return res.status + ' ' + res.ok`);
    expect(r.result).toMatchObject({ content: "404 false" });
  });

  it("http_post sends JSON, form data and text bodies", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const r = await run(`
      const a = http_post('${server.url}/p', { json: { 名: 1 } }).json
      const b = http_post('${server.url}/p', { data: { a: 1, b: 'x y' } }).json
      const c = http_post('${server.url}/p', { data: 'raw', headers: { 'Content-Type': 'text/csv' } }).json
      return json.dumps([a.method, a.body, a.ct, b.body, b.ct, c.body, c.ct])`);
    expect(JSON.parse((r.result as { content: string }).content)).toEqual([
      "POST",
      '{"名":1}',
      "application/json",
      "a=1&b=x+y",
      "application/x-www-form-urlencoded",
      "raw",
      "text/csv",
    ]);
  });

  it("an invalid header is the script's error, not the platform's", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const r = await run(`http_get('${server.url}/echo', { headers: { 'bad header': 'x' } })`);
    expect(r.error).toMatch(/^Error: http_get\(\): 请求无效：/);
  });

  it("a redirect to a private address is refused even when the first host is allowed", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const r = await run(`http_get('${server.url}/redirect-private')`);
    expect(r.error).toContain("禁止访问内网、本机或保留地址：169.254.169.254");
  });

  it("follows at most 5 redirects; 303 turns a POST into a GET", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const loop = await run(`http_get('${server.url}/loop')`);
    expect(loop.error).toContain("重定向次数超过 5 次");
    const seeOther = await run(
      `return json.dumps(http_post('${server.url}/see-other', { json: { a: 1 } }).json)`,
    );
    expect(JSON.parse((seeOther.result as { content: string }).content)).toMatchObject({
      method: "GET",
      url: "/echo?after=303",
      body: "",
    });
  });

  it("decodes compressed responses, with the size cap on the decoded body", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const ok = await run(
      `const r = http_get('${server.url}/gzip'); return r.json.zipped + ' ' + (r.headers['content-encoding'] || 'none')`,
    );
    expect(ok.result).toMatchObject({ content: "是的 none" });
    const bomb = await run(`http_get('${server.url}/bomb')`);
    expect(bomb.error).toContain("响应超过 5 MB 限制");
  });

  it("caps the response size and the time per request", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const big = await run(`http_get('${server.url}/big')`, { limits: { httpMaxBytes: 1024 * 1024 } });
    expect(big.error).toContain("响应超过 1 MB 限制");
    const slow = await run(`http_get('${server.url}/slow')`, { limits: { httpTimeoutMs: 500 } });
    expect(slow.error).toContain("请求超时");
  });

  it("the 101st network call of a run fails naming the limit", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" });
    const before = server.hits.length;
    const r = await run(`
      let n = 0
      for (let i = 0; i < 101; i++) { http_get('${server.url}/echo'); n++ }
      result = 'unreachable'`);
    expect(r).toMatchObject({ success: false, limit: "network_calls" });
    expect(r.error).toContain("超出网络调用次数限制（每次执行最多 100 次）");
    expect(r.error).toContain("at script.js:3:");
    expect(server.hits.length - before).toBe(100);
  });

  it("outboundRequest pins the checked address (no second lookup)", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "localhost" });
    const res = await outboundRequest({ url: `http://localhost:${server.port}/echo` });
    expect(res.status).toBe(200);
  });
});
