import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { PHONE, baseUrl, launchBrowser, newContext } from "../support/browser";

let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

const TRICKS = [
  "/.//evil.example/",
  "/a/..//evil.example/",
  "/%2e//evil.example/",
  "//evil.example/",
  "/\\evil.example/",
];

/** A context where any visit to the other site is answered locally, so a wrong redirect shows as a URL, not a hang. */
async function guardedContext(): Promise<BrowserContext> {
  const context = await newContext(browser, PHONE);
  await context.route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => route.fulfill({ status: 200, body: "<h1>EVIL</h1>", contentType: "text/html" }),
  );
  return context;
}

describe("redirects stay on the app", () => {
  it("after a real login with a crafted redirectTo", async () => {
    for (const trick of TRICKS) {
      const context = await guardedContext();
      const page = await context.newPage();
      await page.goto(`/staff/login?redirectTo=${encodeURIComponent(trick)}`);
      await page.getByLabel("E-post").fill("admin@demo.local");
      await page.getByLabel("Lösenord").fill("demo-password");
      await page.getByRole("button", { name: "Logga in" }).click();
      await page.waitForFunction(() => !location.pathname.startsWith("/staff/login") || location.host !== "");
      await page.waitForLoadState("networkidle");
      expect(new URL(page.url()).origin, trick).toBe(baseUrl());
      expect(await page.getByRole("heading", { level: 1 }).textContent(), trick).not.toBe("EVIL");
      await context.close();
    }
  });

  it("after the public language switch", async () => {
    const context = await guardedContext();
    const page = await context.newPage();
    for (const trick of TRICKS) {
      await page.goto(`/sprak/en?tillbaka=${encodeURIComponent(trick)}`);
      expect(new URL(page.url()).origin, trick).toBe(baseUrl());
      expect(new URL(page.url()).pathname, trick).toBe("/");
    }
    await page.goto(`/sprak/sv?tillbaka=${encodeURIComponent("/forslag")}`);
    expect(page.url()).toBe(`${baseUrl()}/forslag`);
    await context.close();
  });
});
