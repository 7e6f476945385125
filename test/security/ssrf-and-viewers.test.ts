import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as channelItem from "@/app/api/notification-channels/[id]/route";
import * as channels from "@/app/api/notification-channels/route";
import * as taskItem from "@/app/api/scheduled-tasks/[id]/route";
import * as tasks from "@/app/api/scheduled-tasks/route";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { blockedRange, isBlockedAddress } from "@/server/net/ip-policy";
import { assertDsnHostAllowedAtSave, assertHostAllowedAtSave } from "@/server/net/save-check";
import { createCaller } from "@/server/root";
import { platformScope } from "@/server/auth/scope";
import { createUser } from "@/server/services/users";
import { createContext } from "@/server/trpc";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";

// Issue 11 item 8 (SSRF at save) and item 6 (viewers read robot keys). Hostile tenant admins
// save URLs pointing inside in every spelling; viewers try to read robot credentials.

function setAllowlist(value: string) {
  process.env.OUTBOUND_ALLOWLIST = value;
  resetEnvCache();
}

describe("the address policy (ipaddr.js ranges)", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.0.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "uniqueLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["fe80::1%eth0", "linkLocal"],
    ["fec0::1", "deprecatedSiteLocal"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["::ffff:127.0.0.1", "ipv4Mapped:loopback"],
    ["::ffff:7f00:1", "ipv4Mapped:loopback"],
    ["::FFFF:A9FE:A9FE", "ipv4Mapped:linkLocal"],
    ["::ffff:0:10.0.0.1", "rfc6145:private"],
    ["64:ff9b::10.0.0.1", "rfc6052:private"],
    ["64:ff9b::7f00:1", "rfc6052:loopback"],
    ["64:ff9b:1::808:808", "rfc6052"],
    ["2002:a9fe:a9fe::1", "6to4:linkLocal"],
    ["2002:7f00:1::", "6to4:loopback"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
    ["::127.0.0.1", "ipv4Mapped:loopback"], // ipaddr.js reads the dotted tail as mapped: refused either way
    ["::a00:1", "ipv4Compatible"],
    ["[::1]", "loopback"],
    ["not-an-ip", "invalid"],
  ])("refuses %s (%s)", (ip, range) => {
    expect(isBlockedAddress(ip)).toBe(true);
    expect(blockedRange(ip)).toBe(range);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "::ffff:8.8.8.8",
  ])("allows public %s", (ip) => expect(isBlockedAddress(ip)).toBe(false));
});

describe("URLs are checked when they are saved", () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;
  beforeEach(async () => {
    setAllowlist("");
    await resetDb();
    a = await tenantWithToken("ssrf-co");
  });
  afterEach(() => setAllowlist(""));

  const internalUrls = [
    "https://127.0.0.1/robot/send?access_token=x",
    "https://10.0.0.5/robot/send?access_token=x",
    "https://169.254.169.254/robot/send?access_token=x",
    "https://[::1]/robot/send?access_token=x",
    "https://[::ffff:127.0.0.1]/robot/send?access_token=x",
    "https://[::ffff:a9fe:a9fe]/robot/send?access_token=x",
    "https://[64:ff9b::a00:1]/robot/send?access_token=x",
    "https://[2002:a9fe:a9fe::1]/robot/send?access_token=x",
    "https://[fd00::1]/robot/send?access_token=x",
    "https://0x7f.1/robot/send?access_token=x", // hex, short form: the URL parser makes it 127.0.0.1
    "https://2130706433/robot/send?access_token=x", // decimal
    "https://0177.0.0.1/robot/send?access_token=x", // octal
    "https://127.1/robot/send?access_token=x",
    "https://0.0.0.0/robot/send?access_token=x",
    "https://localhost/robot/send?access_token=x",
    "https://LOCALHOST./robot/send?access_token=x",
    "https://api.localhost/robot/send?access_token=x",
    "https://metadata.google.internal/robot/send?access_token=x",
    "https://printer.local/robot/send?access_token=x",
    "https://redis/robot/send?access_token=x",
  ];

  it.each(internalUrls)("a channel with %s is refused naming webhook_url, nothing saved", async (url) => {
    const res = await callRoute(channels.POST, {
      token: a.token,
      body: { channel_name: "x", channel_type: "dingtalk_bot", webhook_url: url },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: "webhook_url" })]);
    expect(await db.notifyChannel.count()).toBe(0);
  });

  const task = (fields: Record<string, unknown>) => ({
    task_name: "t",
    schedule_type: "simple",
    time_points: ["08:00"],
    execution_type: "script",
    script_content: "result = 1",
    ...fields,
  });

  it.each([
    ["webhook_url", { execution_type: "webhook", webhook_url: "http://10.1.2.3:8080/hook" }],
    ["webhook_url", { execution_type: "webhook", webhook_url: "http://[::ffff:10.1.2.3]/hook" }],
    ["webhook_url", { execution_type: "webhook", webhook_url: "http://localhost:3000/api/scheduled-tasks" }],
    ["alert_webhook", { alert_on_failure: true, alert_webhook: "http://169.254.169.254/latest/meta-data/" }],
    [
      "alert_webhook",
      { alert_on_failure: true, alert_webhook: "https://kubernetes.default.svc.cluster.internal/" },
    ],
  ])("a task is refused naming %s when it points inside", async (field, fields) => {
    const res = await callRoute(tasks.POST, { token: a.token, body: task(fields) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
    expect(res.body.error.details[0].message).toContain("INTERNAL_ADDRESS");
    expect(await db.scheduledTask.count()).toBe(0);
  });

  it("an update that points a task inside is refused; changing other fields of an allowed one is not", async () => {
    const created = await callRoute(tasks.POST, {
      token: a.token,
      body: task({ execution_type: "webhook", webhook_url: "https://8.8.8.8/hook" }),
    });
    expect(created.status).toBe(201);
    const bad = await callRoute(taskItem.PUT, {
      token: a.token,
      method: "PUT",
      params: { id: created.body.id },
      body: { alert_on_failure: true, alert_webhook: "http://[::ffff:7f00:1]/x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("alert_webhook");
    const ok = await callRoute(taskItem.PUT, {
      token: a.token,
      method: "PUT",
      params: { id: created.body.id },
      body: { task_name: "renamed" },
    });
    expect(ok.status).toBe(200);
  });

  it("OUTBOUND_ALLOWLIST lets an operator permit an internal target (IP, CIDR or host name)", async () => {
    setAllowlist("10.0.0.0/8,localhost");
    await expect(assertHostAllowedAtSave("10.9.9.9", "webhook_url")).resolves.toBeUndefined();
    await expect(assertHostAllowedAtSave("localhost", "webhook_url")).resolves.toBeUndefined();
    await expect(assertHostAllowedAtSave("192.168.1.1", "webhook_url")).rejects.toThrow(/INTERNAL_ADDRESS/);
  });

  it("data sources (platform admins) may sit on private networks, never on metadata or reserved ranges", async () => {
    for (const ok of ["127.0.0.1", "10.2.3.4", "192.168.1.10", "[fd00::5]", "db.example.com"])
      await expect(
        assertDsnHostAllowedAtSave(`mysql://reader:pw@${ok}:3306/business`),
      ).resolves.toBeUndefined();
    for (const bad of [
      "169.254.169.254",
      "[::ffff:a9fe:a9fe]",
      "[fe80::1]",
      "0.0.0.0",
      "224.0.0.1",
      "[2002:a9fe:a9fe::1]",
    ])
      await expect(assertDsnHostAllowedAtSave(`mysql://reader:pw@${bad}:3306/business`), bad).rejects.toThrow(
        /INTERNAL_ADDRESS/,
      );
  });

  it("a name that does not resolve now is accepted at save (checked again when used)", async () => {
    await expect(assertHostAllowedAtSave("no-such-host.invalid", "webhook_url")).resolves.toBeUndefined();
  });
});

describe("viewers see robot URLs with their keys masked; admins see them whole", () => {
  const DING = "https://oapi.dingtalk.com/robot/send?access_token=ding-secret-token-123";
  const WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-secret-key-456";
  const ALERT = "https://hooks.example.com/alert?token=alert-secret-789&team=ops";

  it("channels over REST and tRPC, task alert/webhook URLs over REST and tRPC", async () => {
    await resetDb();
    setAllowlist("oapi.dingtalk.com,qyapi.weixin.qq.com,hooks.example.com");
    const admin = await tenantWithToken("viewco");
    const viewer = await tenantWithToken("viewco", "viewer");
    const d = await callRoute(channels.POST, {
      token: admin.token,
      body: { channel_name: "钉钉", channel_type: "dingtalk_bot", webhook_url: DING },
    });
    const w = await callRoute(channels.POST, {
      token: admin.token,
      body: { channel_name: "企微", channel_type: "wecom_bot", webhook_url: WECOM },
    });
    expect([d.status, w.status]).toEqual([201, 201]);
    const t = await callRoute(tasks.POST, {
      token: admin.token,
      body: {
        task_name: "t",
        schedule_type: "simple",
        time_points: ["08:00"],
        execution_type: "webhook",
        webhook_url: `${ALERT}&x=1`,
        alert_on_failure: true,
        alert_webhook: ALERT,
      },
    });
    expect(t.status).toBe(201);
    setAllowlist("");

    await createUser({
      scope: platformScope(),
      input: { email: "viewer@viewco.test", role: "viewer", tenant_id: "viewco" },
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "viewer@viewco.test" } });
    const trpc = createCaller(
      createContext({ user: { id: user.id, email: user.email }, activeTenantId: "viewco" }),
    );

    const viewerSees = JSON.stringify([
      await callRoute(channels.GET, { token: viewer.token }),
      await callRoute(channelItem.GET, { token: viewer.token, params: { id: d.body.id } }),
      await callRoute(channelItem.GET, { token: viewer.token, params: { id: w.body.id } }),
      await callRoute(tasks.GET, { token: viewer.token }),
      await callRoute(taskItem.GET, { token: viewer.token, params: { id: t.body.id } }),
      await trpc.channels.list(),
      await trpc.channels.get({ id: d.body.id }),
      await trpc.tasks.get({ id: t.body.id }),
    ]);
    for (const key of ["ding-secret-token-123", "wecom-secret-key-456", "alert-secret-789"])
      expect(viewerSees).not.toContain(key);
    expect(viewerSees).toContain("access_token=******");
    expect(viewerSees).toContain("key=******");
    expect(viewerSees).toContain("token=******&team=ops");

    const adminSees = JSON.stringify([
      await callRoute(channelItem.GET, { token: admin.token, params: { id: d.body.id } }),
      await callRoute(taskItem.GET, { token: admin.token, params: { id: t.body.id } }),
    ]);
    for (const key of ["ding-secret-token-123", "alert-secret-789"]) expect(adminSees).toContain(key);
  });
});
