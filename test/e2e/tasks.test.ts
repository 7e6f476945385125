import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startFakeDingtalk, startFakeWecomRobot, type FakeDingtalk, type FakeWecomRobot } from "../fakes";
import { englishRuns, launchBrowser, screenshot } from "./helpers/browser";
import {
  adminCli,
  firstAdminPassword,
  platformToken,
  printedPassword,
  restClient,
  signedIn as signedInAt,
  type Rest,
  tearDown,
  WIDTHS,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_tasks";

// The script the admin types: a table in an action card, so both robots' previews show their
// own rendering (DingTalk action card with buttons, WeCom template card with a jump list).
const SCRIPT = [
  'const region = get_param("region", "华东");',
  'log("生成日报", region);',
  "result = {",
  '  msg_type: "actionCard",',
  '  title: "销售日报 " + region,',
  '  content: "### 销售日报 " + region + "\\n\\n| 指标 | 数值 |\\n| --- | --- |\\n| 订单 | 128 |\\n| 金额 | 36900 |",',
  '  btn_orientation: "1",',
  '  buttons: [{ title: "查看详情", url: "https://example.com/report" }, { title: "导出", url: "https://example.com/export" }],',
  "};",
].join("\n");

/**
 * The sidebar prefetches every section; sections other engineers have not merged yet answer
 * 404 to that prefetch (plus Chromium's console line for it). Those are dropped here; once every
 * section exists this removes nothing. Problems of the tasks and runs pages are all kept.
 */
function ownProblems(problems: string[]): string[] {
  const out: string[] = [];
  let dropConsole = 0;
  for (const p of problems) {
    const m = /^HTTP 404: GET https?:\/\/[^/]+(\/[^?]*)\?_rsc=/.exec(p);
    if (m && !/^\/(tasks|runs)(\/|$)/.test(m[1]!)) {
      dropConsole++;
      continue;
    }
    if (dropConsole > 0 && /^console: Failed to load resource: .*404/.test(p)) {
      dropConsole--;
      continue;
    }
    out.push(p);
  }
  return out;
}

// Tasks and runs in the console, in headless Chromium: create, test, save, run, the run's
// detail, a viewer's read-only editor, and one tenant not seeing another's tasks.
describe("tasks and runs in the console", () => {
  let app: StartedApp;
  let browser: Browser;
  let dingtalk: FakeDingtalk;
  let wecom: FakeWecomRobot;
  let adminPassword = "";
  let viewerPassword = "";
  let acmeAdminPassword = "";
  let betaTaskId = 0;
  let rest: Rest;

  beforeAll(async () => {
    dingtalk = await startFakeDingtalk();
    wecom = await startFakeWecomRobot();
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    adminPassword = firstAdminPassword(app);
    adminCli(app, "create-tenant", "acme", "Acme 公司");
    adminCli(app, "create-tenant", "beta", "Beta 公司");
    viewerPassword = printedPassword(
      adminCli(app, "create-user", "viewer@example.com", "--tenant", "demo", "--role", "viewer"),
    );
    acmeAdminPassword = printedPassword(
      adminCli(app, "create-user", "ops@acme.example", "--tenant", "acme", "--role", "tenant_admin"),
    );
    rest = restClient(app, platformToken(app));

    await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "销售群（钉钉）",
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl(),
    });
    await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "销售群（企微）",
      channel_type: "wecom_bot",
      webhook_url: wecom.webhookUrl(),
    });
    const base = {
      schedule_type: "simple",
      time_points: ["08:00"],
      execution_type: "script",
      script_language: "javascript",
      script_content: "result = null;",
    };
    await rest("POST", "/api/scheduled-tasks", { ...base, tenant_id: "acme", task_name: "Acme 巡检" });
    betaTaskId = Number(
      (
        await rest("POST", "/api/scheduled-tasks", {
          ...base,
          tenant_id: "beta",
          task_name: "Beta 私有任务",
        })
      ).id,
    );
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app, dingtalk, wecom));

  const signedIn = (email: string, password: string, width = 1440) =>
    signedInAt(browser, app, { width, email, password, landing: "功能入口" });

  /**
   * No error marker in the script editor: a previous text's marker goes, and none comes for 2 s,
   * well past the linter's 300 ms delay.
   */
  async function expectNoErrorMarker(page: Page): Promise<void> {
    const marker = page.locator("[data-slot=script-editor] .cm-lint-marker-error");
    await marker.first().waitFor({ state: "detached" });
    for (const until = Date.now() + 2_000; Date.now() < until; await page.waitForTimeout(100))
      expect(await marker.count()).toBe(0);
  }

  it(
    "an admin creates a cron script task, tests it with both robots' previews, saves, runs it and opens the run",
    { timeout: 240_000 },
    async () => {
      expect(adminPassword, app.output()).not.toBe("");
      const { context, page, problems } = await signedIn("admin@example.com", adminPassword);
      try {
        await page.getByRole("combobox", { name: "当前范围" }).click();
        await page.getByRole("option", { name: /demo/ }).click();
        await page.getByText(/当前只显示租户「.+」的数据。/).waitFor();

        await page.goto(`${app.url}/tasks`);
        const table = page.locator("[data-slot=tasks-table]");
        await table.getByRole("link", { name: "销售日报" }).waitFor();
        // Schedule in words, and the demo tenant only: acme's and beta's tasks are not listed.
        await expect(table.getByText("每天 09:00").last().isVisible()).resolves.toBe(true);
        await expect(table.getByText("Acme 巡检").count()).resolves.toBe(0);

        await page.getByRole("link", { name: "新建任务" }).first().click();
        await page.getByRole("heading", { name: "新建任务" }).waitFor();
        await page.getByLabel("任务名称").fill("华东销售日报");
        await page.getByRole("radio", { name: "CRON 表达式" }).click();
        await page.getByRole("textbox", { name: "CRON 表达式" }).fill("0 9 * * 1-5");
        // Its Chinese description and the next 5 fire times (Monday to Friday only).
        const preview = page.locator("[data-slot=schedule-preview]");
        await preview.getByText(/星期一至星期五/).waitFor();
        const fireTimes = preview.locator("[data-slot=fire-times] li");
        expect(await fireTimes.count()).toBe(5);
        expect((await fireTimes.allInnerTexts()).join("\n")).not.toMatch(/周六|周日/);
        // An invalid expression is explained under the field as you type, in Chinese.
        await page.getByRole("textbox", { name: "CRON 表达式" }).fill("0 9 * *");
        await page.getByText(/CRON 表达式须为 5 段/).waitFor();
        await page.getByRole("textbox", { name: "CRON 表达式" }).fill("*/30 9-18 * * 1-5");
        await preview.getByText(/每隔 30 分钟|30 分钟/).waitFor();

        // The script language is asked (and remembered for the next new task).
        await page.getByRole("radio", { name: "JavaScript" }).click();
        const editor = page.locator("[data-slot=script-editor] .cm-content");
        // SDK autocomplete while typing (the editor's error marks have their own test below).
        await editor.click();
        await page.keyboard.press("ControlOrMeta+a");
        await page.keyboard.type("http_g");
        await page.locator(".cm-tooltip-autocomplete").getByText("http_get").first().waitFor();
        await page.keyboard.press("Escape");
        await page.keyboard.press("ControlOrMeta+a");
        await page.keyboard.insertText(SCRIPT);
        await expectNoErrorMarker(page);
        const status = page.locator("[data-slot=test-status]");

        await page.getByLabel("输入参数（JSON 对象）").fill('{"region": "华南"}');
        await page.getByRole("checkbox", { name: /销售群（钉钉）/ }).click();
        await page.getByRole("checkbox", { name: /销售群（企微）/ }).click();

        // Hover docs of an SDK function.
        const word = await page.evaluate(() => {
          // The word is plain text inside the first line: measure it with a DOM Range.
          const line = document.querySelector("[data-slot=script-editor] .cm-line")!;
          line.scrollIntoView({ block: "center" });
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.textContent!.indexOf("get_param");
            if (i < 0) continue;
            const range = document.createRange();
            range.setStart(n, i + 2);
            range.setEnd(n, i + 5);
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          return null;
        });
        expect(word).not.toBeNull();
        // CodeMirror shows hover docs once the pointer rests after moving onto the word.
        await page.mouse.move(word!.x - 5, word!.y);
        await page.mouse.move(word!.x, word!.y, { steps: 3 });
        await page
          .locator(".cm-tooltip-hover")
          .getByText(/get_param\(/)
          .first()
          .waitFor();
        await page.locator("[data-slot=script-editor] .cm-content").click();
        await page.keyboard.press("ControlOrMeta+Enter");
        await status.and(page.locator("[data-success=true]")).waitFor({ timeout: 60_000 });
        await expect(page.locator("[data-slot=test-output]").innerText()).resolves.toContain("生成日报 华南");
        const ding = page.locator("[data-slot=test-panel] [data-channel=dingtalk_bot]");
        const wx = page.locator("[data-slot=test-panel] [data-channel=wecom_bot]");
        await expect(ding.getByRole("cell", { name: "36900" }).isVisible()).resolves.toBe(true);
        await expect(
          ding.locator("[data-orientation=horizontal]").getByRole("link", { name: "查看详情" }).isVisible(),
        ).resolves.toBe(true);
        await expect(wx.getByText("销售日报 华南").first().isVisible()).resolves.toBe(true);
        await expect(wx.getByRole("link", { name: "导出" }).isVisible()).resolves.toBe(true);
        // Full-page screenshots are taken from the top, or the sticky shell is drawn mid-page.
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, "task-editor-test-panel");
        // A test delivers nothing.
        expect(dingtalk.accepted()).toHaveLength(0);

        await page.getByRole("button", { name: "保存" }).first().click();
        await page.waitForURL(/\/tasks\/\d+$/);
        await page.getByRole("tab", { name: "设置" }).waitFor();
        // Unsaved changes: leaving by a link asks first; Ctrl/Cmd+S saves them.
        await page.getByLabel("描述").fill("华南区每个工作日的销售数据");
        await page.getByRole("link", { name: "返回任务列表" }).click();
        await page.getByRole("alertdialog", { name: "有未保存的修改" }).waitFor();
        await page.getByRole("button", { name: "继续编辑" }).click();
        expect(page.url()).toMatch(/\/tasks\/\d+$/);
        await page.keyboard.press("ControlOrMeta+s");
        await page.getByText("已保存", { exact: true }).waitFor();
        // 立即运行 asks for this run's parameters (prefilled with the task's), then opens the run.
        const taskUrl = page.url();
        await page.getByRole("button", { name: "立即运行" }).click();
        const runNow = page.locator("[data-slot=run-now-dialog]");
        await runNow.getByRole("button", { name: "运行", exact: true }).click();
        await page.waitForURL(/\/tasks\/\d+\/runs\/\d+$/);
        await page.goto(taskUrl);
        await page.getByRole("tab", { name: "运行记录" }).click();
        const row = page.locator("[data-slot=runs-table] tbody tr").first();
        await row.waitFor();
        // The running row turns into success without a reload (the list polls while running).
        await page
          .locator("[data-slot=runs-table] tbody tr[data-status=success]")
          .waitFor({ timeout: 60_000 });
        expect(dingtalk.accepted().length).toBeGreaterThan(0);
        expect(wecom.accepted().length).toBeGreaterThan(0);
        await page.locator("[data-slot=runs-chart] rect").first().waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, "task-runs");

        await row.getByRole("link").first().click();
        await page.waitForURL(/\/tasks\/\d+\/runs\/\d+$/);
        const runUrl = page.url();
        await page.getByRole("heading", { name: /运行 #\d+/ }).waitFor();
        await expect(page.locator("[data-slot=run-output]").innerText()).resolves.toContain("生成日报 华南");
        const deliveries = page.locator("[data-slot=deliveries] li");
        await expect(deliveries.count()).resolves.toBe(2);
        await expect(page.locator("[data-slot=deliveries]").getByText("成功").count()).resolves.toBe(2);
        await page.locator("[data-channel=dingtalk_bot]").getByRole("cell", { name: "36900" }).waitFor();
        await screenshot(page, "run-detail");

        // The tenant's run history and the task list with its last run.
        await page.goto(`${app.url}/runs`);
        await page.locator("[data-slot=runs-table] tbody tr[data-status=success]").first().waitFor();
        await expect(
          page.locator("[data-slot=runs-table]").getByRole("link", { name: "华东销售日报" }).count(),
        ).resolves.toBe(1);
        await screenshot(page, "runs");
        await page.goto(`${app.url}/tasks`);
        const newRow = page.locator("[data-slot=tasks-table] tr", { hasText: "华东销售日报" });
        // The last run's badge: in its column on a desktop, in the name cell on a phone.
        await newRow.locator("[data-status=success]:visible").first().waitFor();
        await expect(
          newRow
            .getByText(/星期一至星期五/)
            .last()
            .isVisible(),
        ).resolves.toBe(true);
        await screenshot(page, "tasks-list");

        // Phone width: the list fits without sideways scrolling.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${app.url}/tasks`);
        await page.locator("[data-slot=tasks-table]").getByRole("link", { name: "华东销售日报" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, "tasks-list-phone");
        await page.goto(runUrl);
        await page.locator("[data-slot=deliveries]").waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, "run-detail-phone");
        await page.getByRole("link", { name: "华东销售日报" }).first().click();
        await page.getByRole("tab", { name: "设置" }).click();
        await page.locator("[data-slot=script-editor] .cm-content").waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, "task-editor-phone");

        expect(ownProblems(problems)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  // The editor's error marks, at desktop and phone widths: a valid script has none (the syntax
  // check parses, it does not eval, so the CSP without 'unsafe-eval' is no obstacle), a syntax
  // error is explained in Chinese on its line, and a failed test run marks its line, for
  // JavaScript and Python.
  for (const width of [1440, 390])
    it(
      `the script editor marks syntax and runtime errors on their lines, in Chinese (${width} px)`,
      { timeout: 240_000 },
      async () => {
        const { context, page, problems } = await signedIn("admin@example.com", adminPassword, width);
        try {
          await context.addCookies([{ name: "active_tenant", value: "demo", url: app.url }]);
          await page.goto(`${app.url}/tasks/new`);
          await page.getByRole("heading", { name: "新建任务" }).waitFor();
          const editor = page.locator("[data-slot=script-editor]");
          const marker = editor.locator(".cm-lint-marker-error");
          const runtimeLine = editor.locator(".cm-runtime-error-line");
          const status = page.locator("[data-slot=test-status]");
          const typeScript = async (code: string) => {
            await editor.locator(".cm-content").click();
            await page.keyboard.press("ControlOrMeta+a");
            await page.keyboard.insertText(code);
          };
          // The marker's tooltip, hovered afresh (the text is polled: a re-lint follows each edit).
          const markerTip = async () => {
            await page.mouse.move(0, 0);
            await page.locator(".cm-tooltip-lint").first().waitFor({ state: "detached" });
            await marker.hover();
            const tip = page.locator(".cm-tooltip-lint").first();
            await tip.waitFor();
            return tip.innerText();
          };

          await page.getByRole("radio", { name: "JavaScript" }).click();
          // Valid, with the sandbox's top-level await and return: no marker.
          await typeScript(
            'const region = await Promise.resolve(get_param("region", "华东"));\nif (!region) return;\nlog(region);\nresult = null;',
          );
          await expectNoErrorMarker(page);

          // A syntax error: marked on its line, said in Chinese with where and why.
          await typeScript('log("a");\nconst x = ;\nlog("b");');
          await marker.waitFor();
          await expect.poll(markerTip).toBe("语法错误：第 2 行第 11 列附近，这里不应出现「;」");
          expect(englishRuns(await markerTip())).toEqual([]);
          await typeScript('log("a")；');
          await expect
            .poll(markerTip)
            .toBe("语法错误：第 1 行第 9 列附近，「；」是中文标点，代码里请用英文标点");
          await screenshot(page, `script-editor-syntax-${width}`);

          // A failed test run marks its line; an edit clears the mark.
          await typeScript('log("a");\nnull.x;');
          await expectNoErrorMarker(page);
          await page.getByRole("button", { name: "测试运行" }).click();
          await status.and(page.locator("[data-success=false]")).waitFor({ timeout: 60_000 });
          await page.getByText("第 2 行").first().waitFor();
          await runtimeLine.waitFor();
          await expect(runtimeLine.innerText()).resolves.toBe("null.x;");
          await expect(marker.count()).resolves.toBe(1);
          await page.evaluate(() => window.scrollTo(0, 0));
          await screenshot(page, `script-editor-runtime-${width}`);
          await editor.locator(".cm-content").click();
          await page.keyboard.press("End");
          await page.keyboard.insertText(" ");
          await runtimeLine.waitFor({ state: "detached" });

          // Python: no in-browser check, and the test run's error line is marked too.
          await page.getByRole("radio", { name: "Python" }).click();
          await typeScript('print("a")\nx = None\nx.y = 1');
          await expectNoErrorMarker(page);
          await page.getByRole("button", { name: "测试运行" }).click();
          // The first Python run starts an interpreter: give it time.
          await page.getByText("第 3 行").first().waitFor({ timeout: 90_000 });
          await expect(status.getAttribute("data-success")).resolves.toBe("false");
          await runtimeLine.waitFor();
          await expect(runtimeLine.innerText()).resolves.toBe("x.y = 1");

          expect(ownProblems(problems)).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

  it(
    "a viewer sees the editor read-only: no save, test or run, fields cannot be changed",
    { timeout: 120_000 },
    async () => {
      const { context, page, problems } = await signedIn("viewer@example.com", viewerPassword);
      try {
        await page.goto(`${app.url}/tasks`);
        await page
          .locator("[data-slot=tasks-table]")
          .getByRole("link", { name: "销售日报" })
          .first()
          .waitFor();
        await expect(page.getByRole("link", { name: "新建任务" }).count()).resolves.toBe(0);
        await page
          .locator("[data-slot=tasks-table]")
          .getByRole("link", { name: "销售日报", exact: true })
          .click();
        await page.getByText("只读：你的角色不能修改任务。").waitFor();
        await expect(page.getByRole("button", { name: "保存" }).count()).resolves.toBe(0);
        await expect(page.getByRole("button", { name: /测试运行|运行测试/ }).count()).resolves.toBe(0);
        await expect(page.getByRole("button", { name: "立即运行" }).count()).resolves.toBe(0);
        await expect(page.getByLabel("任务名称").getAttribute("readonly")).resolves.not.toBeNull();
        await expect(
          page.locator("[data-slot=script-editor] .cm-content").getAttribute("contenteditable"),
        ).resolves.toBe("false");
        expect(ownProblems(problems)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it("a tenant admin sees only their own tenant's tasks", { timeout: 120_000 }, async () => {
    const { context, page, problems } = await signedIn("ops@acme.example", acmeAdminPassword);
    try {
      await page.goto(`${app.url}/tasks`);
      const table = page.locator("[data-slot=tasks-table]");
      await table.getByRole("link", { name: "Acme 巡检" }).waitFor();
      await expect(table.getByText("Beta 私有任务").count()).resolves.toBe(0);
      await expect(table.getByText("销售日报").count()).resolves.toBe(0);
      await page.getByRole("searchbox", { name: "搜索" }).fill("Beta");
      await page.getByText("没有符合条件的任务").waitFor();
      expect(ownProblems(problems)).toEqual([]);

      // Another tenant's task by its URL is "not found", exactly like a missing one.
      const other = await context.newPage();
      await other.goto(`${app.url}/tasks/${betaTaskId}`);
      await other.getByText("页面不存在").waitFor();
      await expect(other.getByText("Beta 私有任务").count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  for (const width of WIDTHS) {
    const name = `库存巡检${width}`;
    it(
      `row actions: run now, disable, duplicate, delete with confirmation; a concurrent edit is explained (${width} px)`,
      { timeout: 180_000 },
      async () => {
        const created = await rest("POST", "/api/scheduled-tasks", {
          tenant_id: "demo",
          task_name: name,
          schedule_type: "simple",
          time_points: ["07:30", "19:30"],
          execution_type: "script",
          script_language: "javascript",
          script_content: 'log("ok"); result = null;',
        });
        const { context, page, problems } = await signedIn("admin@example.com", adminPassword, width);
        try {
          await context.addCookies([{ name: "active_tenant", value: "demo", url: app.url }]);
          await page.goto(`${app.url}/tasks`);
          const row = () =>
            page.locator("[data-slot=tasks-table] tr", {
              has: page.getByRole("link", { name: name, exact: true }),
            });
          await row().waitFor();
          // The schedule in words: its own column on a desktop, under the name on a phone.
          await row().getByText("每天 07:30、19:30").filter({ visible: true }).first().waitFor();

          await row()
            .getByRole("button", { name: /更多操作/ })
            .click();
          // 立即运行 asks for this run's parameters, then opens the new run.
          await page.getByRole("menuitem", { name: "立即运行" }).click();
          await page
            .locator("[data-slot=run-now-dialog]")
            .getByRole("button", { name: "运行", exact: true })
            .click();
          await page.waitForURL(/\/runs\/\d+$/);
          await page.goto(`${app.url}/tasks`);
          await row().locator("[data-status=success]:visible").first().waitFor({ timeout: 30_000 });

          await row()
            .getByRole("switch", { name: `启用「${name}」` })
            .click();
          await page.getByText(`已停用「${name}」`).waitFor();
          await expect.poll(() => row().getByRole("switch").getAttribute("aria-checked")).toBe("false");

          // The list refetches while it shows a toggled task; an open row menu stays open through it.
          await row()
            .getByRole("button", { name: /更多操作/ })
            .click();
          await page.waitForTimeout(1_500);
          await page.getByRole("menuitem", { name: "复制" }).click();
          await page.getByText(`已复制为「${name} 副本」`).waitFor();
          const copy = page.locator("[data-slot=tasks-table] tr", {
            has: page.getByRole("link", { name: `${name} 副本` }),
          });
          await copy.waitFor();
          await screenshot(page, `tasks-row-actions-${width}`);

          await copy.getByRole("button", { name: /更多操作/ }).click();
          await page.getByRole("menuitem", { name: "删除" }).click();
          const confirm = page.getByRole("alertdialog", { name: `删除任务「${name} 副本」？` });
          await confirm.getByRole("button", { name: "删除" }).click();
          await page.getByText(`已删除「${name} 副本」`).waitFor();
          await copy.waitFor({ state: "detached" });

          // Someone else saves the task while it is open: saving explains the conflict and reloads.
          await page.getByRole("link", { name: name, exact: true }).click();
          await page.getByLabel("任务名称").waitFor();
          await rest("PUT", `/api/scheduled-tasks/${String(created.id)}`, { task_desc: "由接口修改" });
          await page.getByLabel("描述").fill("我在页面上的修改");
          await page.getByRole("button", { name: "保存" }).first().click();
          const dialog = page.getByRole("alertdialog", { name: "任务已被他人修改" });
          await dialog.waitFor();
          await dialog.getByRole("button", { name: "重新加载" }).click();
          await expect.poll(() => page.getByLabel("描述").inputValue()).toBe("由接口修改");

          expect(ownProblems(problems).filter((p) => !/HTTP 409|status of 409/.test(p))).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  }
});
