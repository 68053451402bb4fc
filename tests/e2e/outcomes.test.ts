import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  login,
  newContext,
  screenshot,
} from "../support/browser";

// The shared demo server: other files add answers to the open wave (DEMO) and the activity survey (YOGA), so the
// figures are asserted by their form, not their values, and the waves are chosen by name.
setUpBrowser();

/** Ticks exactly the waves named (and no other survey's), as a person does in the form. */
async function chooseWaves(page: Page, waves: RegExp[]) {
  const boxes = page.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const name = (await box.evaluate((el) => el.closest("label")?.textContent ?? "")) || "";
    const wanted = waves.some((w) => w.test(name));
    if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
  }
}

describe("the outcome page", () => {
  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", { width: 1280, height: 800 }],
  ] as const) {
    it(`shows the demo waves' figures in words, charts and tables (${name})`, async () => {
      const context = await newContext(browser, viewport === PHONE ? PHONE : { ...DESKTOP, ...viewport });
      const page = await context.newPage();
      await login(page, "researcher@demo.local");
      await page.getByRole("link", { name: "Resultat" }).first().click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Resultat av enkäterna");
      // The brukarenkät's three waves (the default unless another survey has had more answers since).
      await chooseWaves(page, [/Brukarenkät 2024/, /Brukarenkät 2025/, /Brukarenkät – demo/]);
      await page.getByRole("button", { name: "Visa" }).click();
      await page.waitForURL(/campaign=.*campaign=.*campaign=/);
      // Every wave's box is drawn the same size, however long its label (a wrapping one used to shrink).
      const widths = await page
        .getByRole("checkbox")
        .evaluateAll((boxes) => boxes.map((b) => Math.round(b.getBoundingClientRect().width)));
      expect(new Set(widths).size, widths.join(" ")).toBe(1);
      // The page says in words why a figure is hidden.
      const why = page.getByRole("region", { name: "Varför vissa siffror inte visas" });
      await expect.poll(() => why.textContent()).toContain("”dolt”: siffran döljs för att en grupp med färre än 5");
      // The support need reads as a sentence with its counts.
      const daytime = page.getByRole("region", { name: "Behöver stöd med något att göra på dagarna", exact: true });
      await expect
        .poll(() => daytime.locator(".outcome__figure").textContent())
        .toMatch(/\d+ procent \(\d+ av \d+\) behöver mer stöd med något att göra på dagarna/);
      await expect.poll(() => daytime.locator(".outcome__change").first().textContent()).toMatch(/sedan Brukarenkät/);
      // The chart is drawn, and its figures are in the table beside it.
      await daytime.getByRole("img").first().waitFor();
      expect(await daytime.getByRole("table").getByRole("row").count()).toBeGreaterThan(2);
      await expectNoAxeViolations(page, `outcomes (${name})`);
      if (viewport === PHONE) await expectNoHorizontalScroll(page);
      await screenshot(page, `outcomes-${name}`);
      await context.close();
    });
  }

  it("splits by gender, hides small groups as 'färre än 5', and the CSV says the same", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await login(page, "coordinator@demo.local");
    await page.goto("/staff/outcomes");
    await chooseWaves(page, [/Brukarenkät 2024/, /Brukarenkät 2025/]);
    await page.getByLabel("Dela upp efter").selectOption("gender");
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL(/by=gender/);
    const ucla = page.getByRole("region", { name: "Ensamhet (UCLA-3)", exact: true });
    await expect.poll(() => ucla.getByRole("table").textContent()).toContain("Kvinna");
    expect(await page.getByText("färre än 5").count()).toBeGreaterThan(0);
    // Paired change: the same people's codes in 2024 and 2025.
    await expect.poll(() => ucla.textContent()).toMatch(/Samma personer i båda omgångarna \(\d+ par\)/);
    await expectNoAxeViolations(page, "outcomes by gender");
    await expectNoHorizontalScroll(page);
    const href = await page.getByRole("link", { name: "Ladda ner som CSV (Excel)" }).getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("Mått;Omgång;Grupp");
    expect(text).toContain("färre än 5");
    await context.close();
  });

  it("answers a bad query with a Swedish message, and a facilitator is refused", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await login(page, "cm@demo.local");
    const bad = await page.goto("/staff/outcomes?campaign=999999");
    expect(bad?.status()).toBe(404);
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/Omgången finns inte/);
    await expectNoAxeViolations(page, "outcomes error");
    await context.close();
    const other = await newContext(browser, PHONE);
    const p2 = await other.newPage();
    await login(p2, "facilitator@demo.local");
    expect((await p2.goto("/staff/outcomes"))?.status()).toBe(403);
    await other.close();
  });
});
