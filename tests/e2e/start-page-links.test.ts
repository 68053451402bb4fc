import { describe, expect, it } from "vitest";
import { DESKTOP, browser, setUpBrowser, login, newContext } from "../support/browser";

/** Issue 10, point 13: every link on every role's start page leads to a page that role may open. */

setUpBrowser();

describe("the staff start page", () => {
  for (const role of ["admin", "coordinator", "cm", "facilitator", "researcher"]) {
    it(`only links ${role} to pages they may open`, async () => {
      const context = await newContext(browser, DESKTOP);
      const page = await context.newPage();
      await login(page, `${role}@demo.local`);
      await page.goto("/staff");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
      const hrefs = await page
        .getByRole("link")
        .evaluateAll((links) =>
          [...new Set(links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""))].filter((h) =>
            h.startsWith("/staff"),
          ),
        );
      expect(hrefs.length).toBeGreaterThan(1);
      for (const href of hrefs) {
        const response = await page.request.get(href, { maxRedirects: 0 });
        expect(response.status(), `${role} → ${href}`).toBe(200);
      }
      if (role === "researcher") {
        expect(await page.getByText("Skapa och följa enkäter").count()).toBe(0);
      }
      await context.close();
    });
  }
});
