import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { startFakeWecomRobot, type FakeWecomRobot } from "../fakes";
import { animationsSettled, englishRuns, launchBrowser, screenshot } from "./helpers/browser";
import {
  adminCli,
  createScriptTask,
  firstAdminPassword,
  platformToken,
  restClient,
  signedIn as signedInAs,
  tearDown,
  WIDTHS,
  type ConsolePage,
  type Rest,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_bulk";

// Bulk actions on tasks (issue 14 item 4) and a disabled channel skipped (item 5), in headless
// Chromium at 1440 and 390 px on one `npm start`: enable, run now, set channels and delete the
// selected tasks, each after a confirmation, with a per-task report in Chinese words (a refused
// row included); a task with two channels, one disabled in the console, runs successfully and its
// run detail says the disabled one was skipped. Each width has its own rows and channels.
describe("bulk actions and disabled channels", { timeout: 600_000 }, () => {
  let app: StartedApp;
  let browser: Browser;
  let robot: FakeWecomRobot;
  let token = "";
  let adminPassword = "";
  const ids: Record<string, number> = {};
  const channels: Record<string, number> = {};

  let rest: Rest;

  /** The status of `GET /api/scheduled-tasks/{id}` (404 once deleted). */
  const taskStatus = async (id: number) =>
    (await fetch(`${app.url}/api/scheduled-tasks/${id}`, { headers: { authorization: `Bearer ${token}` } }))
      .status;

  const task = async (name: string, extra: Record<string, unknown> = {}) =>
    (ids[name] = await createScriptTask(rest, name, "result = null", { is_enabled: true, ...extra }));

  beforeAll(async () => {
    robot = await startFakeWecomRobot({ keys: WIDTHS.flatMap((w) => [`on-${w}`, `off-${w}`]) });
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    adminPassword = firstAdminPassword(app);
    token = platformToken(app);
    rest = restClient(app, token);
    // A second tenant: demo's channels do not exist there, so setting them on its task is refused.
    adminCli(app, "create-tenant", "acme", "华南分公司");

    for (const width of WIDTHS) {
      for (const [name, key] of [
        [`推送群${width}`, `on-${width}`],
        [`停用群${width}`, `off-${width}`],
      ] as const) {
        const channel = await rest("POST", "/api/notification-channels", {
          tenant_id: "demo",
          channel_name: name,
          channel_type: "wecom_bot",
          webhook_url: robot.webhookUrl(key),
        });
        channels[name] = Number(channel.id);
      }
      for (let i = 1; i <= 3; i++) await task(`启用${width}-${i}`, { is_enabled: false });
      for (let i = 1; i <= 2; i++)
        await task(`运行${width}-${i}`, { script_content: `log('第 ${i} 个')\nresult = null` });
      for (let i = 1; i <= 2; i++) await task(`渠道${width}-${i}`);
      await task(`渠道${width}-华南`, { tenant_id: "acme" });
      for (let i = 1; i <= 3; i++) await task(`删除${width}-${i}`);
      await task(`两个渠道${width}`, {
        script_content: "result = '今日订单 128 单'",
        notify_channels: [channels[`推送群${width}`], channels[`停用群${width}`]],
      });
    }
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app, robot));

  const signedIn = (width: number): Promise<ConsolePage> =>
    signedInAs(browser, app, { width, password: adminPassword, landing: "运维总览" });

  /** /tasks searched for `prefix`, with the named rows ticked; answers the bulk bar. */
  async function select(page: Page, prefix: string, names: string[]): Promise<Locator> {
    await page.goto(`${app.url}/tasks?q=${encodeURIComponent(prefix)}`);
    const table = page.locator("[data-slot=tasks-table]");
    for (const name of names) await table.getByRole("checkbox", { name, exact: true }).click();
    const bar = page.locator("[data-slot=bulk-bar]");
    await bar.getByText(`已选 ${names.length} 项`).waitFor();
    return bar;
  }

  /** The report (after the confirmation has faded out): each row's words, by task name or #id. */
  async function report(page: Page, name: string): Promise<Record<string, string>> {
    const dialog = page.locator("[data-slot=bulk-report]");
    await dialog.waitFor();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    await animationsSettled(page);
    await screenshot(page, name);
    const rows: Record<string, string> = {};
    for (const text of await dialog.locator("li").allInnerTexts()) {
      const [who, what] = text.split(" · ");
      rows[who!.trim()] = what!.trim();
    }
    expect(englishRuns(await dialog.locator("ul").innerText())).toEqual([]);
    return rows;
  }

  for (const width of WIDTHS)
    it(`enables three tasks at once after a confirmation (${width} px)`, async () => {
      const names = [1, 2, 3].map((i) => `启用${width}-${i}`);
      const { context, page, problems } = await signedIn(width);
      try {
        const bar = await select(page, `启用${width}-`, names);
        await bar.getByRole("button", { name: "启用", exact: true }).click();
        const confirm = page.getByRole("alertdialog");
        await confirm.getByRole("heading", { name: "对 3 个任务执行「启用」？" }).waitFor();
        await animationsSettled(page);
        await screenshot(page, `bulk-enable-confirm-${width}`);
        await confirm.getByRole("button", { name: "确认" }).click();
        const rows = await report(page, `bulk-enable-${width}`);
        expect(rows).toEqual(Object.fromEntries(names.map((n) => [n, "已启用"])));
        for (const name of names)
          expect((await rest("GET", `/api/scheduled-tasks/${ids[name]}`)).is_enabled).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`runs two tasks now at once: a run appears for each (${width} px)`, async () => {
      const names = [1, 2].map((i) => `运行${width}-${i}`);
      const { context, page, problems } = await signedIn(width);
      try {
        const bar = await select(page, `运行${width}-`, names);
        await bar.getByRole("button", { name: "立即运行", exact: true }).click();
        const confirm = page.getByRole("alertdialog");
        await confirm.getByRole("heading", { name: "对 2 个任务执行「立即运行」？" }).waitFor();
        await confirm.getByRole("button", { name: "确认" }).click();
        const rows = await report(page, `bulk-run-${width}`);
        expect(Object.keys(rows).sort()).toEqual([...names].sort());
        for (const [i, name] of names.entries()) {
          // The row names the run it started (its trace id); that run is the task's, manual, and finishes.
          const traceId = /^已开始运行\s*(\d{14}-[0-9a-f]{12})$/.exec(rows[name]!)?.[1];
          expect(traceId, rows[name]).toBeTruthy();
          let log: any;
          for (let n = 0; n < 120 && !(log && log.status !== "running"); n++) {
            if (n) await new Promise((r) => setTimeout(r, 250));
            log = (await rest("GET", `/api/scheduled-tasks/${ids[name]}/logs?trace_id=${traceId}`)).items[0];
          }
          expect(log).toMatchObject({ status: "success", trigger: "manual", trace_id: traceId });
          expect(log.output).toContain(`第 ${i + 1} 个`);
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`sets the channels of three tasks at once; another tenant's task is refused (${width} px)`, async () => {
      const names = [`渠道${width}-1`, `渠道${width}-2`, `渠道${width}-华南`];
      const { context, page, problems } = await signedIn(width);
      try {
        const bar = await select(page, `渠道${width}-`, names);
        await bar.getByRole("button", { name: "设置通知渠道", exact: true }).click();
        const confirm = page.getByRole("alertdialog");
        await confirm.getByRole("heading", { name: "对 3 个任务执行「设置通知渠道」？" }).waitFor();
        await confirm.getByText("不推送（清空渠道）").waitFor();
        await confirm.getByRole("checkbox", { name: `推送群${width}`, exact: true }).click();
        await confirm.getByRole("checkbox", { name: `停用群${width}`, exact: true }).click();
        await expect(confirm.getByText("不推送（清空渠道）").count()).resolves.toBe(0);
        await animationsSettled(page);
        await screenshot(page, `bulk-channels-confirm-${width}`);
        await confirm.getByRole("button", { name: "确认" }).click();
        const rows = await report(page, `bulk-channels-${width}`);
        const chosen = [channels[`推送群${width}`]!, channels[`停用群${width}`]!];
        expect(rows).toEqual({
          [`渠道${width}-1`]: "已设置通知渠道",
          [`渠道${width}-2`]: "已设置通知渠道",
          [`渠道${width}-华南`]: `未执行：渠道 ${chosen[0]} 不存在或不属于该租户`,
        });
        for (const name of names.slice(0, 2))
          expect((await rest("GET", `/api/scheduled-tasks/${ids[name]}`)).notify_channels).toEqual(chosen);
        expect(
          (await rest("GET", `/api/scheduled-tasks/${ids[`渠道${width}-华南`]}`)).notify_channels,
        ).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`deletes three tasks at once; one deleted meanwhile is reported as such (${width} px)`, async () => {
      const names = [1, 2, 3].map((i) => `删除${width}-${i}`);
      const { context, page, problems } = await signedIn(width);
      try {
        const bar = await select(page, `删除${width}-`, names);
        const confirm = page.getByRole("alertdialog");
        // 取消 deletes nothing.
        await bar.getByRole("button", { name: "删除", exact: true }).click();
        await confirm.getByRole("heading", { name: "对 3 个任务执行「删除」？" }).waitFor();
        await confirm.getByRole("button", { name: "取消" }).click();
        await confirm.waitFor({ state: "detached" });
        for (const name of names) expect(await taskStatus(ids[name]!)).toBe(200);
        // Someone else deletes the third while the page is open.
        await rest("DELETE", `/api/scheduled-tasks/${ids[names[2]!]}`);
        await bar.getByRole("button", { name: "删除", exact: true }).click();
        await confirm.getByRole("button", { name: "确认" }).click();
        const rows = await report(page, `bulk-delete-${width}`);
        expect(rows).toEqual({
          [names[0]!]: "已删除",
          [names[1]!]: "已删除",
          [`#${ids[names[2]!]}`]: "未执行：任务不存在或已被删除。",
        });
        for (const name of names) expect(await taskStatus(ids[name]!)).toBe(404);
        // Closed, the list no longer has them.
        await page.locator("[data-slot=bulk-report]").getByRole("button", { name: "关闭" }).first().click();
        await page
          .locator("[data-slot=tasks-table]")
          .getByRole("checkbox", { name: names[0], exact: true })
          .waitFor({ state: "detached" });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`a channel disabled in the console is skipped and said so; the run succeeds (${width} px)`, async () => {
      const off = `停用群${width}`;
      const on = `推送群${width}`;
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/channels`);
        await page.getByRole("button", { name: `更多操作 ${off}` }).click();
        await page.getByRole("menuitem", { name: "编辑" }).click();
        const edit = page.getByRole("dialog", { name: "编辑通知渠道" });
        const enabled = edit.getByRole("switch", { name: "启用" });
        await expect(enabled.getAttribute("aria-checked")).resolves.toBe("true");
        await enabled.click();
        await edit.getByRole("button", { name: "保存" }).click();
        await edit.waitFor({ state: "detached" });
        await page.getByRole("row").filter({ hasText: off }).getByText("停用", { exact: true }).waitFor();
        expect((await rest("GET", `/api/notification-channels/${channels[off]}`)).is_enabled).toBe(false);

        const before = robot.accepted().length;
        await page.goto(`${app.url}/tasks/${ids[`两个渠道${width}`]}`);
        await page.getByRole("button", { name: "立即运行" }).first().click();
        const dialog = page.locator("[data-slot=run-now-dialog]");
        await dialog.getByRole("button", { name: "运行", exact: true }).click();
        await page.waitForURL(/\/runs\/\d+$/);
        await page.locator("[data-status=success]").first().waitFor({ timeout: 30_000 });
        const deliveries = page.locator("[data-slot=deliveries]");
        const skipped = deliveries.locator("li").filter({ hasText: off });
        await skipped.getByText("已跳过", { exact: true }).waitFor();
        await skipped.getByText(`通知渠道「${off}」已停用，已跳过`).waitFor();
        await deliveries.locator("li").filter({ hasText: on }).getByText("成功", { exact: true }).waitFor();
        expect(englishRuns(await deliveries.innerText())).toEqual([]);
        await animationsSettled(page);
        await screenshot(page, `channel-skipped-${width}`);

        // The run is a success (not failed, not partial); only the enabled channel got the message.
        const logId = Number(/\/runs\/(\d+)$/.exec(page.url())![1]);
        const logs = await rest("GET", `/api/scheduled-tasks/${ids[`两个渠道${width}`]}/logs`);
        const log = logs.items.find((l: any) => Number(l.id) === logId);
        expect(log.status).toBe("success");
        const sent = robot.accepted().slice(before);
        expect(sent.map((r) => r.query.key)).toEqual([`on-${width}`]);
        expect(JSON.stringify(sent[0]!.body)).toContain("今日订单 128 单");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
});
