import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot } from "./helpers/browser";
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

const DATABASE = "sched_e2e_tasks_list";

// The tasks list in headless Chromium at 1440 and 390 px (issue 14 items 1, 4, 5, 8): a row's
// 立即运行 asks for this run's parameters; the table fits a phone; one task and a selection are
// exported and imported into another tenant after a dry run that refuses what cannot go there;
// the webhook signing key is fetched only when asked for.
describe("the tasks list", { timeout: 600_000 }, () => {
  let app: StartedApp;
  let browser: Browser;
  let adminPassword = "";
  const ids: Record<string, number> = {};

  let rest: Rest;

  const task = async (name: string, extra: Record<string, unknown> = {}) =>
    (ids[name] = await createScriptTask(
      rest,
      name,
      "log('地区=' + get_param('region', '华东'))\nresult = null",
      extra,
    ));

  beforeAll(async () => {
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    adminPassword = firstAdminPassword(app);
    rest = restClient(app, platformToken(app));
    adminCli(app, "create-tenant", "branch", "华南分公司");
    const group = await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "华东运营群",
      channel_type: "wecom_bot",
      webhook_url: "http://127.0.0.1:9/cgi-bin/webhook/send?key=demo",
    });
    for (const width of WIDTHS) {
      await task(`参数任务${width}`, { input_params: { region: "华东" } });
      await task(`导出甲${width}`);
      await task(`导出乙${width}`, { notify_channels: [Number(group.id)] });
      await task(`daily_sales_report_for_the_east_china_region_${width}_很长的任务名称也要在手机上换行`);
    }
    await task("回调任务", {
      execution_type: "webhook",
      webhook_url: "https://hooks.example.test/report",
      script_content: undefined,
    });
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app));

  const signedIn = (width: number): Promise<ConsolePage> =>
    signedInAs(browser, app, {
      width,
      password: adminPassword,
      landing: "运维总览",
      browserContext: { acceptDownloads: true },
    });

  /** Opens a row's "…" menu on /tasks (searched by name, so it is on the first page). */
  async function rowMenu(page: Page, name: string) {
    await page.goto(`${app.url}/tasks?q=${encodeURIComponent(name)}`);
    await page.getByRole("button", { name: `更多操作: ${name}` }).click();
    return page.getByRole("menu");
  }

  async function download(page: Page, click: () => Promise<unknown>) {
    const [file] = await Promise.all([page.waitForEvent("download"), click()]);
    return JSON.parse(await readFile((await file.path())!, "utf8")) as {
      tasks: { task_name: string; tenant_id?: string | null; notify_channels: string[] }[];
    };
  }

  for (const width of WIDTHS)
    it(`a row's 立即运行 asks for parameters and runs with the edited ones (${width} px)`, async () => {
      expect(adminPassword, app.output()).not.toBe("");
      const { context, page, problems } = await signedIn(width);
      try {
        const menu = await rowMenu(page, `参数任务${width}`);
        await menu.getByRole("menuitem", { name: "立即运行" }).click();
        const dialog = page.locator("[data-slot=run-now-dialog]");
        const params = dialog.getByLabel("运行参数（JSON）");
        await expect(params.inputValue()).resolves.toContain("华东");
        await params.fill("[1, 2]");
        await dialog.getByRole("button", { name: "运行", exact: true }).click();
        await dialog.getByText("须为 JSON 对象").waitFor();
        await screenshot(page, `tasks-row-run-now-${width}`);
        await params.fill('{"region": "西南"}');
        await dialog.getByRole("button", { name: "运行", exact: true }).click();
        await page.waitForURL(/\/runs\/\d+$/);
        await page
          .locator("[data-slot=run-output]")
          .getByText(/地区=西南/)
          .waitFor({ timeout: 30_000 });
        // The task keeps its own parameters.
        expect((await rest("GET", `/api/scheduled-tasks/${ids[`参数任务${width}`]}`)).input_params).toEqual({
          region: "华东",
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`the tasks table fits the page, long names wrap, and sorts by name in the URL (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks`);
        const table = page.locator("[data-slot=tasks-table]");
        await table.locator("tbody tr").first().waitFor();
        const sizes = await table.evaluate((el) => {
          const box = el.querySelector("[data-slot=table-container]")!;
          return {
            scroll: box.scrollWidth,
            client: box.clientWidth,
            page: document.documentElement.scrollWidth,
          };
        });
        expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
        expect(sizes.page).toBeLessThanOrEqual(width);
        const long = `daily_sales_report_for_the_east_china_region_${width}_很长的任务名称也要在手机上换行`;
        const more = page.getByRole("button", { name: `更多操作: ${long}` });
        const box = (await more.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        // 启用 and the menu stay on a phone; the last run's status moves into the name cell.
        await expect(
          table.getByRole("switch", { name: new RegExp(`参数任务${width}`) }).isVisible(),
        ).resolves.toBe(true);
        await screenshot(page, `tasks-list-${width}`);

        // Sorting by name is the server's (the whole list, not this page): the same order as REST.
        await table.getByRole("button", { name: "任务", exact: true }).click();
        await page.waitForURL(/sort=name\.asc/);
        const sorted = await rest("GET", "/api/scheduled-tasks?sort=name.asc&page_size=20");
        await expect
          .poll(() => table.locator("tbody tr td:nth-child(2) a").allInnerTexts())
          .toEqual(sorted.items.map((t: { task_name: string }) => t.task_name));
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`exports one task and the selection, then imports them into another tenant after a dry run (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        // One task, from its row menu: the platform's file names its tenant.
        const menu = await rowMenu(page, `导出甲${width}`);
        const one = await download(page, () => menu.getByRole("menuitem", { name: "导出" }).click());
        expect(one.tasks.map((t) => [t.task_name, t.tenant_id])).toEqual([[`导出甲${width}`, "demo"]]);

        // The selection, from the bulk bar.
        await page.goto(`${app.url}/tasks?q=${encodeURIComponent(`导出`)}`);
        const table = page.locator("[data-slot=tasks-table]");
        for (const name of [`导出甲${width}`, `导出乙${width}`])
          await table.getByRole("checkbox", { name }).click();
        const bar = page.locator("[data-slot=bulk-bar]");
        await bar.getByText("已选 2 项").waitFor();
        const selected = await download(page, () => bar.getByRole("button", { name: "导出所选" }).click());
        expect(selected.tasks.map((t) => t.task_name).sort()).toEqual(
          [`导出乙${width}`, `导出甲${width}`].sort(),
        );
        expect(selected.tasks.find((t) => t.task_name === `导出乙${width}`)!.notify_channels).toEqual([
          "华东运营群",
        ]);

        // Into 华南分公司: 导出乙 names a channel that tenant lacks, so it is refused with why.
        await page.goto(`${app.url}/tasks/transfer`);
        await page.getByLabel("或粘贴 JSON").fill(JSON.stringify(selected));
        await page.getByRole("combobox", { name: "导入到租户" }).click();
        await page.getByRole("option", { name: /华南分公司/ }).click();
        await page.getByRole("button", { name: "校验" }).click();
        const results = page.locator("[data-slot=import-results]");
        await results.getByText("新建 1，更新 0，拒绝 1").waitFor();
        await results.getByText("仅校验，尚未写入").waitFor();
        await results
          .locator("[data-outcome=refused]")
          .getByText(/渠道「华东运营群」不存在/)
          .waitFor();
        await screenshot(page, `tasks-import-dry-run-${width}`);
        const before = await rest("GET", `/api/scheduled-tasks?tenant_id=branch&keyword=${width}`);
        expect(before.total).toBe(0);
        await page.getByRole("button", { name: "导入", exact: true }).click();
        await results.getByText("新建 1，更新 0，拒绝 1").waitFor();
        await results.getByText("仅校验，尚未写入").waitFor({ state: "detached" });
        const after = await rest("GET", `/api/scheduled-tasks?tenant_id=branch&keyword=${width}`);
        expect(after.items.map((t: { task_name: string }) => t.task_name)).toEqual([`导出甲${width}`]);

        // Each task back to its own tenant: one names a tenant that does not exist.
        const ghost = {
          tasks: [one.tasks[0], { ...one.tasks[0], task_name: `幽灵${width}`, tenant_id: "ghost" }],
        };
        await page.getByLabel("或粘贴 JSON").fill(JSON.stringify(ghost));
        await page.getByRole("combobox", { name: "导入到租户" }).click();
        await page.getByRole("option", { name: "按文件中每个任务的租户" }).click();
        await page.getByRole("button", { name: "校验" }).click();
        await results.getByText("新建 0，更新 1，拒绝 1").waitFor();
        await results
          .locator("[data-outcome=refused]")
          .getByText(/租户 ghost 不存在/)
          .waitFor();
        await screenshot(page, `tasks-import-ghost-tenant-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`the webhook signing key is fetched only when 显示 is clicked (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      const asked: string[] = [];
      page.on("request", (req) => {
        if (req.url().includes("tasks.webhookKey")) asked.push(req.url());
      });
      try {
        await page.goto(`${app.url}/tasks/${ids["回调任务"]}`);
        const box = page.getByTestId("webhook-key");
        await box.getByText("x-scheduled-task-signature").waitFor();
        await page.waitForTimeout(1000); // time for a fetch the page should not make
        expect(asked).toEqual([]);
        await box.getByRole("button", { name: "显示密钥" }).click();
        await expect.poll(() => box.getByTestId("webhook-key-value").innerText()).toMatch(/^[0-9a-f]{64}$/);
        expect(asked).toHaveLength(1);
        await screenshot(page, `tasks-webhook-key-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
});
