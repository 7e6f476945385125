import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { localRunner, resetLocalRunner } from "@/server/runs/local-runner";
import { runTaskNow } from "@/server/runs/manual-run";
import { setDefaultAlertChannel } from "@/server/services/alert-settings";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { resetDb } from "../helpers/db";
import { allowLoopback, makeChannel, makeTask, makeTenant } from "./run-helpers";

// The alert policy against the strict fakes: a signed DingTalk group gets one alert after the
// third failure in a row (with its @mentions), nothing more while the incident is open, and a
// recovery notice when the task succeeds again; the run detail records where each went.

const SECRET = "SEC" + "a".repeat(61);
// Fails while the script variable `fail` is true (set from the test).
const SCRIPT = `if (get_param('fail')) throw new Error('数据库连接失败')\nresult = 'ok'`;

describe("alert policy", { timeout: 60_000 }, () => {
  let dingtalk: FakeDingtalk;
  let wecom: FakeWecomRobot;

  beforeAll(async () => {
    allowLoopback();
    resetLocalRunner();
    dingtalk = await startFakeDingtalk({ robots: [{ token: "signed-group", secret: SECRET }] });
    wecom = await startFakeWecomRobot();
  });
  afterAll(async () => {
    await dingtalk.close();
    await wecom.close();
  });
  beforeEach(async () => {
    await resetDb();
    dingtalk.reset();
    wecom.reset();
  });

  async function run(scope: Awaited<ReturnType<typeof makeTenant>>, taskId: number, fail: boolean) {
    const { log_id } = await runTaskNow({ scope, id: taskId, inputParams: { fail } });
    await localRunner().idle();
    return db.taskLog.findUniqueOrThrow({ where: { id: log_id } });
  }

  it("alerts a signed DingTalk group after the 3rd failure in a row, once, then sends a recovery notice", async () => {
    const scope = await makeTenant();
    const group = await makeChannel(scope, {
      channel_name: "值班群",
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl("signed-group"),
      sign_secret: SECRET,
    });
    const task = await makeTask(scope, {
      task_name: "销售日报",
      script_content: SCRIPT,
      alert_on_failure: true,
      alert_channels: [group.id],
      alert_after_failures: 3,
      alert_mentions: { at_mobiles: ["13800000000"], at_all: false },
    });

    const first = await run(scope, task.id, true);
    const second = await run(scope, task.id, true);
    expect(dingtalk.accepted()).toHaveLength(0);
    expect(first.alert).toMatchObject({ kind: "not_yet", consecutive_failures: 1, threshold: 3 });
    expect(second.alert).toMatchObject({ kind: "not_yet", consecutive_failures: 2 });

    const third = await run(scope, task.id, true);
    const alerts = dingtalk.accepted();
    expect(alerts).toHaveLength(1);
    const body = alerts[0]!.body as {
      msgtype: string;
      markdown: { title: string; text: string };
      at: unknown;
    };
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.title).toContain("销售日报");
    expect(body.markdown.text).toContain("数据库连接失败");
    expect(body.markdown.text).toContain("连续失败：3 次");
    expect(body.markdown.text).toContain("@13800000000");
    expect(body.at).toMatchObject({ atMobiles: ["13800000000"], isAtAll: false });
    expect(third.alert).toMatchObject({
      kind: "failure",
      consecutive_failures: 3,
      targets: [{ kind: "channel", id: group.id, name: "值班群", ok: true }],
    });

    // The incident is open: a 4th failure sends nothing more.
    const fourth = await run(scope, task.id, true);
    expect(fourth.alert).toMatchObject({ kind: "already_open", consecutive_failures: 4 });
    expect(dingtalk.accepted()).toHaveLength(1);

    // Success: one recovery notice, and the count starts again.
    const ok = await run(scope, task.id, false);
    expect(ok.status).toBe("success");
    expect(ok.alert).toMatchObject({ kind: "recovery", targets: [{ name: "值班群", ok: true }] });
    expect(dingtalk.accepted()).toHaveLength(2);
    const recovery = dingtalk.accepted()[1]!.body as { markdown: { title: string } };
    expect(recovery.markdown.title).toContain("已恢复");
    const again = await run(scope, task.id, false);
    expect(again.alert).toBeNull();
    expect(dingtalk.accepted()).toHaveLength(2);
    const t = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(t).toMatchObject({ consecutiveFailures: 0, alertOpen: false });
  });

  it("uses the tenant's default alert channel, with WeCom mentioned_list / mentioned_mobile_list", async () => {
    const scope = await makeTenant();
    const ops = await makeChannel(scope, {
      channel_name: "运维群",
      channel_type: "wecom_bot",
      webhook_url: wecom.webhookUrl(),
    });
    await setDefaultAlertChannel({ scope, channelId: ops.id });
    const task = await makeTask(scope, {
      script_content: SCRIPT,
      alert_on_failure: true,
      alert_mentions: { mentioned_list: ["zhangsan"], mentioned_mobile_list: ["13900000000"] },
    });
    const failed = await run(scope, task.id, true);
    expect(failed.alert).toMatchObject({ kind: "failure", targets: [{ name: "运维群", ok: true }] });
    const body = wecom.accepted()[0]!.body as { msgtype: string; text: Record<string, unknown> };
    expect(body.msgtype).toBe("text");
    expect(body.text).toMatchObject({ mentioned_list: ["zhangsan"], mentioned_mobile_list: ["13900000000"] });
    expect(String(body.text.content)).toContain("数据库连接失败");
  });

  it("keeps the seed's alert_webhook working, and refuses alerting with nowhere to send", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: SCRIPT,
      alert_on_failure: true,
      alert_webhook: dingtalk.webhookUrl("signed-group").replace("signed-group", "dingtalk-plain"),
    });
    const failed = await run(scope, task.id, true);
    expect(failed.alert).toMatchObject({ kind: "failure", targets: [{ kind: "webhook", ok: false }] });
    await expect(makeTask(scope, { script_content: SCRIPT, alert_on_failure: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
