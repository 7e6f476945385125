import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium, with the flags this sandboxed, offline machine needs. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/**
 * Waits until every finite animation (dialogs and overlays fading in or out) has finished, so a
 * screenshot or a click does not catch a half-drawn dialog. Endless spinners are left out.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished),
    ),
  );
}

/** Screenshots of the main pages land here (README: "Browser tests"). */
export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Records console errors and failed requests of a page, so a test can assert there were none.
 * Aborted requests (navigation cancelling a prefetch) are not failures.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    const reason = req.failure()?.errorText ?? "";
    if (!/ERR_ABORTED|NS_BINDING_ABORTED/.test(reason))
      problems.push(`request failed: ${req.method()} ${req.url()} ${reason}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return problems;
}

/** Where the console shows errors: field messages, form banners, alerts and toasts. */
const ERROR_PLACES = "[data-slot=field-message], [data-slot=form-error], [role=alert], [data-sonner-toast]";

/** The texts of every error the page shows now (empty places left out). */
export async function shownErrors(page: Page): Promise<string[]> {
  const texts = await page.locator(ERROR_PLACES).allInnerTexts();
  return texts.map((t) => t.trim()).filter(Boolean);
}

/**
 * Runs of two or more English words in a text: server or zod sentences the zh console must not
 * show. URLs and identifiers (`access_token`, `get_secret('x')`, `SEC`, `CRON`) are single
 * tokens and pass; "must be a URL" or "Invalid input" do not.
 */
export function englishRuns(text: string): string[] {
  const cleaned = text.replace(/https?:\/\/\S*/g, " ").replace(/[\w.]*[_.(][\w.()'"]*/g, " ");
  return cleaned.match(/[A-Za-z]{2,}(?:[ \t,;:]+[A-Za-z]{2,})+/g) ?? [];
}
