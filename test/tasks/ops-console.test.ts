import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { db } from "@/server/db";
import { runsCsv } from "@/components/runs/runs-csv";
import { createT } from "@/lib/i18n/translate";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { localRunner, resetLocalRunner } from "@/server/runs/local-runner";
import { exportTasks, importTasks } from "@/server/services/task-transfer";
import { createUser } from "@/server/services/users";
import { startFakeWecomRobot, type FakeWecomRobot } from "../fakes";
import { resetDb } from "../helpers/db";
import { allowLoopback } from "../helpers/net";
import { tenantWithToken } from "../helpers/tenants";

// The operations console's services through tRPC, as the console calls them: run search with
// text and dates + CSV, bulk actions with a per-row report, re-run with a past run's params,
// 重新推送 of a failed delivery (partial delivery), import / export, and 运维总览.

async function callerFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return createCaller(createContext({ user: { id: user.id, email } }));
}

const script = (body: string) => ({
  schedule_type: "cron" as const,
  cron_expression: "0 9 * * *",
  script_content: body,
});

describe("operations console services", { timeout: 60_000 }, () => {
  let wecom: FakeWecomRobot;
  let flakyRobot: FakeWecomRobot;
  let a: Awaited<ReturnType<typeof callerFor>>;
  let b: Awaited<ReturnType<typeof callerFor>>;

  beforeAll(async () => {
    allowLoopback();
    resetLocalRunner();
    localRunner({ concurrency: 4, flow: { deliveryRounds: 1, deliveryRetrySeconds: 1 } });
    wecom = await startFakeWecomRobot({ keys: ["good"] });
    flakyRobot = await startFakeWecomRobot({ keys: ["flaky"] });
  });
  afterAll(async () => {
    await wecom.close();
    await flakyRobot.close();
  });
  beforeEach(async () => {
    await resetDb();
    wecom.reset();
    flakyRobot.reset();
    await tenantWithToken("tenant-a");
    await tenantWithToken("tenant-b");
    await createUser({
      scope: platformScope(),
      input: { email: "a@a.test", role: "tenant_admin", tenant_id: "tenant-a" },
    });
    await createUser({
      scope: platformScope(),
      input: { email: "b@b.test", role: "tenant_admin", tenant_id: "tenant-b" },
    });
    a = await callerFor("a@a.test");
    b = await callerFor("b@b.test");
  });

  async function runAndWait(taskId: number, params?: Record<string, unknown>) {
    const { trace_id } = await a.tasks.run({
      id: taskId,
      ...(params ? { input_params: params } : {}),
    } as never);
    await localRunner().idle();
    return db.taskLog.findFirstOrThrow({ where: { traceId: trace_id } });
  }

  it("searches runs by text in output and error within dates, shows params and who ran it, exports CSV", async () => {
    const t1 = await a.tasks.create({
      task_name: "订单同步",
      ...script("log('同步订单 ' + get_param('n'))\nresult = null"),
    });
    const t2 = await a.tasks.create({ task_name: "库存", ...script("throw new Error('库存接口超时')") });
    await runAndWait(t1.id, { n: 42 });
    await runAndWait(t2.id);
    const theirs = await b.tasks.create({ task_name: "别人的", ...script("log('同步订单 b')") });
    const { trace_id: theirTrace } = await b.tasks.run({ id: theirs.id } as never);
    await localRunner().idle();

    const found = await a.ops.searchRuns({ q: "同步订单" });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      task_name: "订单同步",
      params: { n: 42 },
      triggered_by: "a@a.test",
    });
    expect((await a.ops.searchRuns({ q: "接口超时" })).items[0]).toMatchObject({
      task_name: "库存",
      status: "failed",
    });
    expect((await a.ops.searchRuns({ status: "failed" })).items).toHaveLength(1);
    expect((await a.ops.searchRuns({ trace_id: theirTrace })).items).toHaveLength(0);
    const yesterday = new Date(Date.now() - 86_400_000);
    expect((await a.ops.searchRuns({ q: "同步订单", to: yesterday })).items).toHaveLength(0);
    await expect(
      a.ops.searchRuns({ q: "x", from: new Date(Date.now() - 60 * 86_400_000) }),
    ).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST");

    const csv = await a.ops.exportRunsCsv({});
    expect(csv.rows).toBe(2);
    expect(csv.truncated).toBe(false);
    // The console writes the file in the viewer's language (components/runs/runs-csv.ts).
    const file = runsCsv(csv.items, createT("zh"));
    const lines = file
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^运行 ID,任务 ID,任务名称,租户,状态,触发方式,触发人,计划时间（北京时间）/);
    expect(lines[0]).toContain("开始时间（UTC，ISO 8601）");
    expect(file).toContain("订单同步");
    expect(file).toContain('"{""n"":42}"');
    expect(lines[1]).toMatch(/,失败,手动,a@a\.test,/);
    expect(lines[1]).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
    expect(lines[1]).toMatch(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(lines.slice(1).join("\n")).not.toMatch(/,(failed|success|manual|schedule),/);
  });

  it("disables five tasks at once and reports per row, another tenant's task refused", async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++)
      ids.push((await a.tasks.create({ task_name: `任务${i}`, ...script("result = null") })).id);
    const foreign = await b.tasks.create({ task_name: "b", ...script("result = null") });
    const report = await a.ops.bulkTasks({ ids: [...ids, foreign.id], action: "disable" });
    expect(report.filter((r) => r.ok)).toHaveLength(5);
    expect(report.find((r) => r.id === foreign.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.scheduledTask.count({ where: { id: { in: ids }, isEnabled: false } })).toBe(5);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: foreign.id } })).isEnabled).toBe(true);
  });

  it("re-runs with a past run's params and re-pushes a failed delivery without running the script", async () => {
    const good = await a.channels.create({
      channel_name: "好群",
      channel_type: "wecom_bot",
      webhook_url: wecom.webhookUrl("good"),
    } as never);
    const flaky = await a.channels.create({
      channel_name: "坏群",
      channel_type: "wecom_bot",
      webhook_url: flakyRobot.webhookUrl("flaky"),
    } as never);
    const task = await a.tasks.create({
      task_name: "日报",
      ...script("set_var('runs', get_var('runs', 0) + 1)\nresult = '日报 ' + get_param('day')"),
      notify_channels: [good.id, flaky.id],
    });
    // A refusal the robot client does not retry: the delivery fails once.
    flakyRobot.failNext(1, { errcode: 93000, errmsg: "invalid webhook url" });
    const first = await runAndWait(task.id, { day: "周一" });
    // The script succeeded, one of two channels failed: partially delivered, not failed.
    expect(first.status).toBe("partial");

    const rerun = await a.ops.rerun({ id: Number(first.id) });
    await localRunner().idle();
    const second = await db.taskLog.findUniqueOrThrow({ where: { id: BigInt(rerun.log_id) } });
    expect(second.params).toEqual({ day: "周一" });
    expect(second.status).toBe("success");

    const before = flakyRobot.accepted().length;
    const goodBefore = wecom.accepted().length;
    const repushed = await a.ops.repush({ id: Number(first.id) });
    expect(repushed.status).toBe("success");
    expect(flakyRobot.accepted()).toHaveLength(before + 1);
    expect(wecom.accepted()).toHaveLength(goodBefore); // only the failed channel again
    expect(
      (await db.scriptVar.findFirstOrThrow({ where: { taskId: task.id, varKey: "runs" } })).varValue,
    ).toBe(2);
    await expect(a.ops.repush({ id: Number(first.id) })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "CONFLICT",
    );
  });

  it("exports tasks without ids or secrets, channels by name, and re-imports them reporting each", async () => {
    const ch = await a.channels.create({
      channel_name: "导出群",
      channel_type: "dingtalk_bot",
      webhook_url: "https://oapi.dingtalk.com/robot/send?access_token=tok123",
      sign_secret: "SEC" + "b".repeat(40),
    } as never);
    const t1 = await a.tasks.create({
      task_name: "导出一",
      ...script("result = 1"),
      notify_channels: [ch.id],
    });
    await a.tasks.create({ task_name: "导出二", ...script("result = 2") });
    const file = await a.ops.exportTasks({});
    expect(file.tasks).toHaveLength(2);
    const text = JSON.stringify(file);
    expect(text).not.toContain("tok123");
    expect(text).not.toContain("SECbbb");
    expect(file.tasks[0]).toMatchObject({ task_name: "导出一", notify_channels: ["导出群"] });
    expect(file.tasks[0]).not.toHaveProperty("id");

    // Into another tenant: 导出群 does not exist there → refused (why); 导出二 created.
    const into = await b.ops.importTasks({ tasks: file.tasks as never });
    expect(into.results.map((r) => r.outcome)).toEqual(["refused", "created"]);
    expect(into.results[0]!.errors[0]).toMatchObject({ path: "notify_channels.0" });

    // Back into the same tenant, one edited and one new: updated + created, nothing for a bad one.
    const edited = { ...file.tasks[0], script_content: "result = 'edited'" };
    const bad = { ...file.tasks[1], task_name: "坏的", time_points: ["25:00"], schedule_type: "simple" };
    const dry = await a.ops.importTasks({ tasks: [edited, bad] as never, dry_run: true });
    expect(dry.results.map((r) => r.outcome)).toEqual(["updated", "refused"]);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: t1.id } })).scriptContent).toBe(
      "result = 1",
    );
    const back = await a.ops.importTasks({
      tasks: [edited, { ...file.tasks[1], task_name: "导出三" }] as never,
    });
    expect(back.results.map((r) => r.outcome)).toEqual(["updated", "created"]);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: t1.id } })).scriptContent).toBe(
      "result = 'edited'",
    );
  });

  it("the platform's export keeps each task's tenant; its re-import puts them back, its dry run refuses what the import would", async () => {
    const ch = await a.channels.create({
      channel_name: "甲群",
      channel_type: "wecom_bot",
      webhook_url: wecom.webhookUrl("good"),
    } as never);
    const ta = await a.tasks.create({
      task_name: "甲任务",
      ...script("result = 1"),
      notify_channels: [ch.id],
    });
    const tb = await b.tasks.create({ task_name: "乙任务", ...script("result = 2") });
    const platform = platformScope();
    const file = await exportTasks({ scope: platform, input: { ids: [ta.id, tb.id] } });
    expect(file.tasks.map((t) => [(t as { task_name?: string }).task_name, t.tenant_id])).toEqual([
      ["甲任务", "tenant-a"],
      ["乙任务", "tenant-b"],
    ]);
    // A tenant's own export names no tenant.
    expect((await a.ops.exportTasks({ ids: [ta.id] })).tasks[0]).not.toHaveProperty("tenant_id");

    // Without a chosen tenant each task goes back to its own (both exist: updated).
    const back = await importTasks({ scope: platform, input: { tasks: file.tasks as never } });
    expect(back.results.map((r) => [r.outcome, r.id])).toEqual([
      ["updated", ta.id],
      ["updated", tb.id],
    ]);

    // Into a tenant that does not exist: the dry run refuses exactly as the import does.
    const ghost = { tasks: file.tasks as never, tenant_id: "no-such-tenant" };
    const dry = await importTasks({ scope: platform, input: { ...ghost, dry_run: true } });
    const real = await importTasks({ scope: platform, input: ghost });
    for (const out of [dry, real]) {
      expect(out.results.map((r) => r.outcome)).toEqual(["refused", "refused"]);
      expect(out.results[0]!.errors[0]).toMatchObject({ path: "tenant_id", reason: "TENANT_UNKNOWN" });
    }
    // A file task naming a missing tenant, and one naming none, each refused with its reason.
    const mixed = [
      { ...file.tasks[1], tenant_id: "no-such-tenant" },
      { ...file.tasks[1], tenant_id: undefined, task_name: "无租户" },
    ];
    const refused = await importTasks({ scope: platform, input: { tasks: mixed as never, dry_run: true } });
    expect(refused.results.map((r) => r.errors[0]?.reason)).toEqual(["TENANT_UNKNOWN", "TENANT_REQUIRED"]);

    // Into tenant-b: 甲群 is not there (refused, why); the dry run and the import agree.
    const intoB = { tasks: file.tasks as never, tenant_id: "tenant-b" };
    const dryB = await importTasks({ scope: platform, input: { ...intoB, dry_run: true } });
    expect(dryB.results.map((r) => r.outcome)).toEqual(["refused", "updated"]);
    expect(dryB.results[0]!.errors[0]).toMatchObject({ path: "notify_channels.0" });
    const realB = await importTasks({ scope: platform, input: intoB });
    expect(realB.results.map((r) => r.outcome)).toEqual(dryB.results.map((r) => r.outcome));
    expect(await db.scheduledTask.count({ where: { taskName: "甲任务" } })).toBe(1);
  });

  it("sorts the tasks and channels lists on the server by the asked column", async () => {
    for (const name of ["乙", "甲", "丙"])
      await a.tasks.create({ task_name: `排序${name}`, ...script("result = 1") });
    const names = async (sort?: string) =>
      (await a.tasks.list({ page: 1, page_size: 10, sort } as never)).items.map((t) => t.task_name);
    expect(await names()).toEqual(["排序丙", "排序甲", "排序乙"]);
    expect(await names("name.asc")).toEqual([...(await names())].sort());
    expect(await names("name.desc")).toEqual([...(await names())].sort().reverse());
    // Never run, all due at 09:00: the by-time orders fall back to newest first.
    expect(await names("next.asc")).toEqual(await names());
    expect(await names("last.desc")).toEqual(await names());
    await expect(a.tasks.list({ page: 1, page_size: 10, sort: "secret.asc" } as never)).rejects.toThrow();
    for (const [name, type, url] of [
      ["b 群", "wecom_bot", wecom.webhookUrl("good")],
      ["a 群", "dingtalk_bot", "https://oapi.dingtalk.com/robot/send?access_token=x1"],
    ] as const)
      await a.channels.create({ channel_name: name, channel_type: type, webhook_url: url } as never);
    const channels = async (sort: string) =>
      (await a.channels.list({ page: 1, page_size: 10, sort } as never)).items.map((c) => c.channel_name);
    expect(await channels("name.asc")).toEqual(["a 群", "b 群"]);
    expect(await channels("type.desc")).toEqual(["b 群", "a 群"]);
  });

  it("运维总览 counts today's runs by status, lists failing tasks and the ranking, tenant-scoped", async () => {
    const bad = await a.tasks.create({ task_name: "总是失败", ...script("throw new Error('x')") });
    const ok = await a.tasks.create({ task_name: "正常", ...script("result = null") });
    await runAndWait(bad.id);
    await runAndWait(bad.id);
    await runAndWait(ok.id);
    await b.tasks.create({ task_name: "b 失败", ...script("throw new Error('y')") });
    const view = await a.ops.overview();
    expect(view.today.by_status).toMatchObject({ failed: 2, success: 1 });
    expect(view.failing_tasks.map((t) => t.task_name)).toEqual(["总是失败"]);
    expect(view.failure_ranking[0]).toMatchObject({ task_name: "总是失败", failures: 2 });
    expect(view.runs_per_hour.reduce((n, h) => n + h.success + h.failed, 0)).toBe(3);
    expect(view.due_next_hour.count).toBeGreaterThanOrEqual(0);
  });
});
