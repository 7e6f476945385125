import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { runTaskNow } from "@/server/runs/manual-run";
import { localRunner, resetLocalRunner } from "@/server/runs/local-runner";
import { SecretMasker } from "@/server/sandbox/run-context";
import { testScript } from "@/server/sandbox/test-script";
import { setSecret } from "@/server/services/secrets";
import { setTenantConfig } from "@/server/services/tenant-configs";
import { startFakeWecomRobot, type FakeWecomRobot } from "../fakes";
import { resetDb } from "../helpers/db";
import { allowLoopback, makeChannel, makeTask, makeTenant } from "../runs/run-helpers";

// Issue 11 item 6: a secret put in `result` came back unmasked, was stored in the run and
// delivered; a secret in a URL host came back lower-cased in the DNS error. A hostile (or
// careless) tenant admin's script tries every spelling the platform itself produces.

const SECRET = "Sk-Live/AbC+123=xyz"; // mixed case, '/', '+', '=': every encoding differs
const HOSTY = "TopSecretHostLabel"; // a secret that ends up in a URL host

function leaks(text: string): string[] {
  const spellings = [
    SECRET,
    SECRET.toLowerCase(),
    SECRET.toUpperCase(),
    encodeURIComponent(SECRET),
    encodeURIComponent(SECRET).toLowerCase(),
    Buffer.from(SECRET).toString("base64"),
    HOSTY,
    HOSTY.toLowerCase(),
  ];
  return spellings.filter((s) => text.includes(s));
}

describe("secret masking (unit): the spellings the platform produces", () => {
  const m = new SecretMasker();
  m.add(SECRET);
  it.each([
    ["as is", SECRET],
    ["lower-cased (DNS errors, host names)", SECRET.toLowerCase()],
    ["upper-cased", SECRET.toUpperCase()],
    ["JSON-escaped", JSON.stringify(SECRET).slice(1, -1)],
    ["encodeURIComponent", encodeURIComponent(SECRET)],
    [
      "percent-encoding in lower-case hex",
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()),
    ],
    ["form encoding", new URLSearchParams({ q: SECRET }).toString().slice(2)],
    ["base64", Buffer.from(SECRET).toString("base64")],
    ["base64url", Buffer.from(SECRET).toString("base64url")],
  ])("masks it %s", (_, spelling) => {
    const text = `before ${spelling} after`;
    expect(m.mask(text)).toBe("before ****** after");
  });

  it("masks every string of a nested value, keys included, and leaves other values alone", () => {
    const out = m.maskDeep({ a: [SECRET, 1, true, null], [SECRET]: { b: `x${SECRET}y` } });
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out).toEqual({ a: ["******", 1, true, null], "******": { b: "x******y" } });
  });

  it("masks a secret containing another one whole", () => {
    const m2 = new SecretMasker();
    m2.add("abc");
    m2.add("xxabcxx");
    expect(m2.mask("xxabcxx abc")).toBe("****** ******");
  });
});

describe("secret masking at the sandbox exit", () => {
  let wecom: FakeWecomRobot;

  beforeAll(async () => {
    allowLoopback();
    resetLocalRunner();
    localRunner({ concurrency: 2, flow: { deliveryRounds: 1, deliveryRetrySeconds: 1 } });
    wecom = await startFakeWecomRobot();
  });
  afterAll(async () => {
    await wecom.close();
  });
  beforeEach(async () => {
    await resetDb();
    wecom.reset();
  });

  async function tenantWithSecrets() {
    const scope = await makeTenant("maskco");
    await setSecret({ scope, input: { secret_key: "API_KEY", secret_value: SECRET } });
    await setSecret({ scope, input: { secret_key: "HOST", secret_value: HOSTY } });
    await setTenantConfig({
      scope,
      input: {
        tenant_id: "maskco",
        app_code: "crm",
        config_key: "token",
        config_value: SECRET,
        is_secret: true,
      },
    });
    return scope;
  }

  // Every variant at once: in result (title, content, nested), in the log, in an error.
  const hostileScript = `
const s = get_secret('API_KEY')
const h = get_secret('HOST')
log('raw', s, 'lower', s.toLowerCase(), 'upper', s.toUpperCase(), 'url', encodeURIComponent(s))
log('obj', { s })
let dns = ''
try { http_get('http://' + h + '.invalid/') } catch (e) { dns = String(e.message) }
log('dns', dns)
result = {
  msg_type: 'markdown',
  title: 'T ' + s,
  content: 'c ' + s + ' ' + s.toLowerCase() + ' ' + encodeURIComponent(s) + ' ' + dns + ' ' + get_tenant_config('maskco', 'crm', 'token'),
}
`;

  it("test-script: the response's result, messages, output and error carry no spelling of it", async () => {
    const scope = await tenantWithSecrets();
    const res = await testScript({ scope, script_content: hostileScript });
    expect(res.success, res.error ?? "").toBe(true);
    const text = JSON.stringify(res);
    expect(leaks(text)).toEqual([]);
    expect(text).toContain("******");
    // The DNS error (lower-cased host) was produced by the platform, and masked.
    expect(res.output).toMatch(/dns .*\*{6}/);

    const failing = await testScript({
      scope,
      script_content: "const s = get_secret('API_KEY'); throw new Error('bad ' + s.toLowerCase())",
    });
    expect(failing.success).toBe(false);
    expect(leaks(JSON.stringify(failing))).toEqual([]);
  });

  it("a run: the stored output, error, result and deliveries, and the delivered message, are masked", async () => {
    const scope = await tenantWithSecrets();
    const channel = await makeChannel(scope, { channel_type: "wecom_bot", webhook_url: wecom.webhookUrl() });
    const task = await makeTask(scope, { script_content: hostileScript, notify_channels: [channel.id] });
    const { log_id } = await runTaskNow({ scope, id: task.id });
    await localRunner().idle();
    const log = await db.taskLog.findUniqueOrThrow({ where: { id: log_id } });
    expect(log.status).toBe("success");
    expect(leaks(JSON.stringify({ o: log.output, e: log.error, r: log.result, d: log.deliveries }))).toEqual(
      [],
    );
    expect(wecom.accepted()).toHaveLength(1);
    expect(leaks(JSON.stringify(wecom.accepted()[0]!.body))).toEqual([]);
    expect(JSON.stringify(wecom.accepted()[0]!.body)).toContain("******");
  });

  it("a Python script goes through the same masking (result, output, error)", async () => {
    const scope = await tenantWithSecrets();
    const res = await testScript({
      scope,
      script_language: "python",
      timeout_seconds: 60,
      script_content: [
        "import urllib.parse",
        "s = get_secret('API_KEY')",
        "print('raw', s, s.lower(), urllib.parse.quote(s, safe=''))",
        "result = {'msg_type': 'text', 'content': 'c ' + s.upper() + ' ' + get_tenant_config('maskco', 'crm', 'token')}",
      ].join("\n"),
    });
    expect(res.success, res.error ?? "").toBe(true);
    expect(leaks(JSON.stringify(res))).toEqual([]);
    expect(JSON.stringify(res.result)).toContain("******");
    const failing = await testScript({
      scope,
      script_language: "python",
      script_content: "raise ValueError('bad ' + get_secret('API_KEY').lower())",
    });
    expect(failing.success).toBe(false);
    expect(leaks(JSON.stringify(failing))).toEqual([]);
  }, 120_000);

  it("messages the script sends itself (wecom()) are masked too", async () => {
    const scope = await tenantWithSecrets();
    const res = await testScript({
      scope,
      script_content: `wecom('${wecom.webhookUrl()}', 'key is ' + get_secret('API_KEY').toUpperCase())`,
    });
    expect(res.success, res.error ?? "").toBe(true);
    expect(wecom.accepted()).toHaveLength(1);
    const sent = JSON.stringify(wecom.accepted()[0]!.body);
    expect(leaks(sent)).toEqual([]);
    expect(sent).toContain("key is ******");
  });
});
