import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { db } from "@/server/db";
import { sendRobotMessage } from "@/server/notify/send";
import { closeDbQueryPools } from "@/server/sandbox/bindings/db-query";
import { pythonSnapshot } from "@/server/sandbox/python/pool";
import { testScript } from "@/server/sandbox/test-script";
import { createDataSource, grantDataSource } from "@/server/services/data-sources";
import { setSecret } from "@/server/services/secrets";
import { createTenant } from "@/server/services/tenants";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { startFakeLlm, type FakeLlm } from "../fakes/llm";
import { businessDb, type BusinessDb } from "../helpers/business-db";
import { resetDb } from "../helpers/db";
import { localServer, setEnv } from "./helpers";
import { content, runPy, seedPython } from "./python-helpers";

// The seed's Python SDK, exactly: names, positional and keyword arguments, defaults, return
// shapes, the modules without import, the globals, and the seed's own examples unchanged.

let llm: FakeLlm;
let server: Awaited<ReturnType<typeof localServer>>;
let dingtalk: FakeDingtalk;
let wecom: FakeWecomRobot;
let biz: BusinessDb;

beforeAll(async () => {
  await pythonSnapshot();
  llm = await startFakeLlm();
  server = await localServer((hit, res) => {
    res.writeHead(hit.url.startsWith("/missing") ? 404 : 200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        method: hit.method,
        url: hit.url,
        body: hit.body,
        ct: hit.headers["content-type"] ?? null,
        x: hit.headers["x-test"] ?? null,
      }),
    );
  });
  dingtalk = await startFakeDingtalk({ robots: [{ token: "py-robot", secret: "SECpy0123456789abcdef" }] });
  wecom = await startFakeWecomRobot({ keys: ["py-key"] });
  biz = await businessDb("pysdk");
  await biz.root.query(
    `CREATE TABLE \`${biz.database}\`.orders (id INT PRIMARY KEY, city VARCHAR(20), amount DECIMAL(10,2))`,
  );
  await biz.root.query(
    `INSERT INTO \`${biz.database}\`.orders VALUES (1,'北京',10.50),(2,'上海',20.00),(3,'北京',5.25)`,
  );
}, 120_000);

afterAll(async () => {
  setEnv({ AI_BASE_URL: undefined, AI_API_KEY: undefined, AI_MODEL: undefined, OUTBOUND_ALLOWLIST: "" });
  await db.dataSource.deleteMany({ where: { name: "biz_pysdk" } });
  await closeDbQueryPools();
  await biz.cleanup();
  await llm.close();
  await server.close();
  await dingtalk.close();
  await wecom.close();
});

beforeEach(async () => {
  llm.requests.length = 0;
  dingtalk.reset();
  wecom.reset();
  setEnv({
    AI_BASE_URL: llm.url,
    AI_API_KEY: llm.apiKey,
    AI_MODEL: "deepseek-flash",
    OUTBOUND_ALLOWLIST: "127.0.0.1",
  });
});

const json = (r: { result: unknown }) => JSON.parse(content(r) ?? "null") as unknown;

describe("the seed's Python examples run unchanged", () => {
  it("basic: ai(prompt, system=...) with get_param and datetime.now()", async () => {
    const r = await runPy(seedPython("basic"), {
      params: { prompt: "写一句早安问候" },
      timezone: "Asia/Shanghai",
    });
    expect(r.error).toBeNull();
    expect(r.result).toMatchObject({ msg_type: "markdown", title: "每日推送" });
    expect(content(r)).toMatch(
      /^\*\*生成时间\*\*: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\n\n回答：写一句早安问候$/,
    );
    // datetime.now() is the task's local time (Asia/Shanghai), not the host's.
    const shown = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(content(r)!)![1]!;
    const expected = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date());
    expect([expected, expected.replace(/\d{2}$/, (m) => String(Number(m) - 1).padStart(2, "0"))]).toContain(
      shown,
    );
    expect(r.output).toMatch(/任务开始执行\n.*任务执行完成$/);
    expect(llm.requests[0]!.body).toMatchObject({
      model: "deepseek-flash",
      messages: [
        { role: "system", content: "你是一个助手" },
        { role: "user", content: "写一句早安问候" },
      ],
    });
  });

  it("the 销售日报 card: result, previews for both robots, delivered to the strict fakes", async () => {
    const r = await runPy(seedPython("sales-report"), { timezone: "Asia/Shanghai" });
    expect(r.error).toBeNull();
    const card = r.result as { msg_type: string; title: string; content: string; buttons: unknown[] };
    expect(card.msg_type).toBe("actionCard");
    expect(card.title).toMatch(/^销售日报 \| \d{4}年\d{2}月\d{2}$/);
    expect(card.content).toMatch(/\| 销售额 \| \*\*¥\d{2,3},\d{3}\*\* \|/);
    expect(card.content).toMatch(/\| 订单数 \| \*\*\d{2}\*\* \|/);
    expect(card.buttons).toEqual([{ title: "查看详情", url: "https://example.com/report" }]);

    const ding = await sendRobotMessage(
      {
        channelType: "dingtalk_bot",
        webhookUrl: dingtalk.webhookUrl("py-robot"),
        signSecret: "SECpy0123456789abcdef",
      },
      card,
    );
    expect(ding.ok).toBe(true);
    const we = await sendRobotMessage(
      { channelType: "wecom_bot", webhookUrl: wecom.webhookUrl("py-key") },
      card,
    );
    expect(we.ok).toBe(true);
    expect(dingtalk.accepted()).toHaveLength(1);
    expect(JSON.parse(dingtalk.accepted()[0]!.raw)).toMatchObject({
      msgtype: "actionCard",
      actionCard: { title: card.title, singleTitle: "查看详情", singleURL: "https://example.com/report" },
    });
    expect(wecom.accepted()).toHaveLength(1);
    expect(wecom.accepted()[0]!.raw).toContain("销售额");
  });

  it("test-script runs every seed Python example and previews both robots", async () => {
    await resetDb();
    await createTenant({
      scope: platformScope(),
      input: { tenant_id: "acme", name: "Acme", is_enabled: true },
    });
    const dir = path.join(import.meta.dirname, "../fixtures/seed-python");
    const names = readdirSync(dir).map((f) => f.replace(/\.py$/, ""));
    expect(names).toEqual(
      expect.arrayContaining(["basic", "sales-report", "format-action-card", "format-news"]),
    );
    for (const name of names) {
      const r = await testScript({
        scope: tenantScope("acme"),
        script_content: seedPython(name),
        script_language: "python",
        input_params: { prompt: "你好" },
      });
      expect(r.error, name).toBeNull();
      expect(r.success, name).toBe(true);
      const previews = [...r.messages!.dingtalk_bot, ...r.messages!.wecom_bot];
      expect(previews.length, name).toBeGreaterThan(0);
      if (name === "sales-report") {
        expect((r.messages!.dingtalk_bot[0] as { msgtype: string }).msgtype).toBe("actionCard");
        expect(JSON.stringify(r.messages!.wecom_bot)).toContain("销售额");
      }
    }
  });
});

describe("the Python SDK's signatures and return values", () => {
  it("http_get(url, headers=None, params=None) returns .status_code, .json(), .text, .ok", async () => {
    const r = await runPy(`
res = http_get('${server.url}/a', {'X-Test': 'h1'}, params={'day': '2026-01-01', 'n': 2})
kw = http_get(url='${server.url}/missing', headers={'X-Test': 'kw'})
result = {'content': json.dumps([res.status_code, res.ok, res.json()['url'], res.json()['x'], res.text[:1],
                                 kw.status_code, kw.ok, kw.json()['x'], res['status']])}
`);
    expect(r.error).toBeNull();
    expect(json(r)).toEqual([200, true, "/a?day=2026-01-01&n=2", "h1", "{", 404, false, "kw", 200]);
  });

  it("http_post(url, data=None, json=None, headers=None): json body, form data, raw text, positional", async () => {
    const r = await runPy(`
a = http_post('${server.url}/p', json={'名字': '张三', 'n': 1}).json()
b = http_post('${server.url}/p', data={'k': 'v w'}).json()
c = http_post('${server.url}/p', 'raw text', None, {'X-Test': 'pos'}).json()
result = {'content': json.dumps([a['ct'], json.loads(a['body']), b['ct'], b['body'], c['body'], c['x']], ensure_ascii=False)}
`);
    expect(r.error).toBeNull();
    expect(json(r)).toEqual([
      "application/json",
      { 名字: "张三", n: 1 },
      "application/x-www-form-urlencoded",
      "k=v+w",
      "raw text",
      "pos",
    ]);
  });

  it("db_query(sql, params=None): list of dicts; params a tuple (%s or ?) or a dict (%(name)s or :name)", async () => {
    const { dsn } = await biz.user(["GRANT SELECT ON {db}.*"]);
    const ds = await createDataSource({ scope: platformScope(), input: { name: "biz_pysdk", dsn } });
    await grantDataSource({
      scope: platformScope(),
      input: { data_source_id: ds.id, tenant_id: null, is_default: true },
    });
    const r = await runPy(`
a = db_query('SELECT id, city, amount FROM orders WHERE city = %s ORDER BY id', ('北京',))
b = db_query('SELECT id FROM orders WHERE city = ? AND amount > ?', ['北京', 6])
c = db_query('SELECT id FROM orders WHERE city = %(city)s AND id > :min_id', {'city': '北京', 'min_id': 1})
d = db_query(sql="SELECT '%s' AS t, COUNT(*) AS n FROM orders")
result = {'content': json.dumps([a, b, c, d], ensure_ascii=False)}
`);
    expect(r.error).toBeNull();
    expect(json(r)).toEqual([
      [
        { id: 1, city: "北京", amount: 10.5 },
        { id: 3, city: "北京", amount: 5.25 },
      ],
      [{ id: 1 }],
      [{ id: 3 }],
      [{ t: "%s", n: 3 }],
    ]);
  });

  it("modules without import are the real stdlib; datetime, date and timedelta are the classes", async () => {
    const r = await runPy(`
out = [
  datetime.__name__, date.__name__, timedelta.__name__, type(datetime.now()).__name__,
  (date.today() - timedelta(days=1)).isoformat() < date.today().isoformat(),
  datetime.strptime('2026-01-02 03:04', '%Y-%m-%d %H:%M').strftime('%d/%m %H时'),
  hashlib.md5('abc'.encode()).hexdigest(), hashlib.sha256(b'abc').hexdigest()[:8],
  base64.b64encode('你好'.encode()).decode(), base64.b64decode('5L2g5aW9').decode(),
  re.search(r'(\\d+)', '订单 42').group(1), math.ceil(4.2), json.loads('{"a": [1]}'),
  isinstance(time.time(), float), 1 <= random.randint(1, 6) <= 6, random.choice(['x']),
]
result = {'content': json.dumps(out, ensure_ascii=False)}
`);
    expect(r.error).toBeNull();
    expect(json(r)).toEqual([
      "datetime",
      "date",
      "timedelta",
      "datetime",
      true,
      "02/01 03时",
      "900150983cd24fb0d6963f7d28e17f72",
      "ba7816bf",
      "5L2g5aW9",
      "你好",
      "42",
      5,
      { a: [1] },
      true,
      true,
      "x",
    ]);
  });

  it("globals task_id, tenant_id, trace_id; get_param/get_params; vars; log/print; result a dict", async () => {
    await resetDb();
    await createTenant({
      scope: platformScope(),
      input: { tenant_id: "acme", name: "Acme", is_enabled: true },
    });
    const task = await db.scheduledTask.create({
      data: { tenantId: "acme", taskName: "py", scriptContent: "" },
    });
    const script = `
n = get_var('n', 0) + 1
set_var('n', n)
set_var('tmp', {'a': [1, 2]})
tmp = get_var('tmp')
del_var('tmp')
log('run', n, {'k': '中'})
print('a', 'b', sep='-')
result = {'title': 't', 'content': json.dumps([task_id, tenant_id, len(trace_id), get_param('p'), get_param('q', 'dq'),
          get_params(), n, tmp, get_var('tmp', 'gone')], ensure_ascii=False)}
`;
    const opts = { taskId: task.id, tenantId: "acme", traceId: "trace-123456", params: { p: 1 } };
    const first = await runPy(script, opts);
    expect(first.error).toBeNull();
    expect(json(first)).toEqual([task.id, "acme", 12, 1, "dq", { p: 1 }, 1, { a: [1, 2] }, "gone"]);
    expect(first.output).toMatch(/\] run 1 \{'k': '中'\}\n.*\] a-b$/);
    const second = await runPy(script, opts);
    expect((json(second) as unknown[])[6]).toBe(2);
  });

  it("get_secret values are masked in output, error and result", async () => {
    await resetDb();
    await createTenant({
      scope: platformScope(),
      input: { tenant_id: "acme", name: "Acme", is_enabled: true },
    });
    await setSecret({
      scope: tenantScope("acme"),
      input: { secret_key: "API_TOKEN", secret_value: "acme-py-token-AAAA" },
    });
    const r = await runPy(
      `
t = get_secret('API_TOKEN')
print('token', t, {'nested': t})
import sys
sys.stderr.write('stderr ' + t + '\\n')
raise ValueError('failed with ' + t)
`,
      { tenantId: "acme" },
    );
    expect(r.success).toBe(false);
    for (const text of [r.output, r.error!]) {
      expect(text).not.toContain("acme-py-token-AAAA");
      expect(text).toContain("******");
    }
    const res = await runPy("result = {'content': 'x ' + get_secret('API_TOKEN')}", { tenantId: "acme" });
    expect(JSON.stringify(res.result)).not.toContain("acme-py-token-AAAA");
  });

  it("keyword arguments the seed does not have are refused like Python would", async () => {
    const r = await runPy("http_get('http://x', timeout=3)");
    expect(r.error).toMatch(/TypeError: http_get\(\) got an unexpected keyword argument 'timeout'/);
    const d = await runPy("dingtalk('https://oapi.dingtalk.com/robot/send?access_token=x')");
    expect(d.error).toMatch(/TypeError: dingtalk\(\) missing 1 required positional argument: 'content'/);
  });
});
