import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, screenshot } from "./helpers/browser";
import { firstAdminPassword, signedIn, tearDown } from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_datasrc";

// The platform admin's 数据源 page: the demo source npm start registered (check passed, granted
// to demo as its default), and a source with more than SELECT refused with the reason.
describe("数据源 page in headless Chromium", () => {
  let app: StartedApp;
  let browser: Browser;
  let adminPassword = "";

  beforeAll(async () => {
    app = await startApp({ database: DATABASE });
    adminPassword = firstAdminPassword(app);
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app));

  it("lists the demo source and refuses the platform's own connection, saying why", async () => {
    expect(adminPassword, app.output()).not.toBe("");
    const { context, page, problems } = await signedIn(browser, app, {
      width: 1280,
      password: adminPassword,
      landing: "功能入口",
    });
    try {
      await page.getByRole("combobox", { name: "当前范围" }).click();
      await page.getByRole("option", { name: "平台视图" }).click();
      await page.getByText(/平台视图下可看到所有租户/).waitFor();

      await page.goto(`${app.url}/data-sources`);
      const row = page.getByRole("row").filter({ hasText: "demo_business" });
      await row.waitFor();
      await row.getByText("通过").waitFor();
      await row.getByText("demo · 默认").waitFor();

      await page.getByRole("button", { name: "登记数据源" }).first().click();
      const dialog = page.getByRole("dialog", { name: "登记数据源" });
      await dialog.getByLabel("名称").fill("platform_root");
      await dialog.getByLabel("连接串").fill(app.databaseUrl);
      await dialog.getByRole("button", { name: "保存" }).click();
      await dialog.getByText(/权限超出只读范围/).waitFor();
      await screenshot(page, "data-sources-refused");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      expect(await page.getByRole("row").filter({ hasText: "platform_root" }).count()).toBe(0);

      await row.getByRole("button", { name: "操作 demo_business" }).click();
      await page.getByRole("menuitem", { name: "授权" }).click();
      const grants = page.getByRole("dialog", { name: "授权「demo_business」" });
      await grants.getByText("demo", { exact: true }).waitFor();
      await screenshot(page, "data-sources");
      expect(problems.filter((p) => !/400|Bad Request/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
