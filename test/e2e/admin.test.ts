import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { launchBrowser, screenshot } from "./helpers/browser";
import {
  adminCli,
  firstAdminPassword,
  printedPassword,
  signedIn as signedInAt,
  tearDown,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_admin";
const ROBOT_TOKEN = "signed-robot-token";
const ROBOT_SECRET = `SEC${"0123456789abcdef".repeat(4)}`;
const CHANNEL = "运维告警群";

// Channels, API tokens, the SDK docs and a viewer's read-only view, in headless Chromium against
// the real app and a strict fake DingTalk robot that checks 加签.
describe("channels, tokens and SDK docs in the console", () => {
  let app: StartedApp;
  let browser: Browser;
  let dingtalk: FakeDingtalk;
  let adminPassword = "";
  let viewerPassword = "";

  beforeAll(async () => {
    dingtalk = await startFakeDingtalk({ robots: [{ token: ROBOT_TOKEN, secret: ROBOT_SECRET }] });
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    adminPassword = firstAdminPassword(app);
    viewerPassword = printedPassword(
      adminCli(app, "create-user", "viewer@example.com", "--tenant", "demo", "--role", "viewer"),
    );
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app, dingtalk));

  const signedIn = (email: string, password: string, width = 1280) =>
    signedInAt(browser, app, { width, email, password, landing: "功能入口" });

  async function switchToDemo(page: Page): Promise<void> {
    await page.getByRole("combobox", { name: "当前范围" }).click();
    await page.getByRole("option", { name: /demo/ }).click();
    await page.getByText(/当前只显示租户「.+」的数据。/).waitFor();
  }

  async function sendTest(page: Page): Promise<void> {
    await page.getByRole("button", { name: `发送测试 ${CHANNEL}` }).click();
    const dialog = page.getByRole("dialog", { name: "发送测试消息" });
    await dialog.getByLabel("消息内容").fill("控制台发出的测试");
    await dialog.getByRole("button", { name: "发送" }).click();
  }

  it(
    "creates a signed DingTalk channel in tenant demo, tests it, and explains a wrong signing secret",
    { timeout: 120_000 },
    async () => {
      expect(adminPassword, app.output()).not.toBe("");
      const { context, page, problems } = await signedIn("admin@example.com", adminPassword);
      try {
        await switchToDemo(page);
        await page.goto(`${app.url}/channels`);
        await page.getByText("还没有通知渠道").waitFor();

        await page.getByRole("button", { name: "新建渠道" }).first().click();
        const form = page.getByRole("dialog", { name: "新建通知渠道" });
        await form.getByLabel("名称").fill(CHANNEL);
        // A URL without the robot's access_token is refused next to the field, in Chinese.
        await form.getByLabel("Webhook 地址").fill(`${dingtalk.url}/robot/send`);
        await form.getByRole("button", { name: "保存" }).click();
        await form.getByText(/缺少 access_token/).waitFor();
        await form.getByLabel("Webhook 地址").fill(dingtalk.webhookUrl(ROBOT_TOKEN));
        await form.getByLabel("加签密钥").fill(ROBOT_SECRET);
        await form.getByRole("button", { name: "保存" }).click();
        await form.waitFor({ state: "detached" });
        await page.getByText(`渠道「${CHANNEL}」已创建`).waitFor();

        const row = page.getByRole("row").filter({ hasText: CHANNEL });
        // The type column (the badge under the name is for phones and hidden here).
        await expect(row.getByText("钉钉").last().isVisible()).resolves.toBe(true);
        await expect(row.getByText("已设置").isVisible()).resolves.toBe(true);
        // The secret never comes back to the browser.
        expect(await page.content()).not.toContain(ROBOT_SECRET);

        await sendTest(page);
        await page.getByText("发送成功，机器人已接收消息").waitFor();
        const accepted = dingtalk.accepted();
        expect(accepted).toHaveLength(1);
        expect(accepted[0]!.query.timestamp).toMatch(/^\d+$/);
        expect(accepted[0]!.query.sign).toBeTruthy();
        expect(accepted[0]!.raw).toContain("控制台发出的测试");
        await page.getByRole("dialog").getByRole("button", { name: "关闭" }).first().click();
        await page.getByRole("dialog").waitFor({ state: "detached" });
        await page.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 15_000 });
        await screenshot(page, "channels");

        // Edit: the secret field is write-only ("已设置，留空则不修改"); put a wrong one in.
        await page.getByRole("button", { name: `更多操作 ${CHANNEL}` }).click();
        await page.getByRole("menuitem", { name: "编辑" }).click();
        const edit = page.getByRole("dialog", { name: "编辑通知渠道" });
        await expect(edit.getByPlaceholder("已设置，留空则不修改").isVisible()).resolves.toBe(true);
        await edit.getByLabel("加签密钥", { exact: true }).fill(`SEC${"f".repeat(64)}`);
        await edit.getByRole("button", { name: "保存" }).click();
        await edit.waitFor({ state: "detached" });

        await sendTest(page);
        const answer = page.getByTestId("robot-answer");
        await answer.waitFor();
        await expect(answer.innerText()).resolves.toContain("310000");
        await expect(answer.innerText()).resolves.toContain(
          "加签校验失败：请检查渠道的加签密钥是否与钉钉机器人安全设置中的一致",
        );
        expect(dingtalk.accepted()).toHaveLength(1);
        await screenshot(page, "channel-test-explained");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "creates an API token that is shown exactly once and works against the REST API",
    { timeout: 90_000 },
    async () => {
      const { context, page, problems } = await signedIn("admin@example.com", adminPassword);
      try {
        await switchToDemo(page);
        await page.goto(`${app.url}/tokens`);
        await page.getByRole("button", { name: "新建令牌" }).first().click();
        const dialog = page.getByRole("dialog", { name: "新建 API 令牌" });
        await dialog.getByLabel("名称").fill("CI 部署");
        await dialog.getByRole("button", { name: "新建" }).click();

        const shown = page.getByRole("dialog", { name: "令牌已创建" });
        await shown.waitFor();
        await expect(shown.getByText(/关闭此窗口后将无法再次查看该令牌/).isVisible()).resolves.toBe(true);
        const token = (await shown.getByTestId("new-token").innerText()).trim();
        expect(token.length).toBeGreaterThan(20);
        await expect(shown.getByRole("button", { name: "复制" }).isVisible()).resolves.toBe(true);

        const res = await fetch(`${app.url}/api/notification-channels`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { items: { channel_name: string }[] };
        expect(body.items.map((c) => c.channel_name)).toContain(CHANNEL);

        await shown.getByRole("button", { name: "我已保存" }).click();
        await shown.waitFor({ state: "detached" });
        const row = page.getByRole("row").filter({ hasText: "CI 部署" });
        // The prefix cell (the copy under the name is for phones and hidden here).
        await expect(
          row
            .getByText(`${token.slice(0, 10)}…`)
            .last()
            .isVisible(),
        ).resolves.toBe(true);
        await expect(row.getByText("有效").isVisible()).resolves.toBe(true);
        // Once closed, the token is nowhere on the page, not even after a reload.
        await page.reload();
        await page.getByRole("row").filter({ hasText: "CI 部署" }).waitFor();
        expect(await page.content()).not.toContain(token);
        await screenshot(page, "tokens");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "the SDK page lists get_secret and previews a message format for both robots",
    { timeout: 90_000 },
    async () => {
      const { context, page, problems } = await signedIn("admin@example.com", adminPassword);
      try {
        await page.goto(`${app.url}/sdk`);
        const fn = page.locator("#fn-get_secret");
        await fn.getByRole("heading", { name: "get_secret" }).waitFor();
        await expect(fn.getByText("get_secret(key)").first().isVisible()).resolves.toBe(true);

        const markdown = page.locator("#format-markdown");
        const ding = markdown.locator("[data-slot=robot-preview][data-channel=dingtalk_bot]");
        await ding.waitFor({ timeout: 30_000 });
        await expect(
          ding
            .getByText(/生成时间/)
            .first()
            .isVisible(),
        ).resolves.toBe(true);
        await markdown.getByRole("tab", { name: "企业微信" }).click();
        await markdown.locator("[data-slot=robot-preview][data-channel=wecom_bot]").waitFor();
        await markdown.getByRole("tab", { name: "钉钉" }).click();
        await screenshot(page, "sdk-docs");

        // Search narrows the page.
        await page.getByRole("textbox", { name: "搜索函数、变量或格式" }).fill("secret");
        await expect(page.locator("#fn-get_secret").isVisible()).resolves.toBe(true);
        await expect(page.locator("#fn-http_get").count()).resolves.toBe(0);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "secret values are write-only, and a script variable is edited as validated JSON",
    { timeout: 90_000 },
    async () => {
      const { context, page, problems } = await signedIn("admin@example.com", adminPassword);
      try {
        await switchToDemo(page);
        await page.goto(`${app.url}/secrets`);
        await page.getByRole("button", { name: "新建密钥" }).first().click();
        const dialog = page.getByRole("dialog", { name: "新建密钥" });
        await dialog.getByLabel("键").fill("ERP_PASSWORD");
        await dialog.getByLabel("值").fill("hunter2-very-secret");
        await dialog.getByLabel("说明").fill("ERP 登录密码");
        await dialog.getByRole("button", { name: "保存" }).click();
        await dialog.waitFor({ state: "detached" });
        const row = page.getByRole("row").filter({ hasText: "ERP_PASSWORD" });
        await expect(row.getByText("••••••••").isVisible()).resolves.toBe(true);
        await page.reload();
        await page.getByRole("row").filter({ hasText: "ERP_PASSWORD" }).waitFor();
        expect(await page.content()).not.toContain("hunter2-very-secret");

        await page.goto(`${app.url}/script-vars`);
        await page.getByRole("combobox", { name: "选择任务" }).click();
        await page.getByRole("option", { name: /销售日报/ }).click();
        await page.getByRole("button", { name: "新建变量" }).first().click();
        const vars = page.getByRole("dialog", { name: "新建变量" });
        await vars.getByLabel("键").fill("last_total");
        await vars.getByLabel("值 (JSON)").fill("{total: 1}");
        await vars.getByRole("button", { name: "保存" }).click();
        await vars.getByText(/不是合法的 JSON/).waitFor();
        await vars.getByLabel("值 (JSON)").fill('{"total": 36900, "regions": ["华东", "华南"]}');
        await vars.getByRole("button", { name: "保存" }).click();
        await vars.waitFor({ state: "detached" });
        const saved = page.getByRole("row").filter({ hasText: "last_total" });
        await expect(saved.getByText(/"total":36900/).isVisible()).resolves.toBe(true);
        // The task keeps the value: it is there after a reload (the task stays chosen in the address).
        await page.reload();
        await page
          .getByRole("row")
          .filter({ hasText: "last_total" })
          .getByText(/"华南"/)
          .waitFor();
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "a viewer sees channels read-only, and the platform-only tenants page is refused",
    { timeout: 90_000 },
    async () => {
      expect(viewerPassword).not.toBe("");
      const { context, page, problems } = await signedIn("viewer@example.com", viewerPassword, 390);
      try {
        await page.goto(`${app.url}/channels`);
        await page.getByRole("row").filter({ hasText: CHANNEL }).waitFor();
        await expect(page.getByText("只读：你可以查看渠道，但不能修改。").isVisible()).resolves.toBe(true);
        await expect(page.getByRole("button", { name: "新建渠道" }).count()).resolves.toBe(0);
        await expect(page.getByRole("button", { name: /发送测试/ }).count()).resolves.toBe(0);
        await expect(page.getByRole("button", { name: /更多操作/ }).count()).resolves.toBe(0);
        // Nothing sticks out sideways at phone width.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, "channels-viewer-phone");

        // The SDK docs fit a phone too; a viewer gets the examples without running them.
        await page.goto(`${app.url}/sdk`);
        await page.locator("#fn-get_secret").waitFor();
        await expect(
          page.locator("#format-markdown").getByText("只读成员无法运行脚本").isVisible(),
        ).resolves.toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

        await page.goto(`${app.url}/tenants`);
        await page.getByText("无权访问").waitFor();
        await expect(page.getByRole("button", { name: "新建租户" }).count()).resolves.toBe(0);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
