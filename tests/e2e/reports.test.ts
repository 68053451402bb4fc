import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  setUpBrowser,
  screenshot,
  signedInPage,
} from "../support/browser";

setUpBrowser();

async function heading(page: Page): Promise<string> {
  return (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
}

/** The whole life of a report as a coordinator lives it: create, edit a section, regenerate, finalise, download. */
async function reportFlow(viewport: typeof PHONE | typeof DESKTOP, name: string) {
  const { context, page } = await signedInPage("coordinator@demo.local", viewport);
  const menu = page.getByRole("navigation", { name: "Personalsidor" });
  // On a phone the staff menu is folded behind "Meny".
  if (viewport === PHONE) await menu.getByText("Meny", { exact: true }).click();
  await menu.getByRole("link", { name: "Rapporter" }).click();
  await expect.poll(() => heading(page)).toBe("Uppföljningsrapporter");
  await expectNoAxeViolations(page, `report list (${name})`);
  await page.getByRole("link", { name: "Ny rapport" }).click();
  await expect.poll(() => heading(page)).toBe("Ny uppföljningsrapport");

  // A period that ends before it starts is refused with a Swedish message, and nothing is lost.
  const title = `Uppföljning 2025 (${name})`;
  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Från och med").fill("2025-12-31");
  await page.getByLabel("Till och med").fill("2025-01-01");
  await page.getByRole("button", { name: "Skriv utkast" }).click();
  await expect
    .poll(() => page.getByText("Perioden måste sluta samma dag som den börjar eller senare.").count())
    .toBe(1);
  expect(await page.getByLabel("Rubrik").inputValue()).toBe(title);
  await expectNoAxeViolations(page, `new report with an error (${name})`);

  await page.getByLabel("Från och med").fill("2025-01-01");
  await page.getByLabel("Till och med").fill("2025-12-31");
  await page.getByRole("button", { name: "Skriv utkast" }).click();
  await page.waitForURL(/\/staff\/reports\/\d+$/);
  await expect.poll(() => heading(page)).toBe(title);
  const reportUrl = new URL(page.url()).pathname;
  await expect.poll(() => page.getByRole("heading", { name: "Besök och räckvidd" }).count()).toBe(1);
  expect(await page.getByRole("region", { name: "Öppen verksamhet" }).textContent()).toContain("deltagare per dag");
  // Every figure says where it comes from.
  const sources = page.getByRole("region", { name: "Besök och räckvidd" }).getByText(/^Källor \(\d+\)$/);
  await sources.click();
  expect(await page.getByRole("region", { name: "Besök och räckvidd" }).textContent()).toContain("Urval:");
  const chart = page.getByRole("img", { name: /Stapeldiagram över besök per månad/ });
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
  await screenshot(page, `report-draft-${name}`);
  await expectNoAxeViolations(page, `report draft (${name})`);
  await expectNoHorizontalScroll(page);

  // Edit a section.
  await page.getByRole("link", { name: "Redigera – Utvecklingsområden" }).click();
  await expect.poll(() => heading(page)).toBe("Redigera avsnittet Utvecklingsområden");
  await expectNoAxeViolations(page, `edit section (${name})`);
  await expectNoHorizontalScroll(page);
  await page
    .getByLabel("Text")
    .fill("Under 2026 är fokus att nå fler deltagare.\n\n– Uppsökande arbete med case managers");
  await page.getByRole("button", { name: "Spara" }).click();
  await page.waitForURL((url) => url.pathname === reportUrl);
  await expect.poll(() => page.getByRole("status").textContent()).toBe("Avsnittet är sparat.");
  const development = page.getByRole("region", { name: "Utvecklingsområden" });
  expect(await development.textContent()).toContain("Under 2026 är fokus att nå fler deltagare.");
  expect(await development.getByRole("listitem").first().textContent()).toBe("Uppsökande arbete med case managers");

  // Regenerate: the edit stays.
  await page.getByRole("button", { name: "Hämta siffrorna på nytt" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Siffrorna är hämtade på nytt/);
  expect(await page.getByRole("region", { name: "Utvecklingsområden" }).textContent()).toContain(
    "Under 2026 är fokus att nå fler deltagare.",
  );

  // The drafting leaves an instruction ("Beskriv här …") where only the coordinator knows the facts: finalising is
  // refused, in words, until those sections are written. (A report made after one where they were written starts
  // from that text instead: then there is nothing to write.)
  const stillToWrite = page.getByRole("note").filter({ hasText: "Innan du fastställer rapporten" });
  const pending = (await stillToWrite.count()) > 0 ? ((await stillToWrite.textContent()) ?? "") : "";
  let written = 0;
  if (pending) {
    await page.getByLabel("Jag har läst igenom rapporten och vill fastställa den").check();
    await page.getByRole("button", { name: "Fastställ rapporten" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Rapporten kan inte fastställas ännu");
    for (const [section, text] of [
      ["Bakgrund", "Partnerskapet gäller 1 januari 2025 – 31 december 2027."],
      ["Ledning och samverkan inom partnerskapet", "Styrgruppen har sammanträtt två gånger under året."],
    ]) {
      if (!pending.includes(`”${section}”`)) continue;
      await page.getByRole("link", { name: `Redigera – ${section}` }).click();
      await expect.poll(() => heading(page)).toBe(`Redigera avsnittet ${section}`);
      await page.getByLabel("Text").fill(text);
      await page.getByRole("button", { name: "Spara" }).click();
      await page.waitForURL((url) => url.pathname === reportUrl);
      await expect.poll(() => page.getByRole("status").textContent()).toBe("Avsnittet är sparat.");
      written += 1;
    }
  }
  expect(await stillToWrite.count()).toBe(0);

  // Finalising needs the confirmation, then locks the report.
  await page.getByLabel("Jag har läst igenom rapporten och vill fastställa den").check();
  await page.getByRole("button", { name: "Fastställ rapporten" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toBe("Rapporten är fastställd.");
  expect(await page.getByRole("link", { name: /^Redigera/ }).count()).toBe(0);
  await screenshot(page, `report-final-${name}`);
  await expectNoAxeViolations(page, `finalised report (${name})`);

  // The Word file.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner Word-fil (DOCX)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("uppfoljning-2025-01-01-2025-12-31.docx");
  const file = await download.path();
  expect(file).toBeTruthy();

  // The print view and the versions.
  await page.getByRole("link", { name: "Utskriftsvänlig version (A4)" }).click();
  await expect.poll(() => heading(page)).toBe(title);
  await expect.poll(() => page.getByRole("heading", { name: "Siffrornas källor" }).count()).toBe(1);
  await expectNoAxeViolations(page, `print view (${name})`);
  await page.goto(`${reportUrl}/versions`);
  await expect.poll(() => heading(page)).toBe("Versioner av rapporten");
  expect(await page.getByRole("row").count()).toBe(5 + written);
  await expectNoAxeViolations(page, `versions (${name})`);
  await expectNoHorizontalScroll(page);
  await context.close();
}

describe("follow-up reports", () => {
  it("a coordinator writes, edits, regenerates, finalises and downloads a report on a desktop", async () => {
    await reportFlow(DESKTOP, "desktop");
  });

  it("the same on a phone", async () => {
    await reportFlow(PHONE, "phone");
  });

  it("is closed to a case manager", async () => {
    const { context, page } = await signedInPage("cm@demo.local", PHONE);
    const response = await page.goto("/staff/reports");
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
