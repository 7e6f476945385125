import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./helpers/browser";
import { adminCli, firstAdminPassword, printedPassword, submitLogin, tearDown } from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_console";

// The console shell in a real browser: sign-in, the tenant switcher, the language switch, the
// phone layout and what a read-only member sees.
describe("console shell in headless Chromium", () => {
  let app: StartedApp;
  let browser: Browser;
  let adminPassword: string;
  let viewerPassword: string;

  beforeAll(async () => {
    app = await startApp({ database: DATABASE });
    adminPassword = firstAdminPassword(app);
    const created = adminCli(
      app,
      "create-user",
      "viewer@example.com",
      "--tenant",
      "demo",
      "--role",
      "viewer",
    );
    viewerPassword = printedPassword(created);
    if (!viewerPassword) throw new Error(`could not create the viewer:\n${created}`);
    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app));

  async function openLogin(width: number, path = "/"): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${app.url}${path}`);
    await page.waitForURL(/\/login/);
    return { context, page };
  }

  it("rejects a wrong password with a message, then signs in and shows who you are", async () => {
    expect(adminPassword, app.output()).not.toBe("");
    const { context, page } = await openLogin(1280);
    try {
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page.getByText("请输入邮箱。").isVisible()).resolves.toBe(true);

      await submitLogin(page, "admin@example.com", "not-the-password");
      await page.getByRole("alert").filter({ hasText: "邮箱或密码错误。" }).waitFor();
      expect(page.url()).toContain("/login");

      await submitLogin(page, "admin@example.com", adminPassword);
      await page.getByRole("heading", { name: "功能入口" }).waitFor();
      const main = page.locator("main");
      await expect(main.getByText("admin@example.com").first().isVisible()).resolves.toBe(true);
      await expect(main.getByText("平台视图", { exact: true }).isVisible()).resolves.toBe(true);
      await expect(
        page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "租户与成员" }).count(),
      ).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });

  it("switches to a tenant and back; the choice is a cookie that survives a reload", async () => {
    const { context, page } = await openLogin(1280);
    try {
      await submitLogin(page, "admin@example.com", adminPassword);
      await page.getByRole("heading", { name: "功能入口" }).waitFor();

      await page.getByRole("combobox", { name: "当前范围" }).click();
      await page.getByRole("option", { name: /demo/ }).click();
      await page.getByText(/当前只显示租户「.+」的数据。/).waitFor();
      expect((await context.cookies()).find((c) => c.name === "active_tenant")?.value).toBe("demo");

      await page.reload();
      await page.getByText(/当前只显示租户「.+」的数据。/).waitFor();

      await page.getByRole("combobox", { name: "当前范围" }).click();
      await page.getByRole("option", { name: "平台视图" }).click();
      await page.getByText(/平台视图下可看到所有租户/).waitFor();
      expect((await context.cookies()).find((c) => c.name === "active_tenant")?.value).toBe("");
    } finally {
      await context.close();
    }
  });

  it("switches the language to English and back from the user menu", async () => {
    const { context, page } = await openLogin(1280);
    try {
      await submitLogin(page, "admin@example.com", adminPassword);
      await page.getByRole("heading", { name: "功能入口" }).waitFor();
      await page.getByRole("button", { name: "用户菜单" }).click();
      await page.getByRole("menuitemradio", { name: "English" }).click();
      await page.getByRole("heading", { name: "Sections" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await expect(page.getByRole("link", { name: "Tasks" }).first().isVisible()).resolves.toBe(true);

      await page.getByRole("button", { name: "User menu" }).click();
      await page.getByRole("menuitemradio", { name: "中文" }).click();
      await page.getByRole("heading", { name: "功能入口" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    } finally {
      await context.close();
    }
  });

  it("on a phone the navigation is a sheet that closes after a tap; sign out returns to the login page", async () => {
    const { context, page } = await openLogin(390);
    try {
      await submitLogin(page, "admin@example.com", adminPassword);
      await page.getByRole("heading", { name: "功能入口" }).waitFor();
      await expect(page.getByRole("navigation", { name: "主导航" }).isVisible()).resolves.toBe(false);
      // Nothing may stick out sideways at phone width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page.getByRole("button", { name: "打开导航" }).click();
      const sheet = page.getByRole("dialog");
      await sheet.getByRole("link", { name: "概览" }).click();
      await sheet.waitFor({ state: "detached" });

      await page.getByRole("button", { name: "用户菜单" }).click();
      await page.getByRole("menuitem", { name: "退出登录" }).click();
      await page.waitForURL(/\/login/);
      await page.goto(`${app.url}/`);
      await page.waitForURL(/\/login/);
    } finally {
      await context.close();
    }
  });

  it("a read-only member sees their tenant and role, and no platform sections", async () => {
    const { context, page } = await openLogin(1280);
    try {
      await submitLogin(page, "viewer@example.com", viewerPassword);
      await page.getByRole("heading", { name: "功能入口" }).waitFor();
      const main = page.locator("main");
      await expect(main.locator("[data-slot=card-title]", { hasText: "只读成员" }).isVisible()).resolves.toBe(
        true,
      );
      await expect(main.getByText(/只读成员可以查看数据/).isVisible()).resolves.toBe(true);
      await expect(page.getByRole("link", { name: "租户与成员" }).count()).resolves.toBe(0);
      await page.getByRole("combobox", { name: "当前范围" }).click();
      await expect(page.getByRole("option", { name: "平台视图" }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });
});
