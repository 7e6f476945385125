import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { LocalRunner, localRunner, resetLocalRunner } from "@/server/runs/local-runner";
import { runTaskNow } from "@/server/runs/manual-run";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { parseInvalidResult } from "@/lib/result-error";
import { resetDb } from "../helpers/db";
import { allowLoopback, logsOf, makeChannel, makeTask, makeTenant } from "./run-helpers";

// A script that fails until its n-th attempt, counting attempts in a script variable.
const failUntil = (n: number) => `
const attempt = get_var('attempt', 0) + 1
set_var('attempt', attempt)
log('attempt', attempt)
if (attempt < ${n}) throw new Error('boom on attempt ' + attempt)
result = { title: '日报', content: '第 ' + attempt + ' 次成功' }
`;

async function runNow(
  taskId: number,
  scope: Awaited<ReturnType<typeof makeTenant>>,
  inputParams?: Record<string, unknown>,
) {
  const { log_id } = await runTaskNow({ scope, id: taskId, inputParams });
  await localRunner().idle();
  const log = await db.taskLog.findUniqueOrThrow({ where: { id: log_id } });
  return { status: log.status };
}

describe("the run flow", () => {
  let wecom: FakeWecomRobot;
  let dingtalk: FakeDingtalk;

  beforeAll(async () => {
    allowLoopback();
    // The process-wide runner (what runTaskNow dispatches to), with short delivery retry waits.
    resetLocalRunner();
    localRunner({ concurrency: 4, flow: { deliveryRounds: 2, deliveryRetrySeconds: 1 } });
    wecom = await startFakeWecomRobot();
    dingtalk = await startFakeDingtalk();
  });
  afterAll(async () => {
    await wecom.close();
    await dingtalk.close();
  });
  beforeEach(async () => {
    await resetDb();
    wecom.reset();
    dingtalk.reset();
  });

  it("runs a script, delivers its result to the channel and records everything on one log row", async () => {
    const scope = await makeTenant();
    const channel = await makeChannel(scope, { channel_type: "wecom_bot", webhook_url: wecom.webhookUrl() });
    const task = await makeTask(scope, {
      script_content:
        "log('hello', get_param('who'))\nresult = { title: 'T', content: '**hi** ' + get_param('who') }",
      input_params: { who: "运营" },
      notify_channels: [channel.id],
    });

    const outcome = await runNow(task.id, scope);
    expect(outcome.status).toBe("success");

    const [log] = await logsOf(task.id);
    expect(log).toMatchObject({ status: "success", trigger: "manual", retryCount: 0, error: null });
    expect(log!.output).toContain("hello 运营");
    expect(log!.finishedAt).not.toBeNull();
    expect(log!.deliveries).toMatchObject([{ target: "channel", id: channel.id, ok: true, errcode: 0 }]);
    expect(wecom.accepted()).toHaveLength(1);
    expect(wecom.accepted()[0]!.body).toMatchObject({ msgtype: "markdown" });
    expect(JSON.stringify(wecom.accepted()[0]!.body)).toContain("**hi** 运营");
    const after = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after).toMatchObject({ lastRunStatus: "success", lastRunMessage: "执行成功" });
  });

  it("a script's invalid result fails the run with the issue stored in the form the console reads back", async () => {
    const scope = await makeTenant();
    for (const [language, script] of [
      ["javascript", "result = { foo: 1 }"],
      ["python", 'result = {"foo": 1}'],
    ] as const) {
      const task = await makeTask(scope, {
        task_name: `坏结果 ${language}`,
        script_language: language,
        script_content: script,
      });
      expect((await runNow(task.id, scope)).status).toBe("failed");
      const [log] = await logsOf(task.id);
      const after = await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } });
      // REST, logs and the seed's tools keep a readable sentence; the console parses it.
      expect(log!.error).toBe(
        "result 格式不正确：content: Invalid input: expected string, received undefined",
      );
      for (const stored of [log!.error, after.lastRunMessage])
        expect(parseInvalidResult(stored), language).toEqual([
          { path: "content", code: "invalid_type", params: { expected: "string", missing: true } },
        ]);
    }
  });

  it("uses a manual run's params instead of the task's", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: "result = 'p=' + get_param('p')",
      input_params: { p: "task" },
    });
    await runNow(task.id, scope, { p: "override" });
    const [log] = await logsOf(task.id);
    expect(log!.result).toMatchObject({ content: "p=override" });
  });

  it("retries a failing script: fails twice then succeeds with retry_count 2 → one row, success", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: failUntil(3), retry_count: 2, retry_interval: 1 });
    const started = Date.now();
    expect((await runNow(task.id, scope)).status).toBe("success");
    // retry_interval (1 s) slept between the failures.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const logs = await logsOf(task.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: "success", retryCount: 2 });
    expect(logs[0]!.output).toContain("boom on attempt 1");
  });

  it("with retry_count 1 the same script fails, and exactly one alert reaches the robot", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: failUntil(3),
      retry_count: 1,
      retry_interval: 1,
      alert_on_failure: true,
      alert_webhook: dingtalk.webhookUrl(),
    });
    expect((await runNow(task.id, scope)).status).toBe("failed");
    const logs = await logsOf(task.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: "failed", retryCount: 1 });
    expect(logs[0]!.error).toMatch(/boom on attempt 2/);
    const alerts = dingtalk.accepted();
    expect(alerts).toHaveLength(1);
    const text = JSON.stringify(alerts[0]!.body);
    expect(text).toContain("测试任务");
    expect(text).toContain(logs[0]!.traceId!);
    expect(text).toContain("尝试次数：2");
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).lastRunStatus).toBe(
      "failed",
    );

    // The next success sends one recovery notice, the one after it nothing more.
    await runNow(task.id, scope);
    await runNow(task.id, scope);
    const after = dingtalk.accepted();
    expect(after).toHaveLength(2);
    expect(JSON.stringify(after[1]!.body)).toContain("已恢复");
  });

  it("retries a failed delivery without running the script again", async () => {
    const scope = await makeTenant();
    const channel = await makeChannel(scope, { channel_type: "wecom_bot", webhook_url: wecom.webhookUrl() });
    const task = await makeTask(scope, { script_content: failUntil(1), notify_channels: [channel.id] });
    // More 502s than one delivery round retries: the second round gets it through.
    wecom.failNext(5, { status: 502 });
    expect((await runNow(task.id, scope)).status).toBe("success");
    expect(
      (await db.scriptVar.findFirstOrThrow({ where: { taskId: task.id, varKey: "attempt" } })).varValue,
    ).toBe(1);
    expect(wecom.accepted()).toHaveLength(1);
  }, 60_000);

  it("fails the run with a readable reason when a robot refuses permanently", async () => {
    const scope = await makeTenant();
    const channel = await makeChannel(scope, {
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl("no-such-token"),
    });
    const task = await makeTask(scope, { script_content: "result = '你好'", notify_channels: [channel.id] });
    expect((await runNow(task.id, scope)).status).toBe("failed");
    const [log] = await logsOf(task.id);
    expect(log!.error).toMatch(/推送失败/);
    expect(log!.deliveries).toMatchObject([{ ok: false, errcode: 300001 }]);
  });

  it("calls a webhook task with a signed JSON body and pushes a message-shaped answer", async () => {
    const { createServer } = await import("node:http");
    const { signWebhookBody, SIGNATURE_HEADER } = await import("@/server/crypto/webhook-signature");
    const seen: { body: string; signature: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
        res.setHeader("content-type", "application/json");
        // The second call answers a message of the wrong shape.
        res.end(
          JSON.stringify(
            seen.length > 1 ? { msg_type: "text" } : { msg_type: "text", content: "来自 webhook" },
          ),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const scope = await makeTenant();
      const channel = await makeChannel(scope, {
        channel_type: "wecom_bot",
        webhook_url: wecom.webhookUrl(),
      });
      const task = await makeTask(scope, {
        execution_type: "webhook",
        webhook_url: `http://127.0.0.1:${port}/hook`,
        notify_channels: [channel.id],
        input_params: { a: 1 },
      });
      expect((await runNow(task.id, scope)).status).toBe("success");
      const body = JSON.parse(seen[0]!.body);
      expect(body).toMatchObject({ task_id: task.id, tenant_id: "acme", params: { a: 1 } });
      const t = Number(/t=(\d+)/.exec(seen[0]!.signature)![1]);
      expect(seen[0]!.signature).toBe(signWebhookBody(task.id, seen[0]!.body, t * 1000));
      expect(wecom.accepted()[0]!.body).toMatchObject({ msgtype: "text", text: { content: "来自 webhook" } });

      expect((await runNow(task.id, scope)).status).toBe("failed");
      const [, bad] = await logsOf(task.id);
      expect(bad!.error).toBe(
        "Webhook 返回的消息格式不正确：content: Invalid input: expected string, received undefined",
      );
      expect(parseInvalidResult(bad!.error)).toEqual([
        { path: "content", code: "invalid_type", params: { expected: "string", missing: true } },
      ]);
    } finally {
      server.close();
    }
  });

  it("runs each run once even when two runners are handed the same rows", async () => {
    const { createServer } = await import("node:http");
    let hits = 0;
    const counter = createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((r) => counter.listen(0, "127.0.0.1", r));
    try {
      const port = (counter.address() as { port: number }).port;
      const scope = await makeTenant();
      const task = await makeTask(scope, {
        script_content: `http_get('http://127.0.0.1:${port}/'); time.sleep(0.2); result = 'ok'`,
        overlap_policy: "allow",
      });
      const other = new LocalRunner({ concurrency: 2 });
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push((await runTaskNow({ scope, id: task.id })).log_id);
      for (const id of ids) other.enqueue(id);
      await Promise.all([other.idle(), localRunner().idle()]);
      const logs = await logsOf(task.id);
      expect(logs.map((l) => l.status)).toEqual(["success", "success", "success", "success"]);
      expect(hits).toBe(4);
    } finally {
      counter.close();
    }
  });

  it("on shutdown, a run waiting to retry ends failed without another attempt, and queued runs are skipped", async () => {
    const scope = await makeTenant();
    const task = await makeTask(scope, {
      script_content: failUntil(5),
      retry_count: 3,
      retry_interval: 60,
      overlap_policy: "allow",
    });
    const runner = new LocalRunner({ concurrency: 1 });
    const first = await db.taskLog.create({
      data: {
        taskId: task.id,
        tenantId: "acme",
        traceId: "shutdown-1",
        status: "running",
        trigger: "manual",
      },
    });
    const queued = await db.taskLog.create({
      data: {
        taskId: task.id,
        tenantId: "acme",
        traceId: "shutdown-2",
        status: "running",
        trigger: "manual",
      },
    });
    runner.enqueue(first.id);
    runner.enqueue(queued.id);
    // Wait until the first attempt has failed and the run sleeps before its retry.
    for (let i = 0; i < 100; i++) {
      const v = await db.scriptVar.findFirst({ where: { taskId: task.id, varKey: "attempt" } });
      if (v?.varValue === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
    await runner.stop(5_000);
    const [a, b] = await logsOf(task.id);
    expect(a).toMatchObject({ status: "failed", retryCount: 0 });
    expect(a!.error).toMatch(/stopped by server shutdown/);
    expect(b).toMatchObject({ status: "skipped" });
    expect(b!.error).toMatch(/server stopped before the run started/);
    expect(
      (await db.scriptVar.findFirstOrThrow({ where: { taskId: task.id, varKey: "attempt" } })).varValue,
    ).toBe(1);
  });

  it("a run whose flow crashed on a platform error is finished as failed, not left running under its lease", async () => {
    const { failCrashedRun } = await import("@/server/runs/local-runner");
    const scope = await makeTenant();
    const task = await makeTask(scope, { script_content: "result = 1" });
    const row = await db.taskLog.create({
      data: {
        taskId: task.id,
        tenantId: "acme",
        status: "running",
        startedAt: new Date(),
        heartbeatAt: new Date(Date.now() + 3600_000),
      },
    });
    await failCrashedRun(
      String(row.id),
      new Error("Connection lost: The server closed the connection.\n    at somewhere"),
      1,
      10,
    );
    const after = await db.taskLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("failed");
    expect(after.error).toBe(
      "运行出错，已中止 (run aborted by a platform error): Connection lost: The server closed the connection.",
    );
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).lastRunStatus).toBe(
      "failed",
    );
  });
});
