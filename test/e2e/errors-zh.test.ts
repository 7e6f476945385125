import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { englishRuns, launchBrowser, screenshot, shownErrors } from "./helpers/browser";
import {
  firstAdminPassword,
  newConsolePage,
  platformToken,
  restClient,
  submitLogin,
  type ConsolePage,
  type Rest,
  tearDown,
  WIDTHS,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_errors_zh";

// Issue 10 "Errors the console can translate": every validation error the browser provokes, in
// the zh console, is in Chinese words; no English server or zod sentence reaches the operator.
// Every flow at a desktop and a phone width (issue 14 item 12), with no page error, failed
// request or 5xx beside the refusals it provokes.
describe("the zh console words every error it is sent", () => {
  let app: StartedApp;
  let browser: Browser;
  let password = "";
  let rest: Rest;
  let channelId = 0;
  const seen: string[] = [];

  /** Waits for an error text, then records every error shown and checks none is English. */
  async function errorsShown(page: Page, expected: RegExp | string): Promise<string[]> {
    await page.getByText(expected).first().waitFor();
    const texts = await shownErrors(page);
    seen.push(...texts);
    for (const text of texts) expect(englishRuns(text), text).toEqual([]);
    return texts;
  }

  beforeAll(async () => {
    app = await startApp({ database: DATABASE });
    password = firstAdminPassword(app);
    rest = restClient(app, platformToken(app));
    channelId = Number(
      (
        await rest("POST", "/api/notification-channels", {
          tenant_id: "demo",
          channel_name: "值班群",
          channel_type: "dingtalk_bot",
          webhook_url: "https://oapi.dingtalk.example.test/robot/send?access_token=abc",
        })
      ).id,
    );
    await rest("POST", "/api/scheduled-tasks", {
      tenant_id: "demo",
      task_name: "早报推送",
      execution_type: "script",
      script_language: "javascript",
      script_content: "result = null;",
      schedule_type: "simple",
      time_points: ["08:00"],
      notify_channels: [channelId],
      is_enabled: false,
    });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(() => tearDown(DATABASE, browser, app));

  async function signedIn(width: number): Promise<ConsolePage> {
    const signed = await newConsolePage(browser, app, { width, tenant: "demo" });
    const { page } = signed;
    await page.goto(`${app.url}/login`);
    await submitLogin(page, "admin@example.com", "wrong-password-1");
    await errorsShown(page, /[\u3400-\u9fff]/);
    await submitLogin(page, "admin@example.com", password);
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    return signed;
  }

  /**
   * What the page recorded besides the refusals these tests provoke on purpose (4xx answers and
   * the browser's note of them): no page error, no failed request and no 5xx may be left.
   */
  const unexpected = (problems: string[]) =>
    problems.filter((p) => !/^HTTP 4\d\d: /.test(p) && !/status of 4\d\d/.test(p));

  describe.each(WIDTHS)("at %i px", (width) => {
    it("task form: name too long and a bad cron, in words on the fields", { timeout: 180_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/new`);
        await page.getByLabel("任务名称").fill("长".repeat(101));
        await page.getByRole("radio", { name: "CRON 表达式" }).click();
        await page.getByRole("textbox", { name: "CRON 表达式" }).fill("0 9 * *");
        await errorsShown(page, /CRON 表达式须为 5 段/);
        await page.getByRole("textbox", { name: "CRON 表达式" }).fill("61 * * * *");
        await errorsShown(page, /CRON 表达式无效/);
        await page.getByRole("button", { name: "保存" }).first().click();
        const texts = await errorsShown(page, /不能超过 100 个字符/);
        expect(texts.join("\n")).toMatch(/CRON 表达式无效/);
        await screenshot(page, `errors-zh-task-form-${width}`);
        expect(unexpected(problems), problems.join("\n")).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(
      "channel form: 加签 without SEC, then the server's 400 (internal address)",
      { timeout: 180_000 },
      async () => {
        const { context, page, problems } = await signedIn(width);
        try {
          await page.goto(`${app.url}/channels`);
          await page.getByRole("button", { name: "新建渠道" }).first().click();
          const form = page.getByRole("dialog", { name: "新建通知渠道" });
          await form.getByLabel("名称").fill("内网群");
          await form.getByLabel("Webhook 地址").fill("not a url");
          await form.getByLabel("加签密钥", { exact: true }).fill("abc123");
          await form.getByRole("button", { name: "保存" }).click();
          await errorsShown(page, "加签密钥须以 SEC 开头");
          await form.getByLabel("Webhook 地址").fill("https://oapi.example.test/robot/send");
          await form.getByLabel("加签密钥", { exact: true }).fill("");
          await form.getByRole("button", { name: "保存" }).click();
          await errorsShown(page, /缺少 access_token/);
          await form.getByLabel("Webhook 地址").fill("https://10.1.2.3/robot/send?access_token=abc");
          await form.getByRole("button", { name: "保存" }).click();
          await errorsShown(page, /内网/);
          await screenshot(page, `errors-zh-channel-400-${width}`);
          expect(unexpected(problems), problems.join("\n")).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

    it("a 409 (channel still used) and a 404 (task gone), in words", { timeout: 180_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/channels`);
        await page.getByRole("button", { name: "更多操作 值班群" }).click();
        await page.getByRole("menuitem", { name: "删除" }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "删除" }).click();
        await errorsShown(page, /仍被以下任务使用/);
        await page
          .getByRole("alertdialog")
          .getByRole("link", { name: /早报推送/ })
          .waitFor();
        await screenshot(page, `errors-zh-channel-409-${width}`);

        await page.goto(`${app.url}/tasks/999999`);
        const body = await page.locator("main").innerText();
        expect(body).toMatch(/[\u3400-\u9fff]/);
        expect(englishRuns(body)).toEqual([]);
        expect(unexpected(problems), problems.join("\n")).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(
      "task form: a webhook URL that is not one, then one the server refuses",
      { timeout: 180_000 },
      async () => {
        const { context, page, problems } = await signedIn(width);
        try {
          await page.goto(`${app.url}/tasks/new`);
          await page.getByLabel("任务名称").fill("回调检查");
          await page.getByRole("radio", { name: "Webhook" }).first().click();
          await page.getByLabel("Webhook 地址").first().fill("not a url");
          await page.getByRole("button", { name: "保存" }).first().click();
          await errorsShown(page, /须为/);
          await page.getByLabel("Webhook 地址").first().fill("https://10.1.2.3/hook");
          await page.getByRole("button", { name: "保存" }).first().click();
          await errorsShown(page, /内网/);
          await screenshot(page, `errors-zh-task-webhook-${width}`);
          expect(unexpected(problems), problems.join("\n")).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

    it("tenant config form: a bad key, in words", { timeout: 180_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tenant-configs`);
        await page.getByRole("button", { name: "新建配置" }).first().click();
        const form = page.getByRole("dialog");
        await form.getByLabel("配置键").fill("bad key!");
        await form.getByRole("button", { name: "保存" }).click();
        await form.locator("[data-slot=field-message]").first().waitFor();
        await errorsShown(page, /[\u3400-\u9fff]/);
        expect(unexpected(problems), problems.join("\n")).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("secret form: a bad key, in words", { timeout: 180_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/secrets`);
        await page.getByRole("button", { name: "新建密钥" }).first().click();
        const form = page.getByRole("dialog", { name: "新建密钥" });
        await form.getByLabel("键").fill("bad key!");
        await form.getByLabel("值", { exact: true }).fill("x");
        await form.getByRole("button", { name: "保存" }).click();
        await errorsShown(page, /只能包含字母/);
        expect(unexpected(problems), problems.join("\n")).toEqual([]);
      } finally {
        await context.close();
      }
      expect(seen.length).toBeGreaterThan(6);
    });
  });
});
