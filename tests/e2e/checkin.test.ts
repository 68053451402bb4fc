import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  hydrated,
  setUpBrowser,
  newContext,
  screenshot,
  signedInPage,
} from "../support/browser";
import { e2eDb } from "../support/e2e-database";

setUpBrowser();

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

describe("visitor register and self check-in at phone size", () => {
  it("a coordinator sets the PIN; on the tablet two people check in one after the other, the second seeing nothing of the first", async () => {
    const { context: staff, page: staffPage } = await signedInPage("coordinator@demo.local", PHONE);
    await staffPage.goto("/staff/attendance/visitors");
    await expect.poll(() => heading(staffPage)).toBe("Besöksregister");
    await staffPage.getByLabel("Ny kod").fill("2468");
    await staffPage.getByRole("button", { name: "Spara koden" }).tap();
    await expect
      .poll(() => staffPage.getByRole("status").first().textContent())
      .toContain("Koden för incheckningen är sparad");
    await expectNoAxeViolations(staffPage, "visitor register (phone)");
    await expectNoHorizontalScroll(staffPage);
    await screenshot(staffPage, "visitor-register-phone");

    // The demo data may already hold today's drop-in visits: the check-ins add to them.
    const dropInToday = async () =>
      (await e2eDb()("attendance").where({ date: today(), slot: "drop-in" }).first("women", "men")) ?? {
        women: 0,
        men: 0,
      };
    const before = await dropInToday();
    const checkinsBefore = Number((await e2eDb()("kiosk_checkins").count<{ n: number }[]>("* as n"))[0].n);

    const tablet = await newContext(browser, PHONE);
    const page = await tablet.newPage();
    await page.goto("/incheckning");
    await expect.poll(() => heading(page)).toBe("Incheckningen är stängd");
    await expectNoAxeViolations(page, "check-in closed");
    await page.getByLabel("Personalens kod").fill("1111");
    await page.getByRole("button", { name: "Öppna incheckningen" }).tap();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Fel kod");
    await page.getByLabel("Personalens kod").fill("2468");
    await page.getByRole("button", { name: "Öppna incheckningen" }).tap();
    await expect.poll(() => heading(page)).toBe("Välkommen!");
    // The taps below are a person's on the page as its scripts run it (the PIN may have been sent without them).
    await hydrated(page);
    await expectNoAxeViolations(page, "check-in start");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "checkin-start-phone");

    // Person 1: a first-timer with a code.
    await page.getByRole("button", { name: "Bara hälsa på" }).tap();
    await expect.poll(() => heading(page)).toBe("Skriv din kod");
    await page.getByLabel("Din kod").fill("gata 1957");
    await expectNoAxeViolations(page, "check-in code");
    await page.getByRole("button", { name: "Nästa" }).tap();
    await expect.poll(() => heading(page)).toBe("Första gången?");
    expect(await page.locator("main, body").first().textContent()).toContain("Fråga 1 av 2");
    await expectNoAxeViolations(page, "check-in first-timer question 1");
    await screenshot(page, "checkin-first-time-phone");
    await page.getByRole("button", { name: "Kvinna" }).tap();
    await expect.poll(() => page.getByText("Fråga 2 av 2").count()).toBe(1);
    await expectNoAxeViolations(page, "check-in first-timer question 2");
    await page.getByRole("button", { name: "Bostad Först", exact: true }).tap();
    await expect.poll(() => heading(page)).toBe("Tack! Du är incheckad.");
    await expectNoAxeViolations(page, "check-in done");
    await screenshot(page, "checkin-done-phone");
    await page.getByRole("button", { name: "Klar" }).tap();

    // Person 2: nothing of person 1 is anywhere on the screen; no code, states a gender.
    await expect.poll(() => heading(page)).toBe("Välkommen!");
    await page.getByRole("button", { name: "Bara hälsa på" }).tap();
    await expect.poll(() => heading(page)).toBe("Skriv din kod");
    expect(await page.getByLabel("Din kod").inputValue()).toBe("");
    const screen = (await page.locator("body").innerText()).toUpperCase();
    expect(screen).not.toContain("GATA");
    expect(screen).not.toContain("1957");
    expect(screen).not.toContain("KVINNA");
    await page.getByRole("button", { name: "Jag har ingen kod" }).tap();
    await expect.poll(() => heading(page)).toBe("Vilket kön har du?");
    await expectNoAxeViolations(page, "check-in gender");
    await page.getByRole("button", { name: "Man", exact: true }).tap();
    await expect.poll(() => heading(page)).toBe("Tack! Du är incheckad.");

    const after = await dropInToday();
    expect([after.women - before.women, after.men - before.men]).toEqual([1, 1]);
    const stored = await e2eDb()("visitors").where({ source: "kiosk" }).select("code_hmac", "gender");
    expect(stored).toEqual([{ code_hmac: expect.stringMatching(/^[0-9a-f]{64}$/), gender: "women" }]);
    expect(Number((await e2eDb()("kiosk_checkins").count<{ n: number }[]>("* as n"))[0].n)).toBe(checkinsBefore + 2);
    // The device id is made once and kept.
    const deviceId = await page.evaluate(() => localStorage.getItem("deltagarrost:kiosk-device"));
    expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set((await e2eDb()("kiosk_checkins").select("device_id")).map((r) => r.device_id))).toEqual(
      new Set([deviceId]),
    );

    // The staff form with codes: the kiosk's visitor is known, a new one is asked about.
    await staffPage.goto("/staff/attendance");
    await staffPage.getByText("Drop-in (besök utan aktivitet)").tap();
    await staffPage.getByText("Fler uppgifter (frivilligt)").tap();
    await staffPage.getByLabel("Deltagarkoder").fill("GATA1957\nNY-KOD-42");
    await staffPage.getByRole("button", { name: "Öka Män", exact: true }).tap();
    const date = staffPage.getByLabel("Datum");
    // A day long before the demo data, so the drop-in slot is free.
    await date.fill("2020-01-02");
    // The page then shows that day (its list follows the date field): wait for it, as a person would, before saving.
    // Saving while the day is still loading aborts that load, which Remix reports as an error in the console.
    await expect.poll(() => new URL(staffPage.url()).searchParams.get("date")).toBe("2020-01-02");
    await staffPage.getByRole("button", { name: "Spara närvaro" }).tap();
    await expect.poll(() => staffPage.getByText("Ny besökare med kod NYKOD42").count()).toBe(1);
    await expectNoAxeViolations(staffPage, "staff form asks about a new code (phone)");
    await screenshot(staffPage, "attendance-new-code-phone");
    const fieldset = staffPage.getByRole("group", { name: "Ny besökare med kod NYKOD42" });
    await fieldset.getByText("Vill inte uppge").tap();
    await fieldset.getByLabel("Program").selectOption({ label: "Inget program, eller vill inte säga" });
    await staffPage.getByRole("button", { name: "Spara närvaro" }).tap();
    await expect.poll(() => staffPage.getByRole("status").first().textContent()).toContain("varav 2 med deltagarkod");
    await expectNoAxeViolations(staffPage, "attendance saved with codes (phone)");
    await expectNoHorizontalScroll(staffPage);
    await staff.close();
    await tablet.close();
  });
});
