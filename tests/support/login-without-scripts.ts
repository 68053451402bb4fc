import type { Browser, BrowserContext, Page } from "playwright-core";
import { PHONE, newContext } from "./browser";

/**
 * A browser context with JavaScript off, logged in through the plain form post, on the staff start page: for the
 * tests that show a page works without scripts.
 */
export async function loginWithoutScripts(
  browser: Browser,
  email: string,
  {
    viewport = PHONE,
    password = "demo-password",
  }: { viewport?: { width: number; height: number }; password?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/staff/login");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await Promise.all([page.waitForURL(/\/staff$/), page.getByRole("button", { name: "Logga in" }).click()]);
  return { context, page };
}
