import type { Browser, Page } from "playwright-core";
import { baseUrl, expectNoAxeViolations } from "./browser";

/**
 * axe for a page opened with JavaScript off: axe itself needs timers, which do not run there. The page's HTML as
 * the server sent it is checked in a scripting page of the same size, its own scripts stripped so nothing changes
 * it, on the same origin so the stylesheets apply.
 */
export async function expectNoAxeViolationsWithoutScripts(browser: Browser, page: Page, label: string) {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const viewport = page.viewportSize() ?? { width: 390, height: 844 };
  const context = await browser.newContext({ viewport, baseURL: baseUrl() });
  try {
    const copy = await context.newPage();
    await copy.route("**/*.js", (route) => route.abort());
    await copy.goto("/healthz");
    await copy.setContent(html, { waitUntil: "load" });
    await expectNoAxeViolations(copy, label);
  } finally {
    await context.close();
  }
}
