import { spawnSync } from "node:child_process";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { watchProblems } from "./browser";
import { dropDatabase, E2E_APP_SECRET, type StartedApp } from "./server";

// What every end-to-end file needs around a started app: the first admin's password, the admin
// CLI, a REST client with an API token, a signed-in browser page and the teardown. One copy here,
// so a change to the login form or the CLI's output is made once, not in every test file.

/** The widths every console flow is checked at: a desktop and a phone (issue 14 item 12). */
export const WIDTHS = [1440, 390] as const;

type Opened = { close(): Promise<unknown> } | { stop(): Promise<unknown> } | undefined;

/**
 * The end of an e2e file: stops what it opened, in the order given (browser, app, fake robots),
 * then drops its database. Anything beforeAll did not get to open is undefined and skipped.
 */
export async function tearDown(database: string, ...opened: Opened[]): Promise<void> {
  for (const thing of opened) {
    if (!thing) continue;
    if ("stop" in thing) await thing.stop();
    else await thing.close();
  }
  await dropDatabase(database);
}

/** The first admin's password, printed once by `npm start` on a fresh database ("" if absent). */
export function firstAdminPassword(app: StartedApp): string {
  return /First admin created: admin@example\.com\s+password: (\S+)/.exec(app.output())?.[1] ?? "";
}

/** The password the admin CLI prints for a user it created ("" if absent). */
export function printedPassword(output: string): string {
  return /Password: (\S+)/.exec(output)?.[1] ?? "";
}

/** Runs `scripts/admin.ts` against the app's database; answers its stdout, throws on failure. */
export function adminCli(app: StartedApp, ...args: string[]): string {
  const res = spawnSync("npx", ["tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: app.databaseUrl, APP_SECRET: E2E_APP_SECRET },
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`admin ${args.join(" ")} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** A new platform API token from the admin CLI (the last line it prints). */
export function platformToken(app: StartedApp): string {
  return adminCli(app, "create-token", "--platform").trim().split("\n").pop()!.trim();
}

export type Rest = (method: string, path: string, body?: unknown) => Promise<any>;

/** A JSON client of the app's REST API with a Bearer token; throws on a non-2xx answer. */
export function restClient(app: StartedApp, token: string): Rest {
  const rest = async (method: string, path: string, body?: unknown, retried = false): Promise<any> => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((err: { cause?: { code?: string } }) => {
      // A pooled keep-alive socket the server closed while the admin CLI ran: the request
      // never reached it, so sending it once more is safe.
      if (retried || err.cause?.code !== "UND_ERR_SOCKET") throw err;
      return null;
    });
    if (!res) return rest(method, path, body, true);
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return (method, path, body) => rest(method, path, body);
}

/** Starts a run over REST and waits until it has left `running` (and `done` holds); answers its log. */
export async function runAndWait(
  rest: Rest,
  taskId: number,
  params?: Record<string, unknown>,
  done: (log: any) => boolean = () => true,
): Promise<any> {
  const { trace_id } = await rest(
    "POST",
    `/api/scheduled-tasks/${taskId}/run`,
    params ? { input_params: params } : {},
  );
  for (let i = 0; i < 200; i++) {
    const page = await rest("GET", `/api/scheduled-tasks/${taskId}/logs?trace_id=${trace_id}`);
    const log = page.items[0];
    if (log && log.status !== "running" && done(log)) return log;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("run did not finish");
}

/** A JavaScript task due daily at 08:00 (tenant demo unless `extra` says), over REST; answers its id. */
export async function createScriptTask(
  rest: Rest,
  name: string,
  script: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const task = await rest("POST", "/api/scheduled-tasks", {
    tenant_id: "demo",
    task_name: name,
    schedule_type: "simple",
    time_points: ["08:00"],
    execution_type: "script",
    script_language: "javascript",
    script_content: script,
    ...extra,
  });
  return Number(task.id);
}

export type ConsolePage = { context: BrowserContext; page: Page; problems: string[] };

type PageOptions = {
  width: number;
  height?: number;
  /** The console's active_tenant cookie; none: the console's own default scope. */
  tenant?: string | null;
  /** More of Playwright's context options (downloads, time zone, locale). */
  browserContext?: BrowserContextOptions;
};

/**
 * A fresh browser context at `width` px (optionally scoped to a tenant by the console's cookie)
 * with one page whose console errors, CSP violations and failed requests are recorded in
 * `problems`.
 */
export async function newConsolePage(
  browser: Browser,
  app: StartedApp,
  opts: PageOptions,
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.height ?? 900 },
    ...opts.browserContext,
  });
  if (opts.tenant) await context.addCookies([{ name: "active_tenant", value: opts.tenant, url: app.url }]);
  // A CSP violation (an eval the policy blocks, say) reaches the problems list as a console error:
  // the browser alone reports it only as an event.
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    ),
  );
  const page = await context.newPage();
  const problems = watchProblems(page);
  return { context, page, problems };
}

/** Fills the login form (邮箱, 密码) and presses 登录. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/**
 * A page signed in through the login form (the first admin unless `email` says otherwise). It
 * waits for the `landing` heading when given, else until the page has left /login.
 */
export async function signedIn(
  browser: Browser,
  app: StartedApp,
  opts: PageOptions & { password: string; email?: string; landing?: string },
): Promise<ConsolePage> {
  const signed = await newConsolePage(browser, app, opts);
  const { page } = signed;
  await page.goto(`${app.url}/login`);
  await submitLogin(page, opts.email ?? "admin@example.com", opts.password);
  if (opts.landing) await page.getByRole("heading", { name: opts.landing }).waitFor();
  else await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return signed;
}
