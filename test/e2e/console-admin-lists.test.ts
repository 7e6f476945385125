import { createHash } from "node:crypto";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, screenshot } from "./helpers/browser";
import {
  firstAdminPassword,
  platformToken,
  restClient,
  signedIn as signedInAt,
  type Rest,
  tearDown,
  WIDTHS,
} from "./helpers/console";
import { E2E_SERVER_URL, startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_admin_lists";
// A SELECT-only user on the demo business database, for registering a data source that passes.
const READER = "e2e_lists_reader";
const READER_PASSWORD = "e2e-lists-reader-pw";
const BUSINESS_DB = `demo_business_${createHash("sha256").update(DATABASE).digest("hex").slice(0, 10)}`;

/** Only the refusals a test provoked on purpose (a 400 of this procedure) are allowed. */
function unexpected(problems: string[], ...procedures: string[]): string[] {
  return problems.filter(
    (p) =>
      !procedures.some((proc) => p.includes(`/api/trpc/${proc}`)) &&
      !(procedures.length > 0 && /status of 400/.test(p)),
  );
}

// Tenant configs, script vars, API tokens, WeCom apps and data sources on the list and form kit
// (issue 14 item 1), each at 1440 and 390 px: create, edit with a server refusal on its field,
// delete after a confirmation, and search / page in the URL surviving a reload.
describe("admin lists on the kit", () => {
  let app: StartedApp;
  let browser: Browser;
  let password = "";
  let rest: Rest;

  /** A tRPC mutation as the signed-in console would send it (superjson envelope), to make rows fast. */
  async function mutate(page: Page, procedure: string, input: unknown): Promise<void> {
    const res = await page.request.post(`${app.url}/api/trpc/${procedure}`, {
      data: { json: input },
      headers: { origin: app.url },
    });
    if (!res.ok()) throw new Error(`${procedure}: ${res.status()} ${await res.text()}`);
  }

  beforeAll(async () => {
    app = await startApp({ database: DATABASE, env: { OUTBOUND_ALLOWLIST: "127.0.0.1" } });
    password = firstAdminPassword(app);
    rest = restClient(app, platformToken(app));
    const conn = await mysql.createConnection(E2E_SERVER_URL);
    await conn.query(`DROP USER IF EXISTS ?@'%'`, [READER]);
    await conn.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [READER, READER_PASSWORD]);
    await conn.query(`GRANT SELECT ON \`${BUSINESS_DB}\`.* TO ?@'%'`, [READER]);
    await conn.end();
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await tearDown(DATABASE, browser, app);
    const conn = await mysql.createConnection(E2E_SERVER_URL);
    await conn.query(`DROP USER IF EXISTS ?@'%'`, [READER]);
    await conn.end();
  });

  /** Signed in as the platform admin, in tenant `tenant` (null: the platform view). */
  const signedIn = (width: number, tenant: string | null = "demo") =>
    signedInAt(browser, app, { width, password, tenant });

  const rowOf = (page: Page, table: string, text: string | RegExp) =>
    page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: text });

  async function rowAction(page: Page, label: string, item: string): Promise<void> {
    await page.getByRole("button", { name: label, exact: true }).click();
    await page.getByRole("menuitem", { name: item }).click();
  }

  async function confirm(page: Page, title: string, button = "删除"): Promise<void> {
    const dialog = page.getByRole("alertdialog", { name: title });
    await dialog.getByRole("button", { name: button }).click();
    await dialog.waitFor({ state: "detached" });
  }

  /** The message under a field of a form dialog (a server refusal lands there, not in a toast only). */
  async function fieldMessage(dialog: Locator, field: string): Promise<string> {
    const message = dialog.locator(`[data-field=${field}] [data-slot=field-message]`);
    await message.waitFor();
    return (await message.innerText()).trim();
  }

  async function search(page: Page, text: string): Promise<void> {
    await page.getByRole("searchbox", { name: "搜索" }).fill(text);
    await page.waitForURL((u) => u.searchParams.get("q") === text);
  }

  /** On a phone the row's name, 状态 (where the list has one) and its "…" menu stay on screen. */
  async function phoneKeeps(page: Page, width: number, ...cells: Locator[]): Promise<void> {
    for (const cell of cells) {
      await expect(cell.isVisible()).resolves.toBe(true);
      const box = await cell.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    }
  }

  for (const width of WIDTHS) {
    it(`tenant configs at ${width} px`, { timeout: 240_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      const app_code = `pg${width}`;
      try {
        for (let i = 1; i <= 12; i++)
          await mutate(page, "tenantConfigs.set", {
            app_code,
            config_key: `k${String(i).padStart(2, "0")}`,
            config_value: `v${i}`,
            is_secret: false,
          });
        await page.goto(`${app.url}/tenant-configs?size=10`);
        await search(page, app_code);
        await rowOf(page, "租户配置", `${app_code}.k01`).waitFor();
        await page.getByText("共 12 条，第 1 / 2 页").waitFor();
        await page.getByRole("button", { name: "下一页" }).click();
        await page.waitForURL((u) => u.searchParams.get("page") === "2");
        await page.reload();
        await rowOf(page, "租户配置", `${app_code}.k12`).waitFor();
        expect(await rowOf(page, "租户配置", `${app_code}.k01`).count()).toBe(0);
        await expect(page.getByRole("searchbox", { name: "搜索" }).inputValue()).resolves.toBe(app_code);
        const row = rowOf(page, "租户配置", `${app_code}.k12`);
        await phoneKeeps(page, width, row.getByText("k12"), row.getByRole("button", { name: /^操作 / }));

        await page.goto(`${app.url}/tenant-configs`);
        await page.getByRole("button", { name: "新建配置" }).first().click();
        const create = page.getByRole("dialog", { name: "新建租户配置" });
        await create.getByLabel("应用代码").fill(`crm${width}`);
        await create.getByLabel("配置键").fill("endpoint");
        await create.getByLabel("值").fill("https://crm.example/a");
        await create.getByRole("button", { name: "保存" }).click();
        await create.waitFor({ state: "detached" });
        await search(page, `crm${width}`);
        const mine = rowOf(page, "租户配置", `crm${width}.endpoint`);
        await mine.getByText("https://crm.example/a").waitFor();

        await rowAction(page, `操作 crm${width}.endpoint`, "编辑");
        const edit = page.getByRole("dialog", { name: `编辑配置 crm${width}.endpoint` });
        await edit.getByLabel("值").fill("https://crm.example/b");
        await edit.getByRole("button", { name: "保存" }).click();
        await edit.waitFor({ state: "detached" });
        await mine.getByText("https://crm.example/b").waitFor();
        await screenshot(page, `kit-tenant-configs-${width}`);

        await rowAction(page, `操作 crm${width}.endpoint`, "删除");
        await confirm(page, `删除配置 crm${width}.endpoint？`);
        await expect.poll(() => mine.count()).toBe(0);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }

      // The platform view: no tenant chosen passes the form's schema; the server refuses it on the field.
      const platform = await signedIn(width, null);
      try {
        await platform.page.goto(`${app.url}/tenant-configs`);
        await platform.page.getByRole("button", { name: "新建配置" }).first().click();
        const dialog = platform.page.getByRole("dialog", { name: "新建租户配置" });
        await dialog.getByLabel("应用代码").fill("crm");
        await dialog.getByLabel("配置键").fill("endpoint");
        await dialog.getByRole("button", { name: "保存" }).click();
        expect(await fieldMessage(dialog, "tenant_id")).not.toBe("");
        await platform.page
          .getByText(/保存失败/)
          .first()
          .waitFor();
        await expect(dialog.isVisible()).resolves.toBe(true);
        await screenshot(platform.page, `kit-tenant-config-refused-${width}`);
        expect(unexpected(platform.problems, "tenantConfigs.set")).toEqual([]);
      } finally {
        await platform.context.close();
      }
    });

    it(`script vars at ${width} px`, { timeout: 240_000 }, async () => {
      const task = await rest("POST", "/api/scheduled-tasks", {
        tenant_id: "demo",
        task_name: `变量任务${width}`,
        schedule_type: "simple",
        time_points: ["08:00"],
        is_enabled: false,
        execution_type: "script",
        script_language: "javascript",
        script_content: "result = null;",
      });
      const { context, page, problems } = await signedIn(width);
      try {
        for (let i = 1; i <= 12; i++)
          await mutate(page, "scriptVars.set", {
            task_id: task.id,
            key: `k${String(i).padStart(2, "0")}`,
            value: i,
          });
        await page.goto(`${app.url}/script-vars?task=${task.id}&size=10`);
        await rowOf(page, "脚本变量", "k01").waitFor();
        await page.getByText("共 12 条，第 1 / 2 页").waitFor();
        await page.getByRole("button", { name: "下一页" }).click();
        await page.waitForURL((u) => u.searchParams.get("page") === "2");
        await page.reload();
        await rowOf(page, "脚本变量", "k11").waitFor();
        expect(await rowOf(page, "脚本变量", "k01").count()).toBe(0);
        await search(page, "k1");
        await page.reload();
        await rowOf(page, "脚本变量", "k10").waitFor();
        await page.getByText("共 3 条，第 1 / 1 页").waitFor();
        const row = rowOf(page, "脚本变量", "k10");
        await phoneKeeps(page, width, row.getByText("k10"), row.getByRole("button", { name: "操作 k10" }));

        await page.getByRole("button", { name: "新建变量" }).first().click();
        const create = page.getByRole("dialog", { name: "新建变量" });
        await create.getByLabel("键").fill("k1_total");
        await create.getByLabel("值 (JSON)").fill("{total: 1}");
        await create.getByRole("button", { name: "保存" }).click();
        expect(await fieldMessage(create, "value")).toMatch(/不是合法的 JSON/);
        await create.getByLabel("值 (JSON)").fill('{"total": 36900, "regions": ["华东", "华南"]}');
        await create.getByRole("button", { name: "保存" }).click();
        await create.waitFor({ state: "detached" });
        const mine = rowOf(page, "脚本变量", "k1_total");
        await mine.getByText(/"total":36900/).waitFor();

        // Too big for the server (256 KB as JSON): refused on the value field, the dialog stays open.
        await rowAction(page, "操作 k1_total", "编辑");
        const edit = page.getByRole("dialog", { name: "编辑变量「k1_total」" });
        await edit.getByLabel("值 (JSON)").fill(JSON.stringify("x".repeat(300_000)));
        await edit.getByRole("button", { name: "保存" }).click();
        expect(await fieldMessage(edit, "value")).not.toBe("");
        await page
          .getByText(/保存失败/)
          .first()
          .waitFor();
        await screenshot(page, `kit-script-var-refused-${width}`);
        await edit.getByLabel("值 (JSON)").fill('{"total": 1}');
        await edit.getByRole("button", { name: "保存" }).click();
        await edit.waitFor({ state: "detached" });
        await mine.getByText('{"total":1}').waitFor();
        await screenshot(page, `kit-script-vars-${width}`);

        await rowAction(page, "操作 k1_total", "删除");
        await confirm(page, "删除变量「k1_total」？");
        await expect.poll(() => mine.count()).toBe(0);
        expect(unexpected(problems, "scriptVars.set")).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`API tokens at ${width} px`, { timeout: 240_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      const name = `CI ${width}`;
      try {
        await page.goto(`${app.url}/tokens`);
        await page.getByRole("button", { name: "新建令牌" }).first().click();
        const create = page.getByRole("dialog", { name: "新建 API 令牌" });
        await create.getByLabel("名称").fill(name);
        await create.getByRole("button", { name: "新建" }).click();
        const shown = page.getByRole("dialog", { name: "令牌已创建" });
        const plain = (await shown.getByTestId("new-token").innerText()).trim();
        expect(plain.length).toBeGreaterThan(20);
        await shown.getByRole("button", { name: "我已保存" }).click();
        await shown.waitFor({ state: "detached" });
        const res = await fetch(`${app.url}/api/scheduled-tasks`, {
          headers: { authorization: `Bearer ${plain}` },
        });
        expect(res.status).toBe(200);

        await search(page, name);
        await page.getByRole("combobox", { name: "状态" }).click();
        await page.getByRole("option", { name: "有效" }).click();
        await page.waitForURL((u) => u.searchParams.get("status") === "active");
        await page.reload();
        const row = rowOf(page, "API 令牌", name);
        await row.waitFor();
        expect(await page.content()).not.toContain(plain);
        await phoneKeeps(
          page,
          width,
          row.getByText(name),
          row.getByText("有效"),
          row.getByRole("button", { name: `操作 ${name}` }),
        );
        await screenshot(page, `kit-tokens-${width}`);

        await rowAction(page, `操作 ${name}`, "吊销");
        await confirm(page, `吊销令牌「${name}」？`, "吊销");
        // Filtered to 有效, the revoked token leaves the list; without the filter it shows 已吊销.
        await expect.poll(() => row.count()).toBe(0);
        await page.getByRole("button", { name: "清除筛选" }).click();
        await rowOf(page, "API 令牌", name).getByText("已吊销").waitFor();
        const after = await fetch(`${app.url}/api/scheduled-tasks`, {
          headers: { authorization: `Bearer ${plain}` },
        });
        expect(after.status).toBe(401);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`WeCom apps at ${width} px`, { timeout: 240_000 }, async () => {
      const { context, page, problems } = await signedIn(width);
      const name = `告警应用${width}`;
      try {
        await mutate(page, "wecomApps.create", {
          app_name: `其他应用${width}`,
          corp_id: "ww000",
          agent_id: 1000001,
          secret: "other-secret",
          to_user: "@all",
        });
        await page.goto(`${app.url}/wecom-apps`);
        await page.getByRole("button", { name: "新建应用" }).first().click();
        const create = page.getByRole("dialog", { name: "新建企微应用" });
        await create.getByLabel("名称").fill(name);
        await create.getByLabel("企业 ID").fill("ww123456");
        await create.getByLabel("AgentId").fill("1000002");
        await create.getByLabel("Secret").fill("corp-app-secret");
        await create.getByLabel("接收成员").fill("zhangsan");
        await create.getByRole("button", { name: "保存" }).click();
        await create.waitFor({ state: "detached" });

        await search(page, name);
        await page.reload();
        const row = rowOf(page, "企微应用", name);
        await row.waitFor();
        expect(await rowOf(page, "企微应用", `其他应用${width}`).count()).toBe(0);
        await phoneKeeps(
          page,
          width,
          row.getByText(name),
          row.getByText("启用", { exact: true }),
          row.getByRole("button", { name: `操作 ${name}` }),
        );

        // Clearing every recipient passes the edit form; the server refuses it on 接收成员.
        await rowAction(page, `操作 ${name}`, "编辑");
        const edit = page.getByRole("dialog", { name: "编辑企微应用" });
        await edit.getByLabel("接收成员").fill("");
        await edit.getByRole("button", { name: "保存" }).click();
        expect(await fieldMessage(edit, "to_user")).toMatch(/接收人/);
        await page
          .getByText(/保存失败/)
          .first()
          .waitFor();
        await screenshot(page, `kit-wecom-app-refused-${width}`);
        await edit.getByLabel("接收部门").fill("2");
        await edit.getByRole("button", { name: "保存" }).click();
        await edit.waitFor({ state: "detached" });
        if (width >= 1024) await row.getByText("2", { exact: true }).waitFor();
        await screenshot(page, `kit-wecom-apps-${width}`);

        await rowAction(page, `操作 ${name}`, "删除");
        await confirm(page, `删除企微应用「${name}」？`);
        await expect.poll(() => row.count()).toBe(0);
        expect(unexpected(problems, "wecomApps.update")).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`data sources at ${width} px`, { timeout: 240_000 }, async () => {
      const { context, page, problems } = await signedIn(width, null);
      const name = `reader_${width}`;
      try {
        await page.goto(`${app.url}/data-sources`);
        await page.getByRole("button", { name: "登记数据源" }).first().click();
        const create = page.getByRole("dialog", { name: "登记数据源" });
        await create.getByLabel("名称").fill(name);
        await create
          .getByLabel("连接串")
          .fill(`mysql://${READER}:${READER_PASSWORD}@127.0.0.1:3306/${BUSINESS_DB}`);
        await create.getByRole("button", { name: "保存" }).click();
        await create.waitFor({ state: "detached" });

        await search(page, name);
        await page.reload();
        const row = rowOf(page, "数据源", name);
        await row.waitFor();
        const table = page.getByRole("table", { name: "数据源" });
        expect(await table.getByText("demo_business", { exact: true }).count()).toBe(0);
        await phoneKeeps(
          page,
          width,
          row.getByText(name),
          row.getByText("通过"),
          row.getByRole("button", { name: `操作 ${name}` }),
        );

        // The platform's own connection passes the schema; the server's grant check refuses it on the field.
        await rowAction(page, `操作 ${name}`, "编辑");
        const edit = page.getByRole("dialog", { name: `编辑数据源「${name}」` });
        await edit.getByLabel("连接串").fill(app.databaseUrl);
        await edit.getByRole("button", { name: "保存" }).click();
        expect(await fieldMessage(edit, "dsn")).toMatch(/权限超出只读范围/);
        await screenshot(page, `kit-data-source-refused-${width}`);
        await edit.getByLabel("连接串").fill("");
        await edit.getByLabel("说明").fill("只读报表库");
        await edit.getByRole("button", { name: "保存" }).click();
        await edit.waitFor({ state: "detached" });
        await row.getByText("只读报表库").waitFor();
        await screenshot(page, `kit-data-sources-${width}`);

        await rowAction(page, `操作 ${name}`, "删除");
        await confirm(page, `删除数据源「${name}」？`);
        await expect.poll(() => row.count()).toBe(0);
        expect(unexpected(problems, "dataSources.update")).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
