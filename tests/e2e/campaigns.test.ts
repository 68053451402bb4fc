import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  hydrated,
  setUpBrowser,
  login,
  newContext,
  screenshot,
} from "../support/browser";

setUpBrowser();

describe("staff campaign pages", () => {
  it("a coordinator creates a campaign on a phone and gets its code, link and poster", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await login(page, "coordinator@demo.local");
    await page.goto("/staff/campaigns");
    await expect.poll(() => page.getByRole("link", { name: "Brukarenkät 2025" }).count()).toBe(1);
    await expectNoAxeViolations(page, "campaign list");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "campaigns-phone");
    await page.getByRole("link", { name: "Ny enkätomgång" }).click();
    await page.waitForURL(/\/staff\/campaigns\/new/);
    await expectNoAxeViolations(page, "new campaign");
    await page.getByLabel("Namn", { exact: true }).fill("Brukarenkät 2027");
    await page.getByLabel("Öppnar").fill("2027-04-01");
    await page.getByLabel("Stänger").fill("2027-03-01");
    await page.getByRole("button", { name: "Skapa enkätomgång" }).click();
    await expect.poll(() => page.getByText("Stängningsdagen kan inte vara före öppningsdagen.").count()).toBe(1);
    await expectNoAxeViolations(page, "new campaign with errors");
    await page.getByLabel("Stänger").fill("2027-05-31");
    await page.getByRole("button", { name: "Skapa enkätomgång" }).click();
    await page.waitForURL(/\/staff\/campaigns\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Brukarenkät 2027");
    const code = (await page.locator("strong.code").innerText()).trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
    await expectNoAxeViolations(page, "campaign detail");
    await page.getByRole("link", { name: "Affisch med QR-kod" }).click();
    await page.waitForURL(/\/poster$/);
    await expect.poll(() => page.locator(".poster__qr svg").count()).toBe(1);
    expect(await page.locator(".poster__code strong").innerText()).toBe(code);
    await expectNoAxeViolations(page, "poster");
    await screenshot(page, "poster-phone");
    await context.close();
  });

  it("a case manager reads single responses with the questions", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, "cm@demo.local");
    await page.goto("/staff/campaigns");
    await page.getByRole("link", { name: "Brukarenkät 2025" }).click();
    await page.waitForURL(/\/staff\/campaigns\/\d+$/);
    await expect.poll(() => page.getByText("Svar totalt: 66").count()).toBe(1);
    // The page's scripts have taken over: the link below is then followed as a client navigation.
    await hydrated(page);
    await page.getByRole("link", { name: "Visa enskilda svar" }).click();
    await page.waitForURL(/visa=svar/);
    await expect.poll(() => page.locator(".response-card").count()).toBe(10);
    expect(await page.locator(".response-card").first().getByText("Vilket kön har du?").count()).toBe(1);
    await expectNoAxeViolations(page, "single responses");
    await screenshot(page, "responses-desktop");
    await context.close();
  });
});
