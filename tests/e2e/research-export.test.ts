import { describe, expect, it } from "vitest";
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
import { listZipEntries, readZipEntry } from "../support/zip";

const LAPTOP = { width: 1280, height: 800 };
setUpBrowser();

describe("research export", () => {
  it("a researcher previews, creates and downloads an export; bad input gets a plain message", async () => {
    const context = await newContext(browser, LAPTOP);
    const page = await context.newPage();
    await login(page, "researcher@demo.local");
    await page.goto("/staff/exports");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Forskningsexport");
    expect(await page.title()).toBe("Forskningsexport – Deltagarröst");
    await expectNoAxeViolations(page, "export page");

    // k below 5 is refused with a message above the form that the field points to; nothing is made.
    await page.getByRole("checkbox", { name: /Brukarenkät 2025/ }).check();
    await page.getByLabel("k (minsta gruppstorlek)").fill("3");
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toBe("k kan inte vara mindre än 5.");
    const kField = page.getByLabel("k (minsta gruppstorlek)");
    expect(await kField.getAttribute("aria-invalid")).toBe("true");
    expect(await kField.evaluate((el) => el.getAttribute("aria-describedby")?.split(" "))).toContain(
      await page.getByRole("alert").first().getAttribute("id"),
    );
    expect(await page.getByRole("checkbox", { name: /Brukarenkät 2025/ }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, "export page with an error");

    // Preview: counts before anything is produced; free text is off by default.
    expect(await page.getByRole("checkbox", { name: "Ta med fritext (maskerad)" }).isChecked()).toBe(false);
    await page.getByLabel("k (minsta gruppstorlek)").fill("5");
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Förhandsgranskning" }).count()).toBe(1);
    const status = await page.getByRole("status").filter({ hasText: "svar och" }).innerText();
    expect(status).toMatch(/^\d+ svar och \d+ variabler exporteras\./);
    expect(await page.getByText("Ingenting har skapats ännu.").count()).toBe(1);
    await expectNoAxeViolations(page, "export preview");
    await screenshot(page, "export-preview-desktop");

    // Create: the detail page shows the export being made, then ready, with its checksum and the download.
    await page.getByRole("button", { name: "Skapa export" }).click();
    await page.waitForURL(/\/staff\/exports\/\d+$/);
    const exportId = page.url().split("/").pop();
    await expect.poll(() => page.title()).toBe(`Export ${exportId} – Deltagarröst`);
    await expect.poll(() => page.getByText("Exporten är klar.").count()).toBe(1);
    // The checksum, found by what a person reads: 64 hex digits.
    const checksum = (await page.getByText(/^[0-9a-f]{64}$/).innerText()).trim();
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    await expectNoAxeViolations(page, "export detail");
    await screenshot(page, "export-detail-desktop");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Ladda ner ZIP" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^forskningsexport-\d+\.zip$/);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const zip = Buffer.concat(chunks);
    expect(listZipEntries(zip)).toContain("LÄS_MIG.txt");
    expect(listZipEntries(zip)).toContain("data_sv.csv");
    const manifest = JSON.parse(readZipEntry(zip, "manifest.json")!);
    expect(manifest.k).toBe(5);
    expect(manifest.filters.freeText).toBe(false);

    // The list shows it, with the download for its creator.
    await page.getByRole("link", { name: "Tillbaka till exporterna" }).click();
    await page.waitForURL(/\/staff\/exports$/);
    await expect
      .poll(() => page.getByRole("link", { name: /Ladda ner ZIP för export \d+/ }).count())
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page, "export list");

    // The page titles follow the chosen language.
    await context.addCookies([{ name: "lang", value: "en", url: page.url() }]);
    await page.goto("/staff/exports/new");
    expect(await page.title()).toBe("Create a research export – Deltagarröst");
    await page.goto("/staff/exports");
    expect(await page.title()).toBe("Research export – Deltagarröst");
    await context.close();
  });

  it("fits a phone, and a case manager is kept out", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await login(page, "researcher@demo.local");
    await page.goto("/staff/exports");
    await expect.poll(() => page.getByRole("button", { name: "Skapa export" }).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, "export page on a phone");
    await screenshot(page, "export-phone");
    await context.close();

    const cmContext = await newContext(browser, PHONE);
    const cm = await cmContext.newPage();
    await login(cm, "cm@demo.local");
    const response = await cm.goto("/staff/exports");
    expect(response?.status()).toBe(403);
    await cmContext.close();
  });
});
