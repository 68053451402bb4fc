import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  newContext,
  screenshot,
  signedInPage,
} from "../support/browser";
import { expectNoAxeViolationsWithoutScripts } from "../support/axe-without-scripts";

setUpBrowser();

/** A wave of its own for each test, so no other test's counts change and each test runs alone. */
async function createWave(page: Page, title: string): Promise<string> {
  await page.goto("/staff/campaigns/new");
  await page.getByLabel("Namn", { exact: true }).fill(title);
  await page.getByLabel("Öppnar").fill("2020-01-01");
  await page.getByLabel("Stänger").fill("2099-12-31");
  await page.getByRole("button", { name: "Skapa enkätomgång" }).click();
  await page.waitForURL(/\/staff\/campaigns\/\d+$/);
  return new URL(page.url()).pathname;
}

/** A new wave created by the coordinator in a browser of their own, for a test that enters answers as someone else. */
async function waveByCoordinator(title: string): Promise<string> {
  const { context, page } = await signedInPage("coordinator@demo.local", DESKTOP);
  const path = await createWave(page, title);
  await context.close();
  return path;
}

const question = (page: Page, title: RegExp) => page.getByRole("group", { name: title });

async function fillQuestionnaire(page: Page) {
  await question(page, /Var bor du\?/)
    .getByLabel("I Bostad Först")
    .check();
  await question(page, /Vilket kön har du\?/)
    .getByLabel("Kvinna")
    .check();
  await question(page, /Hur ofta kommer du till Mallis\?/)
    .getByLabel("Varje vecka")
    .check();
  await question(page, /Vilka aktiviteter går du på\?/)
    .getByLabel("Sygrupp")
    .check();
  await question(page, /mer stöd med något att göra på dagarna/)
    .getByLabel("Ja", { exact: true })
    .check();
  await question(page, /Vad tycker du om Mallis\?/)
    .getByLabel(/^4/)
    .check();
  await page.getByLabel(/Vad vill du göra mer av\?/).fill("Mer matlagning");
}

describe("paper questionnaires typed in by staff", () => {
  it("a coordinator enters one on a phone with JavaScript, gets a clear confirmation and enters the next", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", PHONE);
    const campaignPath = await createWave(page, `Pappersomgång ${Date.now()}`);
    await expect.poll(() => page.getByText("Svar på papper: 0").count()).toBe(1);
    await page.getByRole("link", { name: "Skriv in en pappersenkät" }).click();
    await page.waitForURL(/\/paper$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Skriv in en pappersenkät");
    await expectNoAxeViolations(page, "paper entry (phone)");
    await expectNoHorizontalScroll(page);

    // A value that cannot go with the others: the form says so and keeps what was typed.
    await fillQuestionnaire(page);
    const barriers = question(page, /Vad gör att du inte kommer oftare\?/);
    await barriers.getByLabel("Inget hindrar mig").check();
    await barriers.getByLabel("Tiderna passar inte").check();
    await page.getByRole("button", { name: "Spara pappersenkäten" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Något behöver rättas");
    await expect.poll(() => barriers.getByText(/tillsammans med andra/).count()).toBe(1);
    expect(await page.getByLabel(/Vad vill du göra mer av\?/).inputValue()).toBe("Mer matlagning");
    await expectNoAxeViolations(page, "paper entry with errors (phone)");
    await screenshot(page, "paper-entry-errors-phone");

    await barriers.getByLabel("Inget hindrar mig").uncheck();
    await page.getByRole("button", { name: "Spara pappersenkäten" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Pappersenkäten är sparad. Det finns nu 1 svar på papper i den här omgången.");
    await expectNoAxeViolations(page, "paper entry saved (phone)");
    await screenshot(page, "paper-entry-saved-phone");

    await page.getByRole("link", { name: "Registrera nästa" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Spara pappersenkäten" }).count()).toBe(1);
    expect(
      await question(page, /Var bor du\?/)
        .getByLabel("Inget svar")
        .isChecked(),
    ).toBe(true);
    await page.goto(campaignPath);
    await expect.poll(() => page.getByText("Svar på papper: 1").count()).toBe(1);
    await context.close();
  });

  it("works without JavaScript on a desktop: errors in words, then saved once", async () => {
    const campaignPath = await waveByCoordinator(`Pappersomgång utan skript ${Date.now()}`);
    const context = await newContext(browser, DESKTOP, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/staff/login");
    await page.getByLabel("E-post").fill("cm@demo.local");
    await page.getByLabel("Lösenord").fill("demo-password");
    await Promise.all([page.waitForURL(/\/staff$/), page.getByRole("button", { name: "Logga in" }).click()]);
    await page.goto(`${campaignPath}/paper`);
    await page.getByRole("button", { name: "Spara pappersenkäten" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Inga svar är ifyllda");
    await expectNoAxeViolationsWithoutScripts(browser, page, "paper entry without scripts (desktop)");

    await fillQuestionnaire(page);
    const token = await page.locator('input[name="token"]').inputValue();
    await Promise.all([page.waitForURL(/sparad=/), page.getByRole("button", { name: "Spara pappersenkäten" }).click()]);
    expect(await page.getByRole("status").first().textContent()).toContain("Det finns nu 1 svar på papper");
    // The same form sent again (a double click, a resend) stores nothing more.
    const again = await page.request.post(`${campaignPath}/paper`, {
      form: { token, "q.program": "fot" },
      headers: { Origin: baseUrl() },
    });
    expect(again.url()).toContain("igen=1");
    expect(await again.text()).toContain("1 svar på papper");
    await expectNoAxeViolationsWithoutScripts(browser, page, "paper entry saved without scripts (desktop)");
    await screenshot(page, "paper-entry-saved-desktop");
    await context.close();
  });
});
