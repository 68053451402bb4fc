import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  login,
  newContext,
  screenshot,
} from "../support/browser";
import { setUpOwnServer } from "../support/start-server";

setUpBrowser();
// An import adds a closed brukarenkät wave that every page listing waves would show: a server of its own keeps it
// out of the other files' figures.
const server = setUpOwnServer();
const DESKTOP = { width: 1280, height: 800 };

/**
 * Seven people as Swedish Excel saves a CSV: byte-order mark, semicolons, labels and codes mixed, several choices in
 * one cell, participant codes, and one column the survey does not have. `run` makes the file (and its hash) new for
 * every attempt, so a retried test does not meet its own earlier import.
 */
const goodFile = (run: string) =>
  "\uFEFFgender;program;visits;activities;support_daytime;satisfaction;wishes;deltagarkod;körning\r\n" +
  `Kvinna;bostad_forst;Varje vecka;Sygrupp|matlagning;Ja;4;Mer yoga;AN07LU;${run}\r\n` +
  `man;fot;aldrig;sygrupp;nej;5;;;${run}\r\n` +
  `Man;Vet inte;Någon gång i månaden;;Ja;3;"Längre, öppettider";BE11ST;${run}\r\n` +
  `kvinna;bostad_forst;varje_vecka;peer_support;ja;2;;;${run}\r\n` +
  `Vill inte svara;fot;sallan;;vet_inte;;;;${run}\r\n` +
  `kvinna;fot;varje_vecka;;ja;1;;;${run}\r\n` +
  `man;bostad_forst;varje_vecka;;nej;4;;;${run}\r\n`;

/** Three rows with something wrong in each: an unknown answer, a value off the scale, a formula and a bad code. */
const BAD_FILE =
  "gender,visits,satisfaction,wishes,deltagarkod\n" +
  "Kvinnor,varje_vecka,4,,\n" +
  'man,aldrig,9,"=HYPERLINK(""http://evil"")",\n' +
  "man,sallan,3,,x!\n";

async function openImportPage(page: Page) {
  // From the demo wave's own page, as a coordinator finds it.
  await page.goto("/staff/campaigns");
  await page
    .getByRole("link", { name: /Brukarenkät – demo/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Importera en tidigare omgång av den här enkäten" }).click();
  await page.waitForURL(/\/staff\/campaigns\/import\?from=\d+/);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Importera en tidigare omgång");
}

async function fillWave(page: Page, title: string, file: { name: string; text: string }) {
  await page.getByLabel("Namn på omgången").fill(title);
  await page.getByLabel("Första dag").fill("2023-04-01");
  await page.getByLabel("Sista dag").fill("2023-04-30");
  await page.getByLabel("CSV-fil (högst 2 MB)").setInputFiles({
    name: file.name,
    mimeType: "text/csv",
    buffer: Buffer.from(file.text, "utf8"),
  });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
}

describe("importing an earlier wave from a CSV file", () => {
  it("previews a good file, imports it as a closed wave, and refuses the same file again (desktop)", async () => {
    const context = await newContext(browser, DESKTOP, { baseURL: server.baseUrl });
    const page = await context.newPage();
    await login(page, "coordinator@demo.local");
    await openImportPage(page);
    // The survey comes from the wave the page was opened from.
    expect(await page.getByLabel("Enkät").inputValue()).toBe("brukarenkat");
    await expectNoAxeViolations(page, "wave import (desktop)");

    const run = String(Date.now());
    const title = `Brukarenkät 2023 (${run})`;
    const file = { name: "brukarenkat-2023.csv", text: goodFile(run) };
    await fillWave(page, title, file);
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toBe("Filen går att importera: 7 svar blir en ny, avslutad omgång.");
    const preview = page.getByRole("region", { name: "Det här finns i filen" });
    expect(await preview.textContent()).toContain("7 rader. 7 kolumner hittades bland enkätens frågor.");
    expect(await preview.textContent()).toContain("Dessa kolumner finns inte i enkäten och importeras inte: körning.");
    expect(await preview.textContent()).toContain(
      "Kolumnen ”deltagarkod” läses som deltagarkod: 2 personer har en kod",
    );
    await expectNoAxeViolations(page, "wave import preview (desktop)");
    await screenshot(page, "wave-import-preview-desktop");

    await page.getByRole("button", { name: "Importera 7 svar" }).click();
    await page.waitForURL(/\/staff\/campaigns\/\d+\?importerade=7$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(title);
    await expect
      .poll(() => page.getByText(/Omgången är importerad från filen ”brukarenkat-2023\.csv” \(7 svar, /).count())
      .toBe(1);
    await expectNoAxeViolations(page, "imported wave (desktop)");
    const wavePath = new URL(page.url()).pathname;

    // The wave is there to compare with: a choice on the outcome page, with its seven answers.
    await page.goto("/staff/outcomes");
    await expect
      .poll(() => page.getByRole("checkbox", { name: new RegExp(title.replace(/[()]/g, "\\$&")) }).count())
      .toBe(1);

    // The same file again, even under another name and title: refused, with a link to the wave it already is.
    await openImportPage(page);
    await fillWave(page, `Igen ${run}`, { ...file, name: "kopia.csv" });
    const refusal = page.getByRole("alert").filter({ hasText: "Den här filen är redan importerad" });
    await expect.poll(() => refusal.textContent()).toContain(`som omgången ”${title}”`);
    expect(await refusal.getByRole("link", { name: title }).getAttribute("href")).toBe(wavePath);
    expect(await page.getByRole("button", { name: /^Importera \d+ svar$/ }).count()).toBe(0);
    await expectNoAxeViolations(page, "wave import refused (desktop)");
    await page.goto("/staff/campaigns");
    await expect.poll(() => page.getByRole("link", { name: `Igen ${run}` }).count()).toBe(0);
    await context.close();
  });

  it("lists a bad file's problems by line and column in Swedish and imports nothing (phone)", async () => {
    const context = await newContext(browser, PHONE, { baseURL: server.baseUrl });
    const page = await context.newPage();
    await login(page, "coordinator@demo.local");
    await openImportPage(page);
    await expectNoAxeViolations(page, "wave import (phone)");
    await expectNoHorizontalScroll(page);

    const title = `Felaktig omgång ${Date.now()}`;
    await fillWave(page, title, { name: "fel.csv", text: BAD_FILE });
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(/^Filen importeras inte: \d+ saker behöver rättas först\. Inget har sparats\.$/);
    const problems = page.getByRole("table", { name: /Filen importeras inte/ });
    const rows = (await problems.getByRole("row").allTextContents()).slice(1);
    const has = (line: number, column: string, text: string) =>
      expect(rows.some((r) => r.includes(String(line)) && r.includes(column) && r.includes(text))).toBe(true);
    has(2, "gender", "”Kvinnor” finns inte bland svaren. Möjliga svar: kvinna (Kvinna)");
    has(3, "satisfaction", "”9” finns inte bland svaren");
    has(3, "wishes", "kalkylformel");
    has(4, "deltagarkod", "Deltagarkoden ska vara 4 till 20 bokstäver eller siffror.");
    // The row, column and problem of each line are read out together: each cell carries its column's name.
    const first = problems.getByRole("row").nth(1).getByRole("cell");
    expect(await first.nth(0).getAttribute("data-label")).toBe("Rad");
    expect(await page.getByRole("button", { name: /^Importera \d+ svar$/ }).count()).toBe(0);
    // What was typed stays, so the person only has to choose a corrected file.
    expect(await page.getByLabel("Namn på omgången").inputValue()).toBe(title);
    await expectNoAxeViolations(page, "wave import with problems (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "wave-import-problems-phone");

    await page.goto("/staff/campaigns");
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);
    await context.close();
  });
});
