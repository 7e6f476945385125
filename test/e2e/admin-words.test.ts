import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { startFakeDingtalk, type FakeDingtalk } from "../fakes";
import { englishRuns, launchBrowser, screenshot } from "./helpers/browser";
import {
  createScriptTask,
  firstAdminPassword,
  platformToken,
  restClient,
  runAndWait,
  signedIn as signedInAt,
  type Rest,
  tearDown,
  WIDTHS,
} from "./helpers/console";
import { freePort, startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_admin_words";
const SECRET = "SEC" + "d".repeat(61);

/**
 * What a zh console must never show: stored identifiers (enum values, audit actions, channel
 * types) and English sentences from the server.
 */
const RAW = [
  /\b(dingtalk_bot|wecom_bot|wecom_app|platform_admin|tenant_admin)\b/,
  /\b(task|tenant|member|channel|secret|token|run)\.[a-z_]+\b/,
  /\b(success|failed|running|skipped|cancelled|partial|schedule|manual|retry)\b/,
  /\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b/, // an English sentence
];

async function expectWordsOnly(where: Locator, what: string): Promise<void> {
  const text = await where.innerText();
  for (const pattern of RAW) expect(text, `${what}: ${pattern}`).not.toMatch(pattern);
}

/** Nothing sticks out sideways: a phone never scrolls horizontally. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// Tenants and members, the per-tenant run quota, the audit log in words, the default alert
// channel, Chinese words for every identifier, and the item-10 fixes of issue 14, in headless
// Chromium at 1440 and 390 px against one `npm start` and a strict fake DingTalk robot.
describe("tenants, audit and words in the console", { timeout: 600_000 }, () => {
  let app: StartedApp;
  let browser: Browser;
  let dingtalk: FakeDingtalk;
  let rest: Rest;
  let adminPassword = "";
  const ids: Record<string, number> = {};

  const task = (name: string, script: string, extra: Record<string, unknown> = {}) =>
    createScriptTask(rest, name, script, extra).then((id) => (ids[name] = id));

  beforeAll(async () => {
    dingtalk = await startFakeDingtalk({ robots: [{ token: "words-group", secret: SECRET }] });
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    adminPassword = firstAdminPassword(app);
    rest = restClient(app, platformToken(app));
    const group = await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "日报群",
      channel_type: "dingtalk_bot",
      webhook_url: dingtalk.webhookUrl("words-group"),
      sign_secret: SECRET,
    });
    ids["日报群"] = Number(group.id);
    // A robot nobody answers: the channel test retries, then explains a network failure.
    const closed = await freePort();
    const dead = await rest("POST", "/api/notification-channels", {
      tenant_id: "demo",
      channel_name: "失联群",
      channel_type: "wecom_bot",
      webhook_url: `http://127.0.0.1:${closed}/cgi-bin/webhook/send?key=gone`,
    });
    ids["失联群"] = Number(dead.id);
    await task("推送日报", "result = '今日销售 42 单'", { notify_channels: [Number(group.id)] });
    await task("不推送的任务", "result = '只看结果'");
    await task("坏结果", "result = { foo: 1 }");
    for (const name of ["推送日报", "不推送的任务", "坏结果"])
      ids[`run:${name}`] = (await runAndWait(rest, ids[name]!)).id;
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app, dingtalk));

  const signedIn = (width: number) =>
    signedInAt(browser, app, { width, password: adminPassword, landing: "运维总览" });

  async function scopeTo(page: Page, option: RegExp | string): Promise<void> {
    await page.getByRole("combobox", { name: "当前范围" }).click();
    await page.getByRole("option", { name: option }).click();
    await page.getByRole("combobox", { name: "当前范围" }).filter({ hasText: option }).waitFor();
  }

  it("a platform admin sets a tenant's run quota (default as placeholder) and adds a member; the audit log says so in words", async () => {
    expect(adminPassword, app.output()).not.toBe("");
    const { context, page, problems } = await signedIn(1440);
    try {
      await scopeTo(page, "平台视图");
      await page.goto(`${app.url}/tenants`);
      await page.getByRole("button", { name: "新建租户" }).click();
      const create = page.getByRole("dialog", { name: "新建租户" });
      await create.getByLabel("租户 ID").fill("acme");
      await create.getByLabel("名称").fill("Acme 公司");
      await create.getByRole("button", { name: "保存" }).click();
      await create.waitFor({ state: "detached" });
      const row = page.getByRole("row").filter({ hasText: "Acme 公司" });
      await row.getByText("默认").waitFor();

      await row.getByRole("button", { name: "操作 Acme 公司" }).click();
      await page.getByRole("menuitem", { name: "编辑" }).click();
      const edit = page.getByRole("dialog", { name: "编辑租户「Acme 公司」" });
      const quota = edit.getByLabel("同时运行上限");
      await expect.poll(() => quota.getAttribute("placeholder")).toBe("默认 100");
      await quota.fill("0");
      await edit.getByLabel("额外休息日").fill("2026-05-06\n2026-02-30");
      await edit.getByRole("button", { name: "保存" }).click();
      await edit.getByText("至少为 1").waitFor();
      await edit.getByText("日期格式应为 YYYY-MM-DD：2026-02-30").waitFor();
      await quota.fill("3");
      await edit.getByLabel("额外休息日").fill("2026-05-06, 2026-05-07");
      await edit.getByRole("button", { name: "保存" }).click();
      await edit.waitFor({ state: "detached" });
      await row.getByRole("cell", { name: "3", exact: true }).waitFor();

      await row.getByRole("button", { name: "成员 Acme 公司" }).click();
      const members = page.getByRole("dialog", { name: "「Acme 公司」的成员" });
      await members.getByText("该租户还没有成员").waitFor();
      await members.getByRole("button", { name: "添加成员" }).first().click();
      const add = page.getByRole("dialog", { name: "添加成员到「Acme 公司」" });
      await add.getByLabel("邮箱").fill("not-an-email");
      await add.getByRole("button", { name: "添加成员" }).click();
      await add.getByText("须为邮箱地址").waitFor();
      await add.getByLabel("邮箱").fill("ops@acme.example");
      await add.getByRole("button", { name: "添加成员" }).click();
      await add.waitFor({ state: "detached" });
      const password = (await members.getByTestId("new-password").innerText()).trim();
      expect(password.length).toBeGreaterThanOrEqual(8);
      await members
        .getByRole("cell", { name: /ops@acme\.example/ })
        .first()
        .waitFor();
      await screenshot(page, "admin-members-1440");
      await page.keyboard.press("Escape");
      await members.waitFor({ state: "detached" });

      await page.goto(`${app.url}/audit`);
      const audit = page.getByRole("table", { name: "审计日志" });
      const change = audit.locator("[data-change=max_concurrent_runs]:visible").first();
      await change.waitFor();
      await expect(change.innerText()).resolves.toMatch(/同时运行上限：\s*（空）\s*3/);
      await audit.getByText("修改租户").first().waitFor();
      await audit.getByText("添加或调整成员").first().waitFor();
      await audit.getByText("新建租户").first().waitFor();
      await expectWordsOnly(audit, "audit page");
      // The action filter lives in the URL.
      await page.getByRole("combobox", { name: "操作" }).click();
      await page.getByRole("option", { name: "新建租户" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("action")).toBe("tenant.create");
      await expect
        .poll(() =>
          audit.locator("[data-action]").evaluateAll((els) => els.map((e) => e.getAttribute("data-action"))),
        )
        .toSatisfy(
          (actions: unknown) =>
            Array.isArray(actions) && actions.length > 0 && actions.every((a) => a === "tenant.create"),
        );
      await screenshot(page, "admin-audit-1440");
      expect(problems).toEqual([]);

      // The new member signs in with the password shown once and sees their tenant, not /tenants.
      const {
        context: member,
        page: mp,
        problems: memberProblems,
      } = await signedInAt(browser, app, {
        width: 1440,
        email: "ops@acme.example",
        password,
        landing: "运维总览",
      });
      try {
        await mp.getByRole("combobox", { name: "当前范围" }).filter({ hasText: "Acme 公司" }).waitFor();
        await expect(mp.getByRole("link", { name: "租户与成员" }).count()).resolves.toBe(0);
        expect(memberProblems).toEqual([]);
      } finally {
        await member.close();
      }
    } finally {
      await context.close();
    }
  });

  it("at 390 px tenants, members and audit fit the phone and keep name, 状态 and actions", async () => {
    const { context, page, problems } = await signedIn(390);
    try {
      await scopeTo(page, "平台视图");
      await page.goto(`${app.url}/tenants`);
      const row = page.getByRole("row").filter({ hasText: "Acme 公司" });
      await row.getByText("启用").waitFor();
      await row.getByRole("button", { name: "操作 Acme 公司" }).waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, "admin-tenants-390");
      await row.getByRole("button", { name: "成员 Acme 公司" }).click();
      await page.getByRole("dialog", { name: "「Acme 公司」的成员" }).getByText("ops@acme.example").waitFor();
      await screenshot(page, "admin-members-390");
      await page.keyboard.press("Escape");

      await page.goto(`${app.url}/audit`);
      const audit = page.getByRole("table", { name: "审计日志" });
      await audit.getByText("修改租户").first().waitFor();
      await expectNoSidewaysScroll(page);
      await expectWordsOnly(audit, "audit page (390)");
      await screenshot(page, "admin-audit-390");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const width of WIDTHS) {
    it(`a tenant picks its default alert channel from its channels (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await scopeTo(page, /demo/);
        await page.goto(`${app.url}/channels`);
        const card = page.locator("[data-slot=default-alert-channel]");
        const select = card.getByRole("combobox", { name: "告警渠道" });
        await select.click();
        const target = width === 1440 ? "日报群" : "不设默认渠道";
        if (width === 1440) await page.getByRole("option", { name: "失联群" }).waitFor();
        await page.getByRole("option", { name: target }).click();
        await card.getByRole("button", { name: "保存" }).click();
        await page
          .getByText(width === 1440 ? "默认告警渠道已设为「日报群」" : "已取消默认告警渠道")
          .waitFor();
        await page.reload();
        await page
          .locator("[data-slot=default-alert-channel]")
          .getByRole("combobox", { name: "告警渠道" })
          .filter({ hasText: target })
          .waitFor();
        await expectNoSidewaysScroll(page);
        await screenshot(page, `default-alert-channel-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const width of WIDTHS) {
    it(`in zh the runs list, run detail and bulk report show words, never identifiers (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        const failing = page.locator("[data-slot=failing-tasks]");
        await failing.getByText("result.content：必填").waitFor();
        expect(englishRuns(await failing.innerText())).toEqual([]);
        await scopeTo(page, /demo/);
        await page.goto(`${app.url}/tasks/${ids["推送日报"]}/runs/${ids["run:推送日报"]}`);
        const deliveries = page.locator("[data-slot=deliveries]");
        await deliveries.getByText("钉钉机器人").waitFor();
        await expectWordsOnly(page.locator("main"), "run detail");
        await expectNoSidewaysScroll(page);
        await screenshot(page, `words-run-detail-${width}`);

        // A script's invalid result and who started the run (the platform CLI token), in words.
        await page.goto(`${app.url}/tasks/${ids["坏结果"]}/runs/${ids["run:坏结果"]}`);
        await page.getByText("result.content：必填").first().waitFor();
        await page.getByText("平台令牌（命令行）").waitFor();
        expect(englishRuns(await page.locator("main").innerText())).toEqual([]);
        await expectWordsOnly(page.locator("main"), "bad-result run detail");
        await screenshot(page, `words-bad-result-${width}`);

        await page.goto(`${app.url}/runs/search`);
        const table = page.getByRole("table", { name: "运行搜索" });
        await table.getByRole("cell", { name: "推送日报" }).first().waitFor();
        await table.getByRole("cell", { name: "坏结果" }).first().waitFor();
        if (width >= 1280) await table.getByText("result.content：必填").first().waitFor();
        expect(englishRuns(await table.innerText())).toEqual([]);
        await expectWordsOnly(table, "run search");
        await page.goto(`${app.url}/tasks/${ids["推送日报"]}?tab=runs`);
        await page.locator("main table [data-status]").first().waitFor();
        await expectWordsOnly(page.locator("main table"), "runs list");
        await screenshot(page, `words-runs-${width}`);

        await page.goto(`${app.url}/tasks`);
        const tasks = page.locator("[data-slot=tasks-table]");
        for (const name of ["推送日报", "不推送的任务"]) await tasks.getByRole("checkbox", { name }).click();
        await page
          .locator("[data-slot=bulk-bar]")
          .getByRole("button", { name: "立即运行", exact: true })
          .click();
        await page.getByRole("alertdialog").getByRole("button", { name: "确认" }).click();
        const report = page.locator("[data-slot=bulk-report]");
        await report.locator("[data-ok=true]").nth(1).waitFor();
        await expect(report.getByText("已开始运行").count()).resolves.toBe(2);
        await expectWordsOnly(report.locator("ul"), "bulk report");
        await screenshot(page, `words-bulk-report-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const width of WIDTHS) {
    it(`item-10 fixes hold: copy buttons beside SDK examples, toasts clear of the switcher, no preview of messages never pushed, one network hint (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        // The copy button sits in a bar above each SDK example, never over its code.
        await page.goto(`${app.url}/sdk`);
        const blocks = page.locator("[data-slot=code-block]");
        await blocks.first().waitFor();
        const copies = page.getByRole("button", { name: "复制示例" });
        const n = Math.min(await copies.count(), 5);
        expect(n).toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          const button = copies.nth(i);
          await button.scrollIntoViewIfNeeded();
          const code = button.locator("xpath=../following-sibling::pre[1]");
          const [a, b] = [await button.boundingBox(), await code.boundingBox()];
          expect(a && b && !overlaps(a, b), `copy button ${i} over its example`).toBe(true);
        }
        await screenshot(page, `fix-sdk-copy-${width}`);

        // A run of a task without channels previews its message as "not pushed".
        await scopeTo(page, /demo/);
        await page.goto(`${app.url}/tasks/${ids["不推送的任务"]}/runs/${ids["run:不推送的任务"]}`);
        await page.getByText("消息预览（未推送）").waitFor();
        await page.locator("[data-slot=not-pushed-note]").waitFor();
        await expect(page.getByText("推送的消息", { exact: true }).count()).resolves.toBe(0);
        await screenshot(page, `fix-not-pushed-${width}`);

        // A channel test to a robot nobody answers: a waiting note during the retries, then the
        // network hint once and the error once; the toast stays clear of the tenant switcher.
        await page.goto(`${app.url}/channels`);
        await page.getByRole("button", { name: "发送测试 失联群" }).click();
        const dialog = page.getByRole("dialog", { name: "发送测试消息" });
        await dialog.getByRole("button", { name: "发送" }).click();
        await dialog.getByTestId("test-waiting").waitFor({ timeout: 10_000 });
        const answer = dialog.getByTestId("robot-answer");
        await answer.waitFor({ timeout: 60_000 });
        await expect(dialog.getByTestId("test-waiting").count()).resolves.toBe(0);
        const text = await dialog.innerText();
        const hint = "服务器连不上这个 Webhook 地址";
        expect(text.split(hint).length - 1).toBe(1);
        // The transport's code in words; its raw text kept once, as a secondary line.
        await answer.getByTestId("errmsg-words").getByText("连接被拒绝").waitFor();
        const errmsg = (await answer.getByTestId("errmsg-raw").innerText()).trim();
        expect(errmsg).toMatch(/ECONNREFUSED/);
        expect(text.split(errmsg).length - 1).toBe(1);
        await screenshot(page, `fix-channel-network-${width}`);
        await page.keyboard.press("Escape");
        const toast = page.locator("[data-sonner-toast]").first();
        await toast.waitFor();
        // The toast says it in words too; the raw transport text stays the dialog's muted line.
        const toastText = await toast.innerText();
        expect(toastText).toContain("连接被拒绝");
        expect(toastText).not.toMatch(/ECONNREFUSED/);
        const switcher = await page.getByRole("combobox", { name: "当前范围" }).boundingBox();
        const toastBox = await toast.boundingBox();
        if (switcher && toastBox) expect(overlaps(switcher, toastBox)).toBe(false);
        await screenshot(page, `fix-toast-switcher-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
