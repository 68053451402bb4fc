import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  screenshot,
  signedInPage,
} from "../support/browser";

setUpBrowser();

describe("attendance on a phone", () => {
  it("a coordinator registers attendance in at most eight taps and sees it in the statistics", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", PHONE);
    expect(new URL(page.url()).pathname).toBe("/staff");

    let taps = 0;
    const tap = async (locator: Locator) => {
      taps += 1;
      await locator.tap();
    };

    // On a phone the start page's own link is one tap; the staff menu is folded behind "Meny".
    await tap(page.getByRole("main").getByRole("link", { name: "Närvaro", exact: true }));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Registrera närvaro");
    // Today's scheduled activities come first; the first choice is the usual one.
    const first = page.locator("label.choice--card").first();
    const activityName = ((await first.textContent()) ?? "")
      .replace(/\d\d:\d\d.*$/, "")
      .split(" (")[0]
      .trim();
    await tap(first);
    const moreWomen = page.getByRole("button", { name: "Öka Kvinnor" });
    const moreMen = page.getByRole("button", { name: "Öka Män", exact: true });
    await tap(moreWomen);
    await tap(moreWomen);
    await tap(moreMen);
    await tap(moreMen);
    await tap(moreMen);
    expect(await page.getByRole("spinbutton", { name: "Kvinnor" }).inputValue()).toBe("2");
    expect(await page.getByRole("spinbutton", { name: "Män", exact: true }).inputValue()).toBe("3");
    await screenshot(page, "attendance-register-phone");
    await expectNoAxeViolations(page, "register attendance (phone)");
    await expectNoHorizontalScroll(page);
    await tap(page.getByRole("button", { name: "Spara närvaro" }));
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("5 deltagare");
    expect(taps).toBeLessThanOrEqual(8);
    expect(await page.getByRole("status").first().textContent()).toContain(activityName);
    await expectNoAxeViolations(page, "attendance saved (phone)");
    await screenshot(page, "attendance-saved-phone");

    // A second registration of the same activity and day is refused with a way to correct the first.
    await page.locator("label.choice--card").first().tap();
    await page.getByRole("button", { name: "Öka Män", exact: true }).tap();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Spara närvaro" }).tap(),
    ]);
    expect(response.status()).toBe(409);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("redan registrerad");
    await expectNoAxeViolations(page, "duplicate refused (phone)");
    await page.getByRole("link", { name: "Rätta den registreringen" }).tap();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Rätta närvaro");
    expect(await page.getByRole("spinbutton", { name: "Män", exact: true }).inputValue()).toBe("3");
    await expectNoAxeViolations(page, "correct attendance (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "attendance-correct-phone");

    // The day's statistics show the registration.
    await page.goBack();
    await page.goBack();
    await page.getByRole("link", { name: "Se statistik för dagen" }).tap();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Statistik över närvaro");
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("5 besök vid 1 registreringar");
    const activityRow = page
      .getByRole("table", { name: "Per aktivitet" })
      .getByRole("row", { name: new RegExp(activityName) });
    // The row total comes first on a phone, then women.
    expect(await activityRow.locator("td").first().textContent()).toContain("5");
    expect(await activityRow.locator("td").nth(1).textContent()).toContain("2");
    // Two women, three men: both under five, so both are marked as hidden in print.
    expect(await activityRow.locator('td[data-status="small"]').count()).toBe(2);
    await page.waitForSelector("canvas");
    await expectNoAxeViolations(page, "statistics (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "attendance-stats-day-phone");
    await context.close();
  });

  it("works without JavaScript: plain number fields and a normal form post", async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
      baseURL: (await import("../support/browser")).baseUrl(),
      locale: "sv-SE",
    });
    const page = await context.newPage();
    await page.goto("/staff/login");
    await page.getByLabel("E-post").fill("cm@demo.local");
    await page.getByLabel("Lösenord").fill("demo-password");
    await Promise.all([page.waitForURL(/\/staff$/), page.getByRole("button", { name: "Logga in" }).click()]);
    await page.goto("/staff/attendance");
    expect(await page.getByRole("button", { name: "Öka Kvinnor" }).count()).toBe(0);
    await page.getByLabel("Drop-in (besök utan aktivitet)").check();
    await page.getByLabel("Kvinnor").fill("1");
    await page.getByLabel("Män", { exact: true }).fill("250");
    await page.getByRole("button", { name: "Spara närvaro" }).click();
    // The state after the form's round trip without scripts: the answer page names the field's problem.
    await expect.poll(() => page.getByText("Högst 200 deltagare").count()).toBe(1);
    expect(await page.getByRole("alert").first().textContent()).toContain("Rätta det som är markerat");
    await context.close();
  });
});

describe("attendance pages on a desktop", () => {
  async function visit(page: Page, path: string, heading: string, shot: string) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
    expect(await page.locator("h1").count()).toBe(1);
    await expectNoAxeViolations(page, path);
    await screenshot(page, shot);
  }

  it("statistics for 2025 show the demo year's level and pass axe", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", DESKTOP);
    await visit(
      page,
      "/staff/attendance/stats?from=2025-01-01&to=2025-12-31",
      "Statistik över närvaro",
      "attendance-stats-2025-desktop",
    );
    const summary = (await page.getByRole("status").first().textContent()) ?? "";
    const visits = Number(summary.match(/(\d+) besök/)![1]);
    // About 140 visits a month in 2025 (seed 002).
    expect(visits / 12).toBeGreaterThan(110);
    expect(visits / 12).toBeLessThan(170);
    await page.waitForSelector("canvas");
    expect(await page.locator("canvas").count()).toBeGreaterThanOrEqual(7);
    expect(await page.getByRole("table", { name: "Räckvidd jämfört med inskrivna" }).count()).toBe(1);
    // Print applies the small-count rule.
    await page.emulateMedia({ media: "print" });
    const printed = await page.getByRole("table", { name: "Fördelning på kön" }).innerText();
    expect(printed).toMatch(/\d/);
    await page.emulateMedia({ media: "screen" });
    await context.close();
  });

  it("catalogue, correction, enrolment and import pages pass axe", async () => {
    const { context, page } = await signedInPage("admin@demo.local", DESKTOP);
    await visit(page, "/staff/activities", "Aktiviteter", "activities-desktop");
    await page.getByRole("link", { name: "Sygrupp" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ändra Sygrupp");
    await expectNoAxeViolations(page, "edit activity");
    await screenshot(page, "activity-edit-desktop");
    await visit(page, "/staff/activities/new", "Ny aktivitet", "activity-new-desktop");
    await visit(page, "/staff/attendance/enrolment", "Inskrivna per program", "enrolment-desktop");
    expect(await page.getByRole("cell", { name: "2023-12-31" }).count()).toBe(1);
    await visit(page, "/staff/attendance/import", "Importera tidigare närvaro", "import-desktop");
    await page.getByLabel("CSV-fil").setInputFiles({
      name: "fel.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("2023-10-02;Sygrupp;2;3;0;0\n2023-10-03;Okänd grupp;1;1;0;0\n"),
    });
    await page.getByRole("button", { name: "Granska filen" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Inget är importerat");
    expect(await page.getByRole("cell", { name: /Okänd aktivitet: ”Okänd grupp”/ }).count()).toBe(1);
    await expectNoAxeViolations(page, "import errors");
    await screenshot(page, "import-errors-desktop");
    await context.close();
  });

  it("catalogue and statistics work on a phone without sideways scrolling", async () => {
    const { context, page } = await signedInPage("cm@demo.local", PHONE);
    for (const [path, heading, shot] of [
      ["/staff/activities", "Aktiviteter", "activities-phone"],
      [
        "/staff/attendance/stats?from=2023-09-01&to=2023-12-31",
        "Statistik över närvaro",
        "attendance-stats-2023-phone",
      ],
    ]) {
      await visit(page, path, heading, shot);
      await expectNoHorizontalScroll(page);
    }
    const summary = (await page.getByRole("status").first().textContent()) ?? "";
    const visits = Number(summary.match(/(\d+) besök/)![1]);
    // About 40 a month in autumn 2023.
    expect(visits / 4).toBeGreaterThan(30);
    expect(visits / 4).toBeLessThan(55);
    expect(
      await page
        .getByText(/till \d+ deltagare per dag/)
        .first()
        .textContent(),
    ).toMatch(/^2 till 6 deltagare per dag/);
    // Staff see exact counts on screen; print applies the small-count rule to the same table.
    const monthTable = page.getByRole("table", { name: "Besök per månad" });
    expect(await monthTable.innerText()).not.toContain("färre än 5");
    await page.emulateMedia({ media: "print" });
    const printed = await monthTable.innerText();
    expect(printed).toContain("färre än 5");
    expect(printed).toContain("dolt");
    expect(await page.locator("canvas:visible").count()).toBe(0);
    await screenshot(page, "attendance-stats-2023-print");
    await context.close();
  });
});
