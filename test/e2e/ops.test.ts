import { readFile } from "node:fs/promises";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { animationsSettled, launchBrowser, screenshot } from "./helpers/browser";
import {
  createScriptTask,
  firstAdminPassword,
  platformToken,
  restClient,
  runAndWait as runOverRest,
  signedIn as signedInAt,
  type Rest,
  tearDown,
  WIDTHS,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_ops";
const SECRET = "SEC" + "c".repeat(61);

// The operations console in headless Chromium at 1440 and 390 px, on one `npm start`: the home
// shows this morning's failures, runs are searched by date and text, five tasks are disabled at
// once, a task runs with edited parameters, a long run is stopped while its output streams, a
// failed delivery is pushed again, yesterday's script is restored, a failure alert to a signed
// DingTalk group is set in the editor and the group gets an alert after the third failure and a
// recovery notice, a past run is re-run after a confirmation, and tasks are exported and imported.
describe("the operations console", { timeout: 600_000 }, () => {
  let app: StartedApp;
  let browser: Browser;
  let dingtalk: FakeDingtalk;
  let good: FakeWecomRobot;
  let flaky: FakeWecomRobot;
  let rest: Rest;
  let adminPassword = "";
  let groupId = 0;
  const ids: Record<string, number> = {};

  const runAndWait = (taskId: number, params?: Record<string, unknown>, done?: (log: any) => boolean) =>
    runOverRest(rest, taskId, params, done);

  const task = (name: string, script: string, extra: Record<string, unknown> = {}) =>
    createScriptTask(rest, name, script, extra).then((id) => (ids[name] = id));

  beforeAll(async () => {
    dingtalk = await startFakeDingtalk({ robots: [{ token: "ops-group", secret: SECRET }] });
    good = await startFakeWecomRobot({ keys: ["good"] });
    flaky = await startFakeWecomRobot({ keys: ["flaky"] });
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    adminPassword = firstAdminPassword(app);
    rest = restClient(app, platformToken(app));

    const group = await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "值班群（加签）",
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl("ops-group"),
      sign_secret: SECRET,
    });
    const goodChannel = await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "运营群",
      channel_type: "wecom_bot",
      webhook_url: good.webhookUrl("good"),
    });
    const flakyChannel = await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "老板群",
      channel_type: "wecom_bot",
      webhook_url: flaky.webhookUrl("flaky"),
    });
    groupId = Number(group.id);
    // A morning report that fails (its API is down); its alert policy is set in the editor below.
    const failing = "if (get_param('down', true)) throw new Error('订单接口 502 超时')\nresult = null";
    await task("订单早报", failing);
    await task("告警设置390", failing);
    await task("长任务", "for (let i = 1; i <= 300; i++) { log('处理第 ' + i + ' 批'); time.sleep(0.2) }", {
      timeout_seconds: 300,
    });
    await task("周报推送", "result = '本周销售 ' + get_param('week', 'W1')", {
      notify_channels: [Number(goodChannel.id), Number(flakyChannel.id)],
    });
    await task("参数任务", "log('地区=' + get_param('region', '华东'))\nresult = null", {
      input_params: { region: "华东" },
    });
    // The flows below change state, so each width gets its own rows (no name is part of another).
    for (const width of WIDTHS) {
      for (let i = 1; i <= 5; i++) await task(`批量${width}-${i}`, "result = null");
      await task(`可恢复脚本${width}`, "result = null // v1 昨天的版本");
    }

    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app, dingtalk, good, flaky));

  const signedIn = (width: number) =>
    signedInAt(browser, app, {
      width,
      password: adminPassword,
      landing: "运维总览",
      browserContext: { acceptDownloads: true },
    });

  /**
   * In the editor: turn on 失败告警, choose the signed DingTalk group, alert after 3 in a row and
   * @ a mobile (a bad one first: the field says so in Chinese); save, reload, and it is kept.
   */
  async function setAlertInEditor(width: number, id: number) {
    const { context, page, problems } = await signedIn(width);
    try {
      await page.goto(`${app.url}/tasks/${id}`);
      await page.getByRole("switch", { name: "失败时告警" }).click();
      const policy = page.locator("[data-slot=alert-policy]");
      const message = policy.locator("[data-slot=field-message]");
      // Nowhere to alert (no channel, no webhook, the tenant has no default): said before asking the server.
      await page.getByRole("button", { name: "保存" }).first().click();
      await message.getByText("开启失败告警需要告警渠道、告警 Webhook 或租户默认告警渠道").waitFor();
      const group = policy.getByRole("checkbox", { name: /值班群（加签）/ });
      await policy.getByText(/钉钉机器人 · 加签/).waitFor();
      await group.click();
      await policy.getByLabel("连续失败几次后告警").fill("3");
      const mobiles = policy.getByLabel("钉钉 @手机号（逗号分隔）");
      await mobiles.fill("13800000000, 138abc");
      await page.getByRole("button", { name: "保存" }).first().click();
      await message.getByText("“138abc”：须为手机号").waitFor();
      await expect(message.count()).resolves.toBe(1);
      await expect(mobiles.getAttribute("aria-invalid")).resolves.toBe("true");
      await screenshot(page, `ops-alert-editor-invalid-${width}`);
      await mobiles.fill("13800000000");
      await expect(message.count()).resolves.toBe(0);
      await page.getByRole("button", { name: "保存" }).first().click();
      await page.getByText("已保存", { exact: true }).first().waitFor();

      await page.reload();
      await expect(
        page.getByRole("switch", { name: "失败时告警" }).getAttribute("aria-checked"),
      ).resolves.toBe("true");
      await expect(group.getAttribute("aria-checked")).resolves.toBe("true");
      await expect(policy.getByLabel("连续失败几次后告警").inputValue()).resolves.toBe("3");
      await expect(mobiles.inputValue()).resolves.toBe("13800000000");
      await screenshot(page, `ops-alert-editor-${width}`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    const saved = await rest("GET", `/api/scheduled-tasks/${id}`);
    expect(saved).toMatchObject({
      alert_on_failure: true,
      alert_webhook: null,
      alert_channels: [groupId],
      alert_after_failures: 3,
      alert_mentions: { at_mobiles: ["13800000000"] },
    });
  }

  it("sets a task's failure alert to the signed DingTalk group in the editor (390 px)", async () => {
    await setAlertInEditor(390, ids["告警设置390"]!);
  });

  it("alerts the signed DingTalk group after the third failure in a row, then a recovery notice", async () => {
    expect(adminPassword, app.output()).not.toBe("");
    const id = ids["订单早报"]!;
    // The alert policy is set up in the console, as an operator would.
    await setAlertInEditor(1440, id);
    // The alert policy runs right after the run is finished: wait until its outcome is on the log.
    const alerted = (log: any) => log.alert !== null;
    await runAndWait(id, undefined, alerted);
    await runAndWait(id, undefined, alerted);
    expect(dingtalk.accepted()).toHaveLength(0);
    const third = await runAndWait(id, undefined, alerted);
    expect(third.alert).toMatchObject({ kind: "failure", targets: [{ name: "值班群（加签）", ok: true }] });
    expect(dingtalk.accepted()).toHaveLength(1);
    const alert = dingtalk.accepted()[0]!.body as { markdown: { text: string }; at: { atMobiles: string[] } };
    expect(alert.markdown.text).toContain("订单接口 502 超时");
    expect(alert.at.atMobiles).toEqual(["13800000000"]);
    const fourth = await runAndWait(id, undefined, alerted); // the incident is open: nothing more
    expect(fourth.alert).toMatchObject({ kind: "already_open" });
    expect(dingtalk.accepted()).toHaveLength(1);
    const ok = await runAndWait(id, { down: false }, alerted);
    expect(ok.status).toBe("success");
    expect(dingtalk.accepted()).toHaveLength(2);
    expect(JSON.stringify(dingtalk.accepted()[1]!.body)).toContain("已恢复");
    // The failing-again state for the home page: one more failure.
    await runAndWait(id, undefined, alerted);

    // The run detail says where the alert went, on a desktop and on a phone.
    for (const width of WIDTHS) {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/${id}/runs/${third.id}`);
        await page
          .locator("[data-slot=run-alert]")
          .getByText(/值班群（加签）/)
          .waitFor();
        await screenshot(page, `ops-run-alert-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  for (const width of WIDTHS) {
    it(`home shows this morning's failures and runs are searched by date and text (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        const failing = page.locator("[data-slot=failing-tasks]");
        await failing.getByRole("link", { name: "订单早报" }).waitFor();
        await page
          .locator("[data-slot=today-runs]")
          .getByText(/共 \d+ 次/)
          .waitFor();
        await screenshot(page, `ops-home-${width}`);

        await page.goto(`${app.url}/runs/search`);
        await page.getByRole("heading", { name: "运行搜索" }).waitFor();
        // The browser's day (headless Chromium runs in the machine's zone, UTC here).
        const today = new Date().toISOString().slice(0, 10);
        await page.locator("#run-search-from").fill(`${today}T00:00`);
        await page.getByRole("searchbox").fill("502 超时");
        await page.getByRole("cell", { name: "订单早报" }).first().waitFor();
        const rows = page.locator("[data-slot=run-search] tbody tr, table tbody tr");
        expect(await rows.count()).toBeGreaterThanOrEqual(4);
        await screenshot(page, `ops-run-search-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const width of WIDTHS)
    it(`disables five tasks at once with a per-task report (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks`);
        const table = page.locator("[data-slot=tasks-table]");
        for (let i = 1; i <= 5; i++) await table.getByRole("checkbox", { name: `批量${width}-${i}` }).click();
        const bar = page.locator("[data-slot=bulk-bar]");
        await bar.getByText("已选 5 项").waitFor();
        await bar.getByRole("button", { name: "停用", exact: true }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "确认" }).click();
        const report = page.locator("[data-slot=bulk-report]");
        await report.waitFor();
        expect(await report.locator("[data-ok=true]").count()).toBe(5);
        // The confirmation fades out over the report: shoot once it has gone.
        await page.getByRole("alertdialog").waitFor({ state: "detached" });
        await screenshot(page, `ops-bulk-report-${width}`);
        for (let i = 1; i <= 5; i++)
          expect((await rest("GET", `/api/scheduled-tasks/${ids[`批量${width}-${i}`]}`)).is_enabled).toBe(
            false,
          );
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`runs a task with edited parameters and stops a long run while its output streams (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/${ids["参数任务"]}`);
        await page.getByRole("button", { name: "立即运行" }).click();
        const dialog = page.locator("[data-slot=run-now-dialog]");
        const params = dialog.getByLabel("运行参数（JSON）");
        await expect(params.inputValue()).resolves.toContain("华东");
        await params.fill("{oops");
        await dialog.getByRole("button", { name: "运行", exact: true }).click();
        await dialog.getByText("须为 JSON 对象").waitFor();
        await params.fill('{"region": "西南"}');
        await dialog.getByRole("button", { name: "运行", exact: true }).click();
        await page.waitForURL(/\/runs\/\d+$/);
        await page
          .locator("[data-slot=run-output]")
          .getByText(/地区=西南/)
          .waitFor({ timeout: 30_000 });
        await page
          .locator("[data-slot=run-facts]")
          .getByText(/"region": "西南"/)
          .waitFor();

        // 用相同参数重新运行 asks first (it runs the script and pushes to the task's channels):
        // 取消 starts nothing; confirmed, a new run with the same parameters opens.
        const firstRun = page.url();
        const rerun = page.getByRole("button", { name: "用相同参数重新运行" });
        const confirm = page.getByRole("alertdialog");
        await rerun.click();
        await confirm.getByText(/再执行一次脚本，并把结果推送到任务的通知渠道/).waitFor();
        await confirm.getByRole("button", { name: "取消" }).click();
        await confirm.waitFor({ state: "detached" });
        expect(page.url()).toBe(firstRun);
        await rerun.click();
        await confirm.getByRole("heading", { name: "用相同参数重新运行「参数任务」？" }).waitFor();
        await animationsSettled(page);
        await screenshot(page, `ops-rerun-confirm-${width}`);
        await confirm.getByRole("button", { name: "用相同参数重新运行" }).click();
        await page.waitForURL((url) => url.href !== firstRun && /\/runs\/\d+$/.test(url.pathname));
        await page
          .locator("[data-slot=run-output]")
          .getByText(/地区=西南/)
          .waitFor({ timeout: 30_000 });
        await page
          .locator("[data-slot=run-facts]")
          .getByText(/"region": "西南"/)
          .waitFor();

        // A long run: its output grows on the page, then it is stopped.
        const { trace_id } = await rest("POST", `/api/scheduled-tasks/${ids["长任务"]}/run`, {});
        let logId = 0;
        for (let i = 0; i < 100 && !logId; i++) {
          const found = await rest("GET", `/api/scheduled-tasks/${ids["长任务"]}/logs?trace_id=${trace_id}`);
          logId = Number(found.items[0]?.id ?? 0);
          if (!logId) await new Promise((r) => setTimeout(r, 200));
        }
        await page.goto(`${app.url}/tasks/${ids["长任务"]}/runs/${logId}`);
        const output = page.locator("[data-slot=run-output]");
        await output.getByText(/处理第 3 批/).waitFor({ timeout: 30_000 });
        await output.getByText(/处理第 8 批/).waitFor({ timeout: 30_000 });
        await screenshot(page, `ops-live-output-${width}`);
        await page.getByRole("button", { name: "停止运行" }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "停止运行" }).click();
        await page.locator("[data-status=cancelled]").first().waitFor({ timeout: 15_000 });
        const log = (await rest("GET", `/api/scheduled-tasks/${ids["长任务"]}/logs?trace_id=${trace_id}`))
          .items[0];
        expect(log.status).toBe("cancelled");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`pushes a failed delivery again without running the script (${width} px)`, async () => {
      const week = `W48-${width}`;
      flaky.failNext(1, { errcode: 93000, errmsg: "invalid webhook url" });
      const run = await runAndWait(ids["周报推送"]!, { week });
      expect(run.status).toBe("partial");
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/${ids["周报推送"]}/runs/${run.id}`);
        await page.locator("[data-status=partial]").first().waitFor();
        await page.getByRole("button", { name: "重新推送" }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "重新推送" }).click();
        await page.locator("[data-status=success]").first().waitFor();
        expect(JSON.stringify(flaky.accepted().at(-1)?.body)).toContain(`本周销售 ${week}`);
        await screenshot(page, `ops-repush-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`restores yesterday's script from the history page (${width} px)`, async () => {
      const id = ids[`可恢复脚本${width}`]!;
      await rest("PUT", `/api/scheduled-tasks/${id}`, { script_content: "result = null // v2 今天改坏了" });
      const conn = await mysql.createConnection(app.databaseUrl);
      await conn.query(
        "UPDATE platform_task_script_versions SET created_at = NOW(3) - INTERVAL 1 DAY WHERE task_id = ? AND version = 1",
        [id],
      );
      await conn.end();
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/${id}/history`);
        await page.locator("[data-slot=diff]").getByText("今天改坏了").waitFor();
        await screenshot(page, `ops-history-${width}`);
        await page.getByRole("button", { name: "恢复此版本" }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "恢复此版本" }).click();
        await page.getByText(/已恢复到版本 1/).waitFor();
        expect((await rest("GET", `/api/scheduled-tasks/${id}`)).script_content).toContain("v1 昨天的版本");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`exports tasks and imports them again, reporting each (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/transfer`);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "导出全部任务" }).click(),
        ]);
        const text = await readFile((await download.path())!, "utf8");
        expect(text).not.toContain(SECRET);
        const file = JSON.parse(text) as { tasks: { task_name: string }[] };
        expect(file.tasks.map((t) => t.task_name)).toContain("周报推送");
        await page.getByLabel("或粘贴 JSON").fill(text);
        await page.getByRole("combobox", { name: "导入到租户" }).click();
        await page.getByRole("option", { name: /演示租户/ }).click();
        await page.getByRole("button", { name: "导入", exact: true }).click();
        const results = page.locator("[data-slot=import-results]");
        await results.getByText(new RegExp(`更新 ${file.tasks.length}`)).waitFor();
        await screenshot(page, `ops-import-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
});
