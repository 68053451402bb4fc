import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  browser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  openPage,
  screenshot,
  setUpBrowser,
  signedInPage,
} from "../support/browser";
import { loginWithoutScripts } from "../support/login-without-scripts";

/** Issue 10, point 14: a compact staff menu on a phone, with and without JavaScript; the full row on a desktop. */
setUpBrowser();

const menuButton = (page: Page) => page.locator("summary", { hasText: "Meny" });
const menuLink = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Personalsidor" }).getByRole("link", { name, exact: true });

/** How far down the first screen the page's own heading starts: the header and menu above it. */
const headingTop = (page: Page) =>
  page.getByRole("heading", { level: 1 }).evaluate((h) => h.getBoundingClientRect().top + window.scrollY);

describe("the staff menu on a phone", () => {
  it("is one line, opens by keyboard to every page the role may use, and closes on the next page", async () => {
    const { context, page } = await signedInPage("admin@demo.local", PHONE);
    await openPage(page, "/staff/attendance/stats", "Statistik över närvaro");
    // Header and menu together take well under a fifth of the first screen (it was four to five rows).
    expect(await menuButton(page).boundingBox()).toMatchObject({ height: expect.any(Number) });
    expect((await menuButton(page).boundingBox())!.height).toBeLessThanOrEqual(56);
    expect(await menuButton(page).innerText()).toMatch(/Meny\s+Närvaro/);
    expect(await menuLink(page, "Program").isVisible()).toBe(false);
    await expectNoAxeViolations(page, "menu closed (phone)");
    await screenshot(page, "staff-menu-closed-phone");

    await menuButton(page).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => menuLink(page, "Program").isVisible()).toBe(true);
    expect(await menuLink(page, "Närvaro").getAttribute("aria-current")).toBe("page");
    await expectNoAxeViolations(page, "menu open (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "staff-menu-open-phone");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Start");

    await menuLink(page, "Synpunkter").click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/staff/feedback");
    await expect.poll(() => menuButton(page).innerText()).toMatch(/Meny\s+Synpunkter/);
    expect(await menuLink(page, "Program").isVisible()).toBe(false);
    expect(await headingTop(page)).toBeLessThan(844 * 0.2);
    await context.close();
  });

  it("works without JavaScript", async () => {
    const { context, page } = await loginWithoutScripts(browser, "coordinator@demo.local");
    expect(await menuButton(page).innerText()).toMatch(/Meny\s+Start/);
    expect(await menuLink(page, "Närvaro").isVisible()).toBe(false);
    await menuButton(page).click();
    await expect.poll(() => menuLink(page, "Närvaro").isVisible()).toBe(true);
    // A coordinator's menu has no admin pages.
    expect(await menuLink(page, "Program").count()).toBe(0);
    await Promise.all([page.waitForURL(/\/staff\/attendance$/), menuLink(page, "Närvaro").click()]);
    expect(await menuButton(page).innerText()).toMatch(/Meny\s+Närvaro/);
    expect(await menuLink(page, "Närvaro").isVisible()).toBe(false);
    await context.close();
  });
});

describe("the staff menu on a desktop", () => {
  it("shows every link in a row, with no menu button", async () => {
    const { context, page } = await signedInPage("admin@demo.local", DESKTOP);
    await openPage(page, "/staff/programs", "Program");
    expect(await menuButton(page).isVisible()).toBe(false);
    expect(await menuLink(page, "Program").isVisible()).toBe(true);
    expect(await menuLink(page, "Program").getAttribute("aria-current")).toBe("page");
    // One menu for assistive technology: the phone's is not displayed.
    expect(await page.getByRole("navigation", { name: "Personalsidor" }).count()).toBe(1);
    await expectNoAxeViolations(page, "menu (desktop)");
    await screenshot(page, "staff-menu-desktop");
    await context.close();
  });
});
