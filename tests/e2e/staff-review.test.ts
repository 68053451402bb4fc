import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  openPage,
  screenshot,
  setUpBrowser,
  signedInPage,
} from "../support/browser";

setUpBrowser();

/** Fixes from walking the staff side as its users: each test reads what a person sees. */
describe("the audit log reads in Swedish", () => {
  it("names a refused researcher's attempt in words, not codes, on a phone and a desktop", async () => {
    const researcher = await signedInPage("researcher@demo.local", DESKTOP);
    const refused = await researcher.page.goto("/staff/feedback");
    expect(refused?.status()).toBe(403);
    await researcher.context.close();

    for (const [viewport, name] of [
      [DESKTOP, "desktop"],
      [PHONE, "phone"],
    ] as const) {
      const { context, page } = await signedInPage("admin@demo.local", viewport);
      await openPage(page, "/staff/audit?actor=researcher%40demo.local", "Logg");
      const table = page.getByRole("table", { name: "Logg" });
      const refusal = table
        .getByRole("row")
        .filter({ hasText: "Nekad åtkomst" })
        .filter({ hasText: "/staff/feedback" });
      await expect.poll(() => refusal.count()).toBeGreaterThan(0);
      expect(await refusal.first().innerText()).toContain("sida /staff/feedback");
      const login = table.getByRole("row").filter({ hasText: "Inloggning" });
      await expect.poll(() => login.count()).toBeGreaterThan(0);
      expect(await login.first().innerText()).toContain("konto ");
      // No event code or record type in English left in the cells people read (the codes stay in a tooltip).
      const cells = await table.getByRole("cell").allInnerTexts();
      expect(cells.filter((c) => /^(access\.forbidden|login)$/.test(c.trim()))).toEqual([]);
      expect(cells.filter((c) => /^(path|staff) /.test(c.trim()))).toEqual([]);
      // The filter offers the same words, and filtering by one still works.
      const select = page.getByLabel("Händelse");
      expect(await select.locator("option", { hasText: "Nekad åtkomst" }).count()).toBeGreaterThan(0);
      expect(await select.locator("option", { hasText: "access.forbidden" }).count()).toBe(0);
      await select.selectOption({ label: "Nekad åtkomst" });
      await page.getByRole("button", { name: "Filtrera" }).click();
      await page.waitForURL((url) => url.searchParams.get("action") === "access.forbidden");
      await expect.poll(() => table.getByRole("row").filter({ hasText: "Inloggning" }).count()).toBe(0);
      if (viewport === DESKTOP) {
        // On a wide screen a time and an address stay on one line ("2026-11-" over "30 12:08" read as two values).
        const lines = await table
          .locator("time")
          .first()
          .evaluate((el) => el.getClientRects().length);
        expect(lines).toBe(1);
      }
      await expectNoAxeViolations(page, `audit log (${name})`);
      if (viewport === PHONE) await expectNoHorizontalScroll(page);
      await screenshot(page, `audit-log-${name}`);
      await context.close();
    }
  });
});

describe("a feedback item", () => {
  it("says who it is assigned to with 'Tilldelad', not the verb of the form below", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", DESKTOP);
    await openPage(page, "/staff/feedback", "Synpunkter");
    const assigned = page.getByRole("listitem").filter({ hasText: "Tilldelad:" }).first();
    await assigned.getByRole("link").first().click();
    await page.waitForURL(/\/staff\/feedback\/\d+$/);
    const facts = page.locator("dl").first();
    await expect.poll(() => facts.locator("dt").allInnerTexts()).toContain("Tilldelad");
    expect(await facts.locator("dt").allInnerTexts()).not.toContain("Tilldela");
    await context.close();
  });
});

describe("a survey round's responses per day", () => {
  it("draws each day's bar in proportion to its count (2 is two thirds of 3, not nearly as long)", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", PHONE);
    await openPage(page, "/staff/campaigns", "Enkäter");
    await page.getByRole("link", { name: "Brukarenkät – demo" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Brukarenkät – demo");
    const table = page.getByRole("table", { name: "Svar per dag" });
    const rows = table.getByRole("row");
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const widths = new Map<number, number>();
    for (const row of await rows.all()) {
      if ((await row.getByRole("cell").count()) === 0) continue; // the head row
      const count = Number((await row.getByRole("cell").last().innerText()).trim());
      const box = await row.locator("[aria-hidden=true]").boundingBox();
      if (box && count > 0) widths.set(count, box.width);
    }
    const counts = [...widths.keys()].sort((a, b) => a - b);
    expect(counts.length).toBeGreaterThanOrEqual(2);
    const [low, high] = [counts[0], counts[counts.length - 1]];
    expect(widths.get(low)! / widths.get(high)!).toBeCloseTo(low / high, 1);
    await context.close();
  });
});

describe("finalising a report", () => {
  it("is refused, in words and where the person is, while a section still says 'Beskriv här …'", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", PHONE);
    const heading = () => page.getByRole("heading", { level: 1 }).textContent();
    await openPage(page, "/staff/reports/new", "Ny uppföljningsrapport");
    await page.getByLabel("Rubrik").fill("Uppföljning våren 2026 (granskning)");
    await page.getByLabel("Från och med").fill("2026-01-01");
    await page.getByLabel("Till och med").fill("2026-06-30");
    await page.getByRole("button", { name: "Skriv utkast" }).click();
    await page.waitForURL(/\/staff\/reports\/\d+$/);
    await expect.poll(heading).toBe("Uppföljning våren 2026 (granskning)");
    const reportUrl = new URL(page.url()).pathname;
    const writeSection = async (section: string, text: string) => {
      await page.getByRole("link", { name: `Redigera – ${section}` }).click();
      await expect.poll(heading).toBe(`Redigera avsnittet ${section}`);
      await page.getByLabel("Text").fill(text);
      await page.getByRole("button", { name: "Spara" }).click();
      await page.waitForURL((url) => url.pathname === reportUrl);
      await expect.poll(() => page.getByRole("status").textContent()).toBe("Avsnittet är sparat.");
    };
    // Background written but the drafting's instruction left in (an earlier report's text may have been carried
    // over, so the instruction is put back here rather than assumed).
    await writeSection("Bakgrund", "Partnerskapet gäller 2026–2028. Beskriv här eventuella förändringar.");
    const note = page.getByRole("note").filter({ hasText: "Innan du fastställer rapporten" });
    await expect.poll(() => note.textContent()).toContain("”Bakgrund”");
    await page.getByLabel("Jag har läst igenom rapporten och vill fastställa den").check();
    await page.getByRole("button", { name: "Fastställ rapporten" }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Rapporten kan inte fastställas ännu");
    expect(await alert.textContent()).toContain("”Bakgrund”");
    // The message is where the person is (the button is far below it on a phone): focus moved to it.
    await expect.poll(() => alert.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByText("Utkast", { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, "report refused to finalise (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "report-unfinished-phone");

    await writeSection("Bakgrund", "Partnerskapet gäller 1 januari 2026 – 31 december 2028.");
    if ((await note.count()) > 0)
      await writeSection("Ledning och samverkan inom partnerskapet", "Styrgruppen har sammanträtt två gånger.");
    expect(await note.count()).toBe(0);
    await page.getByLabel("Jag har läst igenom rapporten och vill fastställa den").check();
    await page.getByRole("button", { name: "Fastställ rapporten" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Rapporten är fastställd.");
    // Said once: the notice under it says what finalising means, not the same sentence again.
    expect(await page.getByText(/Rapporten är fastställd\./).count()).toBe(1);
    await context.close();
  });
});

describe("plain, consistent words on the staff pages", () => {
  it("names the merged gender category as the report does, and says plainly what a setting is", async () => {
    const coordinator = await signedInPage("coordinator@demo.local", DESKTOP);
    await openPage(coordinator.page, "/staff/attendance/stats", "Statistik över närvaro");
    const months = coordinator.page.getByRole("table", { name: "Besök per månad" });
    expect(await months.getByRole("columnheader").allInnerTexts()).toContain("Annan eller ej angivet");
    const persons = coordinator.page.getByRole("table", { name: "Personer per kön" });
    expect(await persons.getByRole("columnheader").allInnerTexts()).toContain("Annan eller ej angivet");
    expect(await coordinator.page.getByText(/Annan (eller|\/) vill inte uppge/).count()).toBe(0);
    await openPage(coordinator.page, "/staff/campaigns", "Enkäter");
    await coordinator.page.getByRole("link", { name: "Brukarenkät – demo" }).click();
    await expect.poll(() => coordinator.page.locator("dt").allInnerTexts()).toContain("Anonymitet");
    await coordinator.context.close();

    const admin = await signedInPage("admin@demo.local", PHONE);
    await openPage(admin.page, "/staff/programs", "Program");
    await expect.poll(() => admin.page.getByText(/\d+ uppgifter om antal inskrivna/).count()).toBeGreaterThan(0);
    expect(await admin.page.getByText(/siffr(a|or) över inskrivna/).count()).toBe(0);
    await admin.context.close();

    const researcher = await signedInPage("researcher@demo.local", PHONE);
    await openPage(researcher.page, "/staff/exports", "Forskningsexport");
    await expect.poll(() => researcher.page.getByText("Fritext tas bara med om du kryssar i rutan.").count()).toBe(1);
    expect(await researcher.page.getByText("Av från början.").count()).toBe(0);
    await researcher.context.close();
  });
});
