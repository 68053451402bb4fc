import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { closeE2eDb } from "./e2e-database";
import { expectNoPageErrors, watchPageErrors } from "./page-errors";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
/** How long an action or navigation may take to reach its state on a busy machine before the test fails. */
export const STATE_BUDGET_MS = 50_000;

export function baseUrl(): string {
  return inject("baseUrl");
}

/** The test file's Chromium, launched by `setUpBrowser()` before its tests run. */
export let browser: Browser & { cleanup: () => Promise<void> };

/**
 * The one e2e set-up: every browser test file calls this once at its top. Launches Chromium before the file's
 * tests, and afterwards closes it and the file's read access to the server's database (if it opened one). A test
 * whose pages logged an error it did not take (`takePageErrors`) fails, as one that calls console.error does.
 */
export function setUpBrowser(): void {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(() => {
    expectNoPageErrors();
  });
  afterAll(async () => {
    await closeE2eDb();
    await browser?.cleanup();
    expectNoPageErrors();
  });
}

/** Debian's Chromium, headless; playwright gives every launch a fresh, empty profile of its own. */
export async function launchBrowser(): Promise<Browser & { cleanup: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // Every context the tests open, directly or through `newContext`, gets the same budget for an action or a
  // navigation to reach its state: Playwright's 30 s default is too short on a loaded machine. A budget, not a wait:
  // a state reached sooner returns at once.
  const open = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await open(options);
    context.setDefaultTimeout(STATE_BUDGET_MS);
    context.setDefaultNavigationTimeout(STATE_BUDGET_MS);
    watchPageErrors(context);
    slowDownPages(context);
    return context;
  };
  return Object.assign(browser, {
    async cleanup() {
      await browser.close();
    },
  });
}

/**
 * `E2E_CPU_SLOWDOWN=4` runs every page a test opens with Chromium's CPU throttled that many times (as a cheap phone
 * or a loaded machine runs it), to bring out races between a test's steps and the page's scripts. Off by default:
 * a tool for hunting a flaky test, not part of the suite's budgets.
 */
function slowDownPages(context: BrowserContext): void {
  const rate = Number(process.env.E2E_CPU_SLOWDOWN ?? 0);
  if (!(rate > 1)) return;
  const newPage = context.newPage.bind(context);
  context.newPage = async () => {
    const page = await newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    return page;
  };
}

export async function newContext(
  browser: Browser,
  viewport = PHONE,
  options: { locale?: string; baseURL?: string; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    deviceScaleFactor: viewport === PHONE ? 2 : 1,
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
    locale: options.locale ?? "sv-SE",
    baseURL: options.baseURL ?? baseUrl(),
  });
  return context;
}

/**
 * Runs axe-core on the page and fails on any violation of any impact. Injected with evaluate,
 * which the page's Content-Security-Policy does not block, so the policy stays on in tests.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/** No sideways scrolling: the page is no wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

export async function login(page: Page, email: string, password = "demo-password"): Promise<void> {
  await page.goto("/staff/login");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  // A client-side navigation (or a plain form post, if the click came before the scripts): wait until the login form
  // is gone or an error is shown, then for the page's scripts, so the test's next click is the page's own.
  await page.waitForFunction(
    () => !location.pathname.startsWith("/staff/login") || document.querySelector('[role="alert"]'),
  );
  await hydrated(page);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
}

/**
 * A fresh context at `viewport` (as `newContext` makes it) with one page, signed in as `email`: the start of most
 * staff tests. The caller closes `context`.
 */
export async function signedInPage(
  email: string,
  viewport = PHONE,
  options: Parameters<typeof newContext>[2] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport, options);
  const page = await context.newPage();
  await login(page, email);
  return { context, page };
}

/** Opens `path` and waits for the state that shows it: the page's own heading reads `heading`. */
export async function openPage(page: Page, path: string, heading: string): Promise<void> {
  await page.goto(path);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
}

/** Waits for the state where the page's scripts have taken over (the root marks the document then). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
}
