import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { startEmbeddedDispatcher, type EmbeddedDispatcher } from "@/server/runs/embedded-dispatcher";
import { FLOW_DEFAULTS, type FlowOptions } from "@/server/runs/run-flow";
import { LocalRunner } from "@/server/runs/local-runner";
import {
  startFakeDingtalk,
  startFakeWecomRobot,
  type FakeDingtalk,
  type FakeWecomRobot,
  type ReceivedRequest,
} from "../fakes";
import { resetDb } from "../helpers/db";
import { waitFor } from "../runs/poll";
import { allowLoopback, logsOf, makeChannel, makeTask, makeTenant } from "../runs/run-helpers";
import { FULL, sized } from "./mode";

// Robot outage: the strict WeCom robot fake answers 503 for a while. A delivery is retried
// (within a round, then in later rounds) and gets through once the robot is back, without
// running the script again; when the outage outlasts every round the run fails once and exactly
// one alert goes out. The full run uses the production delivery settings and a two-minute outage.

const FLOW: FlowOptions = sized({ deliveryRounds: 3, deliveryRetrySeconds: 1 }, FLOW_DEFAULTS);
// Counted from the robot's first refused request. One round makes 4 tries over 7–8.4 s; the
// outage ends during the second round (short) or before the third (full: rounds 60 s apart).
const OUTAGE_MS = sized(12_000, 120_000);
const ROUND_TRIES = 4;

const SCRIPT = `
const n = get_var('runs', 0) + 1
set_var('runs', n)
result = { title: '日报', content: '第 ' + n + ' 次运行' }
`;

describe("robot outage", { timeout: sized(90_000, 400_000) }, () => {
  let recovering: FakeWecomRobot;
  let down: FakeWecomRobot;
  let alerts: FakeDingtalk;
  let dispatcher: EmbeddedDispatcher | undefined;

  beforeAll(async () => {
    allowLoopback();
    await resetDb();
    [recovering, down, alerts] = await Promise.all([
      startFakeWecomRobot(),
      startFakeWecomRobot(),
      startFakeDingtalk(),
    ]);
  });
  afterAll(async () => {
    await dispatcher?.stop(1_000);
    await Promise.all([recovering.close(), down.close(), alerts.close()]);
  });

  it("retries deliveries until the robot is back; when it stays down the run fails once with exactly one alert", async () => {
    const scope = await makeTenant();
    const taskFor = async (name: string, robot: FakeWecomRobot) => {
      const channel = await makeChannel(scope, {
        channel_name: name,
        channel_type: "wecom_bot",
        webhook_url: robot.webhookUrl(),
      });
      return makeTask(scope, {
        task_name: name,
        schedule_type: "cron",
        cron_expression: "0 0 1 1 *",
        script_content: SCRIPT,
        notify_channels: [channel.id],
        alert_on_failure: true,
        alert_webhook: alerts.webhookUrl(),
      });
    };
    const recovers = await taskFor("recovers", recovering);
    const staysDown = await taskFor("stays-down", down);

    // Both robots answer 503 from now on; one comes back after OUTAGE_MS.
    recovering.failNext(1_000_000, { status: 503 });
    down.failNext(1_000_000, { status: 503 });
    await db.scheduledTask.updateMany({
      where: { id: { in: [recovers.id, staysDown.id] } },
      data: { nextRunAt: new Date() },
    });
    dispatcher = await startEmbeddedDispatcher({
      tickMs: 200,
      runner: new LocalRunner({ concurrency: 4, flow: FLOW }),
    });

    await waitFor("the first delivery try", async () => recovering.received.length > 0, 20_000, 20);
    const outageStart = recovering.received[0]!.at;
    let duringOutage: ReceivedRequest[] = [];
    const restore = setTimeout(
      () => {
        duringOutage = [...recovering.received];
        recovering.reset(); // clears the forced failures (and what it recorded so far)
      },
      outageStart + OUTAGE_MS - Date.now(),
    );

    const done = (id: number) => async () => (await logsOf(id)).find((l) => l.status !== "running");
    const roundsMs = FLOW.deliveryRounds! * (8_000 + FLOW.deliveryRetrySeconds! * 1000);
    const recovered = await waitFor(
      "the recovering task's run",
      done(recovers.id),
      OUTAGE_MS + roundsMs,
      250,
    );
    const failed = await waitFor("the stays-down task's run", done(staysDown.id), roundsMs + 30_000, 250);
    clearTimeout(restore);
    const finishedAfter = Date.now() - outageStart;

    // Recovered: delivered once after the outage, after tries in more than one round.
    expect(recovered).toMatchObject({ status: "success", error: null });
    expect(recovered.deliveries).toMatchObject([{ ok: true, errcode: 0, messages: 1 }]);
    expect(duringOutage.length).toBeGreaterThan(ROUND_TRIES);
    expect(duringOutage.every((r) => r.status === 503)).toBe(true);
    expect(recovering.accepted()).toHaveLength(1);
    expect(recovering.accepted()[0]!.at - outageStart).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(JSON.stringify(recovering.accepted()[0]!.body)).toContain("第 1 次运行");

    // Stayed down: every round tried, then one failed run naming the robot's answer.
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/推送失败/);
    expect(failed.deliveries).toMatchObject([{ ok: false, channel_type: "wecom_bot" }]);
    expect(down.received).toHaveLength(FLOW.deliveryRounds! * ROUND_TRIES);
    expect(down.accepted()).toHaveLength(0);

    // The scripts ran once each: deliveries were retried, not the runs.
    for (const id of [recovers.id, staysDown.id]) {
      expect((await db.scriptVar.findFirstOrThrow({ where: { taskId: id, varKey: "runs" } })).varValue).toBe(
        1,
      );
      expect(await logsOf(id)).toHaveLength(1);
    }
    // Exactly one alert, for the failed run, and none for the one that recovered.
    await new Promise((r) => setTimeout(r, 500));
    expect(alerts.accepted()).toHaveLength(1);
    const alert = JSON.stringify(alerts.accepted()[0]!.body);
    expect(alert).toContain("stays-down");
    expect(alert).toContain(failed.traceId!);
    if (FULL || process.env.RELIABILITY_VERBOSE) {
      console.log(
        `robot outage ${OUTAGE_MS} ms: recovered run delivered after ${duringOutage.length} refused tries; the other failed after ${down.received.length} tries, ${finishedAfter} ms`,
      );
    }
  });
});
