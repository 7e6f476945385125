import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { createChannel } from "@/server/services/channels";
import { createTenant } from "@/server/services/tenants";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { resetDb } from "../helpers/db";
import { run, setEnv } from "./helpers";

let ding: FakeDingtalk;
let wecom: FakeWecomRobot;
const SECRET = "SEC0123456789abcdef";
const ids: Record<string, number> = {};

beforeAll(async () => {
  ding = await startFakeDingtalk({ robots: [{ token: "ops", secret: SECRET }, { token: "plain" }] });
  wecom = await startFakeWecomRobot({ keys: ["key-1"] });
});
afterAll(async () => {
  await ding.close();
  await wecom.close();
});
afterEach(() => setEnv({ OUTBOUND_ALLOWLIST: "" }));

beforeEach(async () => {
  ding.reset();
  wecom.reset();
  await resetDb();
  setEnv({ OUTBOUND_ALLOWLIST: "127.0.0.1" }); // channels on the local fakes are http://127.0.0.1
  const admin = platformScope();
  for (const t of ["acme", "globex"])
    await createTenant({ scope: admin, input: { tenant_id: t, name: t, is_enabled: true } });
  const mk = async (
    tenant: string,
    name: string,
    type: "dingtalk_bot" | "wecom_bot",
    url: string,
    secret?: string,
  ) =>
    (
      await createChannel({
        scope: tenantScope(tenant),
        input: {
          channel_name: name,
          channel_type: type,
          webhook_url: url,
          ...(secret ? { sign_secret: secret } : {}),
        } as never,
      })
    ).id;
  ids.acmeDing = await mk("acme", "运营群", "dingtalk_bot", ding.webhookUrl("ops"), SECRET);
  ids.acmeWecom = await mk("acme", "研发群", "wecom_bot", wecom.webhookUrl("key-1"));
  ids.globexDing = await mk("globex", "globex群", "dingtalk_bot", ding.webhookUrl("plain"));
});

describe("dingtalk() / wecom()", () => {
  it("sends to a channel by name with its signing secret", async () => {
    const r = await run("return json.dumps(dingtalk('运营群', '### 今日播报\\n一切正常', '播报'))", {
      tenantId: "acme",
    });
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual({ errcode: 0, errmsg: "ok" });
    const [sent] = ding.accepted();
    expect(sent!.query).toMatchObject({ access_token: "ops" });
    expect(sent!.query.sign).toBeTruthy();
    expect(sent!.body).toMatchObject({
      msgtype: "markdown",
      markdown: { title: "播报", text: "### 今日播报\n一切正常" },
    });
  });

  it("sends to a channel by id, and wecom to a webhook URL", async () => {
    const r = await run(
      `
      const a = dingtalk(${ids.acmeDing}, '按 ID 发送')
      const b = wecom('${wecom.webhookUrl("key-1")}', '**告警** 磁盘 91%')
      const c = wecom('研发群', 'by name')
      return json.dumps([a.errcode, b.errcode, c.errcode])`,
      { tenantId: "acme" },
    );
    expect(JSON.parse((r.result as { content: string }).content)).toEqual([0, 0, 0]);
    expect(ding.accepted()[0]!.body).toMatchObject({ markdown: { title: "通知", text: "按 ID 发送" } });
    expect(wecom.accepted().map((q) => q.body)).toEqual([
      { msgtype: "markdown", markdown: { content: "**告警** 磁盘 91%" } },
      { msgtype: "markdown", markdown: { content: "by name" } },
    ]);
  });

  it("returns the robot's error code instead of throwing", async () => {
    const r = await run(`return json.dumps(dingtalk('${ding.webhookUrl("ops")}', 'unsigned'))`, {
      tenantId: "acme",
    });
    const answer = JSON.parse((r.result as { content: string }).content) as {
      errcode: number;
      errmsg: string;
    };
    expect(answer.errcode).toBe(310000);
    expect(answer.errmsg).toContain("sign not match");
  });

  it("a tenant task cannot use another tenant's channel; types must match", async () => {
    const other = await run(`dingtalk(${ids.globexDing}, 'x')`, { tenantId: "acme" });
    expect(other.error).toContain(`找不到通知渠道「${ids.globexDing}」`);
    const byName = await run("dingtalk('globex群', 'x')", { tenantId: "acme" });
    expect(byName.error).toContain("找不到通知渠道「globex群」");
    const wrongType = await run("wecom('运营群', 'x')", { tenantId: "acme" });
    expect(wrongType.error).toContain("渠道「运营群」不是企业微信机器人");
    expect(ding.received).toHaveLength(0);
    const global = await run(`return String(dingtalk(${ids.globexDing}, 'from a global task').errcode)`);
    expect(global.result).toMatchObject({ content: "0" });
  });

  it("a webhook URL on a private address is refused without the allowlist", async () => {
    setEnv({ OUTBOUND_ALLOWLIST: "" });
    const r = await run(`wecom('${wecom.webhookUrl("key-1")}', 'x')`, { tenantId: "acme" });
    expect(r.error).toContain("禁止访问内网、本机或保留地址：127.0.0.1");
    expect(wecom.received).toHaveLength(0);
  });
});
