import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { resetDb } from "../helpers/db";
import { startChildDispatcher, type ChildDispatcher } from "./child-dispatcher";
import { startCountingServer } from "./counting-server";
import { allowLoopback, logsOf, makeChannel, makeTask, makeTenant } from "./run-helpers";

const WINDOW_MS = 20_000;

describe("two embedded dispatchers (two processes) on one database", { timeout: 120_000 }, () => {
  let hook: Awaited<ReturnType<typeof startCountingServer>>;
  let robot: FakeDingtalk;
  const children: ChildDispatcher[] = [];

  beforeAll(async () => {
    await resetDb();
    allowLoopback(); // passed on to the children through the environment
    hook = await startCountingServer();
    // The strict fake: 20 messages a minute per robot, the 21st refused and the robot locked.
    robot = await startFakeDingtalk();
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await hook.close();
    await robot.close();
  });

  it("run every fire of every every-second task exactly once, with no gaps", async () => {
    const scope = await makeTenant();
    children.push(await startChildDispatcher(), await startChildDispatcher());
    const [a, b] = children as [ChildDispatcher, ChildDispatcher];

    // overlap "allow": a run slowed down by the shared machine must not turn into a skipped fire,
    // this test is about claims. Webhook tasks are cheap; one script task runs an isolate per fire.
    // Each task's first due time as created (on a loaded machine the dispatchers may claim it
    // before the test could read it back).
    const firstDue = new Map<number, number>();
    const made = async (input: Parameters<typeof makeTask>[1]) => {
      const t = await makeTask(scope, input);
      firstDue.set(t.id, t.next_run_at!.getTime());
      return t;
    };
    const every = { schedule_type: "cron", cron_expression: "* * * * * *", overlap_policy: "allow" };
    const webhookTasks = [
      await made({
        ...every,
        task_name: "webhook-1",
        execution_type: "webhook",
        webhook_url: hook.url("/w1"),
      }),
      await made({
        ...every,
        task_name: "webhook-2",
        execution_type: "webhook",
        webhook_url: hook.url("/w2"),
      }),
    ];
    const scriptTask = await made({
      ...every,
      task_name: "script",
      script_language: "javascript",
      script_content: `http_get('${hook.url("/script")}'); result = 'ok'`,
    });
    const tasks = [...webhookTasks, scriptTask];
    await sleep(WINDOW_MS);
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);

    const runners = new Set<string>();
    for (const t of tasks) {
      const logs = (await logsOf(t.id)).sort((x, y) => x.scheduledFor!.getTime() - y.scheduledFor!.getTime());
      const fires = logs.map((l) => l.scheduledFor!.getTime());
      // Roughly one fire per second of the window (the shared machine may start a little late).
      expect(fires.length, `task ${t.task_name}`).toBeGreaterThanOrEqual(WINDOW_MS / 1000 - 3);
      expect(
        logs.map((l) => l.status),
        `task ${t.task_name}`,
      ).toEqual(logs.map(() => "success"));
      expect(logs.every((l) => l.trigger === "schedule")).toBe(true);
      // The first fire after the task was created ran; then every second, no gap, no duplicate.
      expect(fires[0]).toBe(firstDue.get(t.id));
      // A 2000 here is a fire coalesced into the next: neither dispatcher ticked for over a second.
      expect(
        fires.slice(1).map((f, i) => f - fires[i]!),
        `gaps between fires of ${t.task_name}`,
      ).toEqual(fires.slice(1).map(() => 1000));
      // Every claimed fire has its row: the task's next fire is the one after the last row.
      const after = await db.scheduledTask.findUniqueOrThrow({ where: { id: t.id } });
      expect(after.nextRunAt!.getTime()).toBe(fires.at(-1)! + 1000);
      for (const l of logs) runners.add(l.runnerId!);

      if (t.id === scriptTask.id) {
        expect(hook.hits.filter((h) => h.path === "/script")).toHaveLength(fires.length);
      } else {
        // The work itself ran once per fire: one webhook call per scheduled_for, none twice.
        const path = t.task_name === "webhook-1" ? "/w1" : "/w2";
        const called = hook.hits
          .filter((h) => h.path === path)
          .map((h) => Date.parse(JSON.parse(h.body).scheduled_for));
        expect(called.sort((x, y) => x - y)).toEqual(fires);
      }
    }
    // Both processes did part of the work (the claims really raced).
    expect([...runners].sort()).toEqual([a.runnerId, b.runnerId].sort());
  });

  it("send no robot more than its 20 messages a minute between them", async () => {
    // The first test's every-second tasks would only add noise here.
    await db.scheduledTask.updateMany({ data: { isEnabled: false } });
    const scope = await makeTenant("robots");
    const channel = await makeChannel(scope, {
      channel_type: "dingtalk_bot",
      webhook_url: robot.webhookUrl(),
    });
    // Two tasks a second, each pushing one message to the same robot: ~2 sends a second offered,
    // 10 times what the robot takes, from whichever process claimed the fire.
    const tasks = [];
    for (const name of ["robot-1", "robot-2"])
      tasks.push(
        await makeTask(scope, {
          task_name: name,
          schedule_type: "cron",
          cron_expression: "* * * * * *",
          overlap_policy: "allow",
          script_language: "javascript",
          script_content: "result = '定时通知 ' + Date.now()",
          notify_channels: [channel.id],
        }),
      );
    const pair = [await startChildDispatcher(), await startChildDispatcher()];
    children.push(...pair);
    // Until the robot's minute is full (20 sent) and a few more runs wait for it.
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && robot.received.length < 20) await sleep(500);
    await sleep(3_000);
    // Runs still waiting for the robot's window are cut off by the stop (their rows stay leased).
    expect(await Promise.all(pair.map((c) => c.stop()))).toEqual([0, 0]);

    const fired = (await Promise.all(tasks.map((t) => logsOf(t.id)))).flat();
    expect(fired.length, "fires offered to the robot").toBeGreaterThan(20);
    // No message refused (a refused one would lock the robot for 10 minutes), none over the limit.
    expect(robot.received.map((r) => r.errcode)).toEqual(robot.received.map(() => 0));
    expect(robot.received).toHaveLength(20);
    // Both processes sent some of the 20: the limit held across processes, not within one.
    const senders = new Set(
      fired.filter((l) => Array.isArray(l.deliveries) && l.deliveries.length > 0).map((l) => l.runnerId),
    );
    expect([...senders].sort()).toEqual(pair.map((c) => c.runnerId).sort());
  });
});
