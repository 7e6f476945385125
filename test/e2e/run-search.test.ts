import { readFile } from "node:fs/promises";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startOfDayInput } from "@/lib/display-time";
import { launchBrowser, screenshot } from "./helpers/browser";
import {
  adminCli,
  createScriptTask,
  firstAdminPassword,
  platformToken,
  restClient,
  signedIn as signedInAt,
  tearDown,
  WIDTHS,
  type Rest,
} from "./helpers/console";
import { startApp, type StartedApp } from "./helpers/server";

const DATABASE = "sched_e2e_run_search";
/** More than one server batch (100) of the run search. */
const PAGED_RUNS = 130;
/** One over the CSV export's limit (server/services/run-search.ts). */
const CSV_LIMIT = 10_000;

// The run search, the navigation to it and the display time zone in headless Chromium at 1440
// and 390 px (issue 14 audit #7, #8, #9, #10): every match reachable by 加载更多, the platform
// view's tenant filter and column, the task picker, the CSV export and its truncation warning,
// the sidebar entries, script history with both sides picked, and times in Beijing time in a
// browser that lives in New York.
describe("run search, navigation and the display time zone", { timeout: 600_000 }, () => {
  let app: StartedApp;
  let browser: Browser;
  let rest: Rest;
  let adminPassword = "";
  const ids: Record<string, number> = {};
  /** A run of 搜索甲任务 at a known instant: 2 s past the hour, the hour before now (UTC). */
  let knownAt = new Date();
  let nyRunId = 0;

  const task = (
    tenant: string,
    name: string,
    script = "result = null",
    extra: Record<string, unknown> = {},
  ) =>
    createScriptTask(rest, name, script, { tenant_id: tenant, is_enabled: false, ...extra }).then(
      (id) => (ids[name] = id),
    );

  const sqlTime = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");

  /** Runs written straight into the log table (fast): `count` finished runs of one task. */
  async function insertRuns(
    taskName: string,
    tenant: string,
    count: number,
    at: (i: number) => Date,
    status: (i: number) => string = () => "success",
  ) {
    const conn = await mysql.createConnection(app.databaseUrl);
    try {
      for (let start = 0; start < count; start += 1000) {
        const rows = [];
        for (let i = start; i < Math.min(count, start + 1000); i++) {
          const t = sqlTime(at(i));
          rows.push([
            ids[taskName],
            tenant,
            `trace-${taskName}-${i}`,
            status(i),
            t,
            t,
            12,
            "ok",
            t,
            "manual",
          ]);
        }
        await conn.query(
          "INSERT INTO platform_task_logs (task_id, tenant_id, trace_id, status, started_at, finished_at, duration_ms, output, created_at, `trigger`) VALUES ?",
          [rows],
        );
      }
    } finally {
      await conn.end();
    }
  }

  beforeAll(async () => {
    app = await startApp({ database: DATABASE });
    adminPassword = firstAdminPassword(app);
    adminCli(app, "create-tenant", "north", "北方分公司");
    adminCli(app, "create-tenant", "bulk", "导出压测");
    rest = restClient(app, platformToken(app));

    await task("demo", "搜索甲任务");
    await task("north", "北方日报任务");
    await task("bulk", "压测任务");
    await task("demo", "历史脚本任务", "result = null // v1");
    await task("demo", "纽约任务", "result = null", { timezone: "America/New_York" });
    await rest("PUT", `/api/scheduled-tasks/${ids["历史脚本任务"]}`, {
      script_content: "result = null // v2",
    });
    await rest("PUT", `/api/scheduled-tasks/${ids["历史脚本任务"]}`, {
      script_content: "result = null // v3",
    });

    // Oldest first, so ids grow with time as they do in a real log.
    const now = Date.now();
    knownAt = new Date(Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000 + 2000);
    await insertRuns("压测任务", "bulk", CSV_LIMIT + 1, (i) => new Date(knownAt.getTime() + 60_000 + i * 10));
    await insertRuns("搜索甲任务", "demo", 1, () => knownAt);
    await insertRuns("纽约任务", "demo", 1, () => knownAt);
    const conn = await mysql.createConnection(app.databaseUrl);
    await conn.query("UPDATE platform_task_logs SET scheduled_for = started_at WHERE task_id = ?", [
      ids["纽约任务"],
    ]);
    const [[nyRun]] = (await conn.query("SELECT id FROM platform_task_logs WHERE task_id = ?", [
      ids["纽约任务"],
    ])) as any;
    nyRunId = Number(nyRun.id);
    await conn.end();
    await insertRuns("北方日报任务", "north", 3, (i) => new Date(now - (3 - i) * 60_000));
    // The last PAGED_RUNS seconds: today in Beijing unless the test starts at 00:00-00:03 there.
    await insertRuns(
      "搜索甲任务",
      "demo",
      PAGED_RUNS,
      (i) => new Date(now - (PAGED_RUNS - i) * 1000),
      (i) => (i % 10 === 0 ? "failed" : "success"),
    );

    browser = await launchBrowser();
  });

  afterAll(() => tearDown(DATABASE, browser, app));

  /** The first admin in the platform view, in a browser whose own zone is New York. */
  const signedIn = (width: number) =>
    signedInAt(browser, app, {
      width,
      password: adminPassword,
      landing: "运维总览",
      browserContext: { acceptDownloads: true, timezoneId: "America/New_York", locale: "zh-CN" },
    });

  /** The Beijing wall clock of an instant, "2026-11-30 09:02:02". */
  const beijing = (d: Date) => sqlTime(new Date(d.getTime() + 8 * 3_600_000));

  for (const width of WIDTHS)
    it(`pages through every match with 加载更多, picks the task by name and shows Beijing time (${width} px)`, async () => {
      expect(adminPassword, app.output()).not.toBe("");
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/runs/search`);
        await page.getByRole("heading", { name: "运行搜索" }).waitFor();
        await page.getByText("时间：北京时间 (Asia/Shanghai)").waitFor();
        const picker = page.getByRole("combobox", { name: "任务", exact: true });
        await picker.fill("搜索甲");
        await page.getByRole("option", { name: /搜索甲任务/ }).click();
        await page.waitForURL((u) => u.searchParams.get("task") === String(ids["搜索甲任务"]));
        const summary = page.locator("[data-slot=data-pagination]");
        await summary.getByText(/已加载 100 条（还有更多）/).waitFor();
        await screenshot(page, `run-search-paged-${width}`);
        await page.getByRole("button", { name: "加载更多" }).click();
        await summary.getByText(`共 ${PAGED_RUNS + 1} 条`, { exact: false }).waitFor();
        await expect(page.getByRole("button", { name: "加载更多" }).count()).resolves.toBe(0);

        // The run at a known instant, shown on Beijing's clock though the browser is in New York.
        await page.locator("#run-search-from").fill(beijing(knownAt).slice(0, 16).replace(" ", "T"));
        await page.locator("#run-search-to").fill(
          beijing(new Date(knownAt.getTime() + 60_000))
            .slice(0, 16)
            .replace(" ", "T"),
        );
        await summary.getByText(/共 1 条/).waitFor();
        await page.getByRole("cell", { name: beijing(knownAt) }).waitFor();
        // Reload keeps every filter (the URL).
        await page.reload();
        await page.getByRole("cell", { name: beijing(knownAt) }).waitFor();
        await expect(page.locator("[data-slot=task-picker]").innerText()).resolves.toContain("搜索甲任务");
        // Nothing is cut off at 390 px: the date boxes fit the page.
        const box = await page.locator("#run-search-to").boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        await screenshot(page, `run-search-known-time-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`filters by tenant in the platform view, with a tenant column and a tenant-scoped task picker (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/runs/search`);
        await page.getByRole("combobox", { name: "租户" }).click();
        await page.getByRole("option", { name: "北方分公司" }).click();
        await page.waitForURL((u) => u.searchParams.get("tenant") === "north");
        await page
          .locator("[data-slot=data-pagination]")
          .getByText(/共 3 条/)
          .waitFor();
        const rows = page.locator("table tbody tr");
        expect(await rows.count()).toBe(3);
        for (const text of await rows.allInnerTexts()) expect(text).toContain("北方日报任务");
        if (width >= 1440) {
          await page.getByRole("columnheader", { name: "租户" }).waitFor();
          expect(await page.getByRole("cell", { name: "north", exact: true }).count()).toBe(3);
        }
        // The task picker offers only the chosen tenant's tasks.
        await page.getByRole("combobox", { name: "任务", exact: true }).fill("任务");
        await page.getByRole("option", { name: /北方日报任务/ }).waitFor();
        const options = await page.getByRole("option").allInnerTexts();
        expect(options.some((o) => o.includes("搜索甲任务"))).toBe(false);
        await screenshot(page, `run-search-tenant-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  it("exports the search as CSV and warns when the export was cut at its limit (1440 px)", async () => {
    const { context, page, problems } = await signedIn(1440);
    try {
      await page.goto(`${app.url}/runs/search?tenant=north`);
      await page
        .locator("[data-slot=data-pagination]")
        .getByText(/共 3 条/)
        .waitFor();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "导出 CSV" }).click(),
      ]);
      const csv = await readFile((await download.path())!, "utf8");
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).trimEnd().split("\r\n");
      expect(lines[0]).toMatch(/^运行 ID,任务 ID,任务名称,.*开始时间（北京时间）.*开始时间（UTC，ISO 8601）/);
      expect(lines).toHaveLength(4);
      for (const line of lines.slice(1)) expect(line).toContain("北方日报任务");
      expect(lines.slice(1).join("\n")).not.toMatch(/,(success|failed|partial|schedule|manual),/);
      await page.getByText("已导出 3 条").waitFor();
      expect(await page.locator("[data-slot=csv-truncated]").count()).toBe(0);

      // Over the limit: the file has the newest 10,000 and the page says more runs match.
      await page.goto(`${app.url}/runs/search?tenant=bulk`);
      await page.getByText(/已加载 100 条（还有更多）/).waitFor();
      const [big] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "导出 CSV" }).click(),
      ]);
      const bigCsv = await readFile((await big.path())!, "utf8");
      expect(bigCsv.slice(1).trimEnd().split("\r\n")).toHaveLength(CSV_LIMIT + 1);
      await page
        .locator("[data-slot=csv-truncated]")
        .getByText(/只导出了最新的 10,?000 条/)
        .waitFor();
      await screenshot(page, "run-search-csv-truncated-1440");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const width of WIDTHS)
    it(`reaches 运行搜索 and 导入导出 from the sidebar, the search from /runs, today's runs from home (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        // Home: the status links open today's runs (from the start of today, Beijing time).
        const failedLink = page.locator("[data-slot=today-runs] a[href*='status=failed']");
        const href = (await failedLink.getAttribute("href"))!;
        const from = new URL(href, app.url).searchParams.get("from");
        expect(from).toBe(startOfDayInput(new Date()));
        await page.getByText("时间：北京时间 (Asia/Shanghai)").first().waitFor();

        const nav = async (name: string) => {
          if (width < 768) await page.getByRole("button", { name: "打开导航" }).click();
          await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name }).click();
        };
        await nav("运行搜索");
        await page.getByRole("heading", { name: "运行搜索" }).waitFor();
        await nav("导入导出");
        await page.getByRole("heading", { name: "导入 / 导出任务" }).waitFor();
        await nav("运行记录");
        await page.getByRole("heading", { name: "运行记录" }).waitFor();
        // The task column shows on a phone too.
        await page.getByRole("columnheader", { name: "任务" }).waitFor();
        await page.getByRole("cell", { name: "搜索甲任务" }).first().waitFor();
        await screenshot(page, `runs-page-${width}`);
        await page.getByRole("link", { name: "跨任务搜索（按日期、文本）" }).click();
        await page.getByRole("heading", { name: "运行搜索" }).waitFor();

        await page.goto(`${app.url}/`);
        await page.locator("[data-slot=today-runs] a[href*='status=failed']").click();
        await page.getByRole("heading", { name: "运行搜索" }).waitFor();
        await expect(page.locator("#run-search-from").inputValue()).resolves.toBe(from);
        await page.getByRole("cell", { name: "搜索甲任务" }).first().waitFor();
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`shows a run in Beijing time with its task's own zone beside the schedule (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        await page.goto(`${app.url}/tasks/${ids["纽约任务"]}/runs/${nyRunId}`);
        await page.getByText("时间：北京时间 (Asia/Shanghai)").waitFor();
        const newYork = sqlTime(new Date(knownAt.getTime() - 5 * 3_600_000)).slice(0, 16); // EST, -5
        // 计划时间: Beijing's clock, then the schedule's own.
        await page
          .getByText(`${beijing(knownAt).slice(0, 16)}（任务时区 America/New_York：${newYork}）`)
          .waitFor();
        await page.getByText(beijing(knownAt), { exact: true }).first().waitFor(); // started, with seconds
        await screenshot(page, `run-detail-zones-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  for (const width of WIDTHS)
    it(`opens script history from the tasks list and the editor and compares two saved versions (${width} px)`, async () => {
      const { context, page, problems } = await signedIn(width);
      try {
        const id = ids["历史脚本任务"]!;
        // From the tasks list's row menu, then from the editor.
        await page.goto(`${app.url}/tasks`);
        await page.getByRole("button", { name: "更多操作: 历史脚本任务" }).click();
        await page.getByRole("menuitem", { name: "脚本历史" }).click();
        await page.getByRole("heading", { name: /脚本历史/ }).waitFor();
        await page.goto(`${app.url}/tasks/${id}`);
        await page.getByRole("link", { name: "脚本历史" }).click();
        await page.getByRole("heading", { name: /脚本历史/ }).waitFor();
        const pick = async (label: string, option: string) => {
          await page.getByRole("combobox", { name: label }).click();
          await page.getByRole("option", { name: option, exact: true }).click();
        };
        await pick("旧版本", "版本 1");
        await pick("新版本", "版本 2");
        await page.waitForURL((u) => u.searchParams.get("from") === "1" && u.searchParams.get("to") === "2");
        const diff = page.locator("[data-slot=diff]");
        await diff.getByText("result = null // v1").waitFor();
        await diff.getByText("result = null // v2").waitFor();
        expect(await diff.getByText("// v3").count()).toBe(0);
        await page.getByRole("listbox").waitFor({ state: "detached" });
        await screenshot(page, `history-two-versions-${width}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
});
