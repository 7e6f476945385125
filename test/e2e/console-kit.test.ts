import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, screenshot } from "./helpers/browser";
import {
  createScriptTask,
  firstAdminPassword,
  platformToken,
  restClient,
  signedIn,
  type Rest,
  tearDown,
  WIDTHS,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_console_kit";

// The list and form kit and the fixes of issue 14 item 10, every flow at desktop (1440) and
// phone (390) widths, in the demo tenant of a fresh `npm start`. No flow keeps what it changed
// except the webhook key's rotation, which each width compares against its own before.
describe("console kit: lists, dialogs and the operator's fixes", () => {
  let app: StartedApp;
  let browser: Browser;
  let password = "";
  let rest: Rest;
  let runTaskId = 0;
  let webhookTaskId = 0;

  beforeAll(async () => {
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    password = firstAdminPassword(app);
    rest = restClient(app, platformToken(app));
    runTaskId = await createScriptTask(rest, "看板巡检", 'log("ok"); result = null;', { is_enabled: false });
    const webhookTask = await rest("POST", "/api/scheduled-tasks", {
      tenant_id: "demo",
      task_name: "回调任务",
      schedule_type: "simple",
      time_points: ["08:00"],
      is_enabled: false,
      execution_type: "webhook",
      webhook_url: "https://hooks.example.test/report",
    });
    webhookTaskId = Number(webhookTask.id);
    await rest("POST", `/api/scheduled-tasks/${runTaskId}/run`, {});
    browser = await launchBrowser();
  }, 600_000);

  afterAll(() => tearDown(DATABASE, browser, app));

  const signedInDemo = (width: number) => signedIn(browser, app, { width, password, tenant: "demo" });

  for (const width of WIDTHS) {
    it(
      `the channel dialog refuses a 加签 without SEC on the field, hides 加签 for WeCom, and shows a server 400 on the field with a toast (${width} px)`,
      { timeout: 180_000 },
      async () => {
        const { context, page, problems } = await signedInDemo(width);
        try {
          await page.goto(`${app.url}/channels`);
          await page.getByRole("button", { name: "新建渠道" }).first().click();
          const form = page.getByRole("dialog", { name: "新建通知渠道" });
          await form.getByLabel("名称").fill("x".repeat(101));
          await expect(form.getByText("101 / 100").isVisible()).resolves.toBe(true);
          await form.getByLabel("名称").fill("值班群");
          await form.getByLabel("Webhook 地址").fill("https://10.1.2.3/robot/send?access_token=abc");
          await form.getByLabel("加签密钥", { exact: true }).fill("abc123");
          await form.getByRole("button", { name: "保存" }).click();
          await form.getByText("加签密钥须以 SEC 开头").waitFor();

          // WeCom robots have no signing: no 加签 field.
          await form.locator("[data-field=channel_type] [role=combobox]").click();
          await page.getByRole("option", { name: /企业微信/ }).click();
          await expect(form.getByLabel("加签密钥", { exact: true }).count()).resolves.toBe(0);
          await form.locator("[data-field=channel_type] [role=combobox]").click();
          await page.getByRole("option", { name: /钉钉/ }).click();
          await form.getByLabel("加签密钥", { exact: true }).fill("");

          // A private address passes the form's schema; the server refuses it (400): the dialog
          // says so on the field and in a toast, and stays open.
          await form.getByRole("button", { name: "保存" }).click();
          await page
            .getByText(/保存失败/)
            .first()
            .waitFor();
          const field = form.locator("[data-field=webhook_url] [data-slot=field-message]");
          await field.waitFor();
          expect((await field.innerText()).trim()).not.toBe("");
          expect(await form.isVisible()).toBe(true);
          await screenshot(page, `kit-channel-dialog-${width}`);
          const unexpected = problems.filter(
            (p) => !/HTTP 400: POST .*\/api\/trpc\/channels\.create/.test(p),
          );
          const console400 = unexpected.filter((p) => /status of 400/.test(p));
          expect(unexpected.filter((p) => !console400.includes(p))).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

    it(
      `tasks: search in the URL survives reload and back; a new task starts disabled; switching tenant with unsaved edits asks and lands on the list (${width} px)`,
      { timeout: 180_000 },
      async () => {
        const { context, page, problems } = await signedInDemo(width);
        try {
          await page.goto(`${app.url}/tasks`);
          const table = page.locator("[data-slot=tasks-table]");
          await table.getByRole("link", { name: "看板巡检" }).waitFor();
          await page.getByRole("searchbox", { name: "搜索" }).fill("看板");
          await page.waitForURL(/[?&]q=/);
          await expect.poll(() => table.getByRole("link", { name: "回调任务" }).count()).toBe(0);
          await page.reload();
          await table.getByRole("link", { name: "看板巡检" }).waitFor();
          await expect(page.getByRole("searchbox", { name: "搜索" }).inputValue()).resolves.toBe("看板");
          await expect.poll(() => table.getByRole("link", { name: "回调任务" }).count()).toBe(0);
          await screenshot(page, `kit-tasks-${width}`);

          await page.goto(`${app.url}/tasks/new`);
          await page.getByLabel("任务名称").fill("未保存的任务");
          await expect(page.getByRole("switch", { name: "启用" }).getAttribute("aria-checked")).resolves.toBe(
            "false",
          );
          await expect(page.getByTestId("char-counter").first().innerText()).resolves.toBe("6 / 100");

          await page.getByRole("combobox", { name: "当前范围" }).click();
          await page.getByRole("option", { name: /平台/ }).first().click();
          const ask = page.getByRole("alertdialog", { name: "有未保存的修改" });
          await ask.waitFor();
          await ask.getByRole("button", { name: "留在此页" }).click();
          await expect(page.getByLabel("任务名称").inputValue()).resolves.toBe("未保存的任务");

          await page.goto(`${app.url}/tasks/${runTaskId}`);
          await page.getByLabel("任务名称").fill("改了名字");
          await page.getByRole("combobox", { name: "当前范围" }).click();
          await page.getByRole("option", { name: /平台/ }).first().click();
          await page
            .getByRole("alertdialog", { name: "有未保存的修改" })
            .getByRole("button", { name: "放弃修改并切换" })
            .click();
          await page.waitForURL((u) => u.pathname === "/tasks");
          await page.locator("[data-slot=tasks-table]").getByRole("link", { name: "看板巡检" }).waitFor();
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

    it(
      `a webhook task's signing key: shown on request, copied, rotated (${width} px)`,
      { timeout: 120_000 },
      async () => {
        const { context, page, problems } = await signedInDemo(width);
        try {
          await page.goto(`${app.url}/tasks/${webhookTaskId}`);
          const box = page.getByTestId("webhook-key");
          await box.getByRole("button", { name: "显示密钥" }).click();
          const value = box.getByTestId("webhook-key-value");
          await expect.poll(() => value.innerText()).toMatch(/^[0-9a-f]{64}$/);
          const before = await value.innerText();
          // 复制密钥 puts exactly the shown key on the clipboard.
          await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
          await box.getByRole("button", { name: "复制密钥" }).click();
          await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(before);
          await box.getByRole("button", { name: "轮换密钥" }).click();
          await page.getByRole("alertdialog").getByRole("button", { name: "轮换密钥" }).click();
          await page.getByText("签名密钥已轮换").waitFor();
          await expect.poll(() => value.innerText()).not.toBe(before);
          await expect.poll(() => page.getByRole("radio", { name: "跳过本次" }).count()).toBeGreaterThan(0);
          await expect(page.getByLabel("错过补跑时限（秒）").inputValue()).resolves.toBe("300");
          await screenshot(page, `kit-webhook-key-${width}`);
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

    it(
      `the runs table keeps 状态 in view and a tap anywhere on a row opens the run (${width} px)`,
      { timeout: 120_000 },
      async () => {
        const { context, page, problems } = await signedInDemo(width);
        try {
          await page.goto(`${app.url}/tasks/${runTaskId}?tab=runs`);
          const row = page.locator("[data-slot=runs-table] tbody tr").first();
          await row.waitFor();
          const status = page.locator("[data-slot=runs-table] thead th", { hasText: "状态" });
          await expect(status.isVisible()).resolves.toBe(true);
          const box = await status.boundingBox();
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
          await screenshot(page, `kit-runs-${width}`);
          // Tap the status cell (not the time link): the row opens the run.
          await row.locator("td").nth(1).click();
          await page.waitForURL(/\/runs\/\d+/);
          await page.goto(`${app.url}/tasks`);
          await page.locator("[data-slot=tasks-table]").getByRole("link", { name: "看板巡检" }).waitFor();
          await screenshot(page, `kit-runs-back-to-tasks-${width}`);
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  }
});
