import { describe, expect, it } from "vitest";
import type { Page, Route } from "playwright-core";
import {
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  screenshot,
  signedInPage,
  openPage,
  hydrated,
} from "../support/browser";
import { expectNoAxeViolationsWithoutScripts } from "../support/axe-without-scripts";

/** Issue 10, points 1–4: what the statistics page says its figures are, and what its print publishes. */

const LAPTOP = { width: 1280, height: 800 };
setUpBrowser();

async function visitsIn(page: Page): Promise<number> {
  const status = (await page.getByRole("status").first().textContent()) ?? "";
  return Number(status.match(/: (\d+) besök/)![1]);
}

for (const [size, viewport] of [
  ["phone", PHONE],
  ["laptop", LAPTOP],
] as const) {
  describe(`the attendance statistics on a ${size}`, () => {
    it("say what a programme's figures are and never give it everyone's visits", async () => {
      const { context, page } = await signedInPage("admin@demo.local", viewport);
      await openPage(page, "/staff/attendance/stats?from=2023-07-01&to=2023-12-31", "Statistik över närvaro");
      await expect.poll(() => page.getByText(/^Alla program: alla besök på Mallis/).count()).toBe(1);
      const all = await visitsIn(page);
      expect(all).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `stats all (${size})`);
      await expectNoHorizontalScroll(page);

      await page.getByLabel("Program").selectOption({ label: "Försöks- och träningslägenheter" });
      await page.getByRole("button", { name: "Visa" }).click();
      await expect
        .poll(() => page.getByText(/^Försöks- och träningslägenheter(:| har inga)/).count())
        .toBeGreaterThan(0);
      const own = await visitsIn(page);
      // Not everyone's visits: only the programme's own activities.
      expect(own).toBeLessThan(all);
      expect(
        await page
          .getByText(/Drop-in och aktiviteter som är öppna för alla räknas inte hit|har inga egna aktiviteter/)
          .count(),
      ).toBe(1);
      await expectNoAxeViolations(page, `stats one programme (${size})`);
      await screenshot(page, `stats-programme-${size}`);
      await context.close();
    });

    it("print a page tied to its period and programme, with totals, bars and every count protected", async () => {
      const { context, page } = await signedInPage("coordinator@demo.local", viewport);
      await openPage(page, "/staff/attendance/stats?from=2023-07-01&to=2023-12-31", "Statistik över närvaro");
      // Staff see exact figures on screen; daily totals are never hidden.
      const perDay = page.getByText(/till \d+ deltagare per dag/).first();
      const onScreen = (await perDay.textContent()) ?? "";
      expect(onScreen).not.toContain("färre än 5");
      await page.emulateMedia({ media: "print" });
      await expect.poll(() => page.getByText("Närvaro 2023-07-01 – 2023-12-31").isVisible()).toBe(true);
      expect(await page.getByText(/^Alla (dina )?program(:| \()/).isVisible()).toBe(true);
      const summary = (await page.getByRole("status").first().innerText()) ?? "";
      expect(summary).toMatch(/2023-07-01 – 2023-12-31: (\d+|färre än 5|dolt) besök vid \d+ registreringar/);
      // "två till sex": a daily total describes no person, so print shows it as it is.
      expect(
        await page
          .getByText(/till \d+ deltagare per dag/)
          .first()
          .innerText(),
      ).toBe(onScreen);
      // Print draws its own bars from protected figures; the screen's canvases are not printed.
      expect(await page.getByRole("img", { name: "Besök per månad" }).isVisible()).toBe(true);
      expect(await page.getByRole("img", { name: "Per aktivitet" }).isVisible()).toBe(true);
      expect(await page.locator("canvas:visible").count()).toBe(0);
      // Per activity and the special occasions never print both a cell and what gives it away.
      const specials = page.getByRole("table", { name: "Särskilda tillfällen" });
      if ((await specials.count()) > 0) {
        const printed = await specials.innerText();
        expect(printed).not.toMatch(/\b[1-4]\b(?!\d)/);
      }
      await screenshot(page, `stats-print-${size}`);
      await page.emulateMedia({ media: "screen" });
      await expectNoAxeViolations(page, `stats print view (${size})`);
      await context.close();
    });
  });
}

/** Issue 10, point 11: the registration page follows the chosen date, with and without JavaScript. */
const DAY = "2025-03-04";
for (const [size, viewport] of [
  ["phone", PHONE],
  ["laptop", LAPTOP],
] as const) {
  describe(`registering attendance on a ${size}`, () => {
    it("shows the chosen day's registrations as soon as the date changes", async () => {
      const { context, page } = await signedInPage("coordinator@demo.local", viewport);
      await openPage(page, "/staff/attendance", "Registrera närvaro");
      // Following the date at once is the scripts' work: a date changed before they take over only changes the field
      // ("Visa dagen" then shows the day). At E2E_CPU_SLOWDOWN=6 the fill came first and the test waited in vain.
      await hydrated(page);
      await page.getByLabel("Datum").fill(DAY);
      await expect.poll(() => page.getByRole("heading", { name: `Registrerat ${DAY}` }).count()).toBe(1);
      expect(new URL(page.url()).searchParams.get("date")).toBe(DAY);
      // The demo has visits that Tuesday: their activities carry the "registrerad" badge before anything is saved.
      expect(await page.getByText("registrerad", { exact: true }).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `register, chosen day (${size})`);
      await context.close();
    });

    it("shows the chosen day's registrations when the date was changed before the page's scripts took over", async () => {
      const { context, page } = await signedInPage("coordinator@demo.local", viewport);
      // A slow phone: the page is shown and its scripts have not come yet. They are held until the date is changed.
      const held: Route[] = [];
      let holding = true;
      await page.route("**/build/**/*.js", (route) => (holding ? void held.push(route) : route.continue()));
      await page.goto("/staff/attendance", { waitUntil: "commit" });
      await page.getByLabel("Datum").fill(DAY);
      expect(await page.evaluate(() => document.documentElement.dataset.hydrated)).toBeUndefined();
      expect(await page.getByRole("heading", { name: `Registrerat ${DAY}` }).count()).toBe(0);
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
      await hydrated(page);
      // The list follows the field, not the day the page was first sent with.
      await expect.poll(() => page.getByRole("heading", { name: `Registrerat ${DAY}` }).count()).toBe(1);
      expect(await page.getByLabel("Datum").inputValue()).toBe(DAY);
      expect(new URL(page.url()).searchParams.get("date")).toBe(DAY);
      expect(await page.getByText("registrerad", { exact: true }).count()).toBeGreaterThan(0);
      await context.close();
    });
  });
}

/** Issue 10, point 11 without JavaScript: "Visa dagen" shows the chosen day, and sends nothing else on. */
describe("registering attendance without JavaScript", () => {
  it("shows the chosen day with Visa dagen, sends no counts, codes or notes into the address, and Enter saves", async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
      baseURL: baseUrl(),
      locale: "sv-SE",
    });
    const page = await context.newPage();
    await page.goto("/staff/login");
    await page.getByLabel("E-post").fill("coordinator@demo.local");
    await page.getByLabel("Lösenord").fill("demo-password");
    await Promise.all([page.waitForURL(/\/staff$/), page.getByRole("button", { name: "Logga in" }).click()]);
    await page.goto("/staff/attendance");
    await page.getByLabel("Datum").fill(DAY);
    await page.getByLabel("Kvinnor").fill("2");
    await Promise.all([page.waitForURL(/date=/), page.getByRole("button", { name: "Visa dagen" }).click()]);
    expect(new URL(page.url()).search).toBe(`?date=${DAY}`);
    expect(await page.getByRole("heading", { name: `Registrerat ${DAY}` }).count()).toBe(1);
    expect(await page.getByText("registrerad", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByLabel("Datum").inputValue()).toBe(DAY);
    await expectNoAxeViolationsWithoutScripts(browser, page, "register, chosen day without JavaScript");

    // Enter in a count field saves the registration (it used to press "Visa dagen", the form's first button).
    const day = "2025-03-09";
    await page.getByLabel("Datum").fill(day);
    await page.getByLabel("Drop-in (besök utan aktivitet)").check();
    await page.getByLabel("Kvinnor").fill("2");
    await page.getByLabel("Män", { exact: true }).fill("1");
    await Promise.all([page.waitForURL(/saved=/), page.getByLabel("Män", { exact: true }).press("Enter")]);
    expect(
      await page
        .getByText(/Sparat/)
        .first()
        .textContent(),
    ).toContain(day);
    await context.close();
  });
});
