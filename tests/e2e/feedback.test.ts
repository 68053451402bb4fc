import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  hydrated,
  setUpBrowser,
  newContext,
  screenshot,
  signedInPage,
} from "../support/browser";
import { countLine, expectNoNegativeCount, typePastTheLimitAndBack } from "../support/character-count";

setUpBrowser();

const section = (page: Page, heading: string) =>
  page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });

describe("feedback from a phone to an approved quote", () => {
  it("goes from /tyck-till to a case manager's inbox redacted, gets a theme, a flag and a quote", async () => {
    const marker = `Mobil${Date.now().toString(36)}`;
    const participant = await newContext(browser, PHONE);
    const phone = await participant.newPage();
    await phone.goto("/tyck-till");
    expect(await phone.getByRole("heading", { level: 1 }).textContent()).toBe("Tyck till");
    await expectNoAxeViolations(phone, "tyck-till (phone)");
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, "tyck-till-phone");

    // empty text is refused plainly, and what was chosen stays
    await phone.getByLabel("Bostad Först").check();
    await phone.getByRole("button", { name: "Skicka" }).click();
    await expect.poll(() => phone.getByRole("alert").textContent()).toContain("Du har inte skrivit något");
    expect(await phone.getByLabel("Bostad Först").isChecked()).toBe(true);
    await expectNoAxeViolations(phone, "tyck-till error");
    await screenshot(phone, "tyck-till-error-phone");

    await phone
      .getByLabel("Vad vill du säga?")
      .fill(`${marker}: mer kaffe på morgonen! Ring mig på 070-987 65 43. <b>tack</b>`);
    await phone.getByLabel("Handlar det om en aktivitet?").selectOption({ label: "Yoga" });
    await phone.getByLabel("Ni får använda det jag skriver som citat. Utan mitt namn.").check();
    await phone.getByRole("button", { name: "Skicka" }).click();
    await expect.poll(() => phone.getByRole("heading", { level: 1 }).textContent()).toBe("Tack!");
    await expectNoAxeViolations(phone, "tyck-till thanks");
    await screenshot(phone, "tyck-till-thanks-phone");
    await participant.close();

    const { context: staff, page } = await signedInPage("cm@demo.local", PHONE);
    await page.goto("/staff/feedback");
    await expectNoAxeViolations(page, "inbox (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "inbox-phone");
    // the flagged demo items come first
    expect(await page.locator("li.fb-item").first().getAttribute("class")).toContain("fb-item--flagged");
    const card = page.locator("li.fb-item", { hasText: marker });
    expect(await card.count()).toBe(1);
    const cardText = (await card.textContent()) ?? "";
    expect(cardText).toContain("[telefon]");
    expect(cardText).not.toContain("070-987");
    expect(cardText).toContain("<b>tack</b>");

    await card.getByRole("link").click();
    await page.waitForURL(/\/staff\/feedback\/\d+$/);
    await expect.poll(() => page.getByTestId("redacted-text").textContent()).toContain("[telefon]");
    await expectNoAxeViolations(page, "feedback item (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "feedback-item-phone");

    await page.getByRole("button", { name: "Visa originaltext" }).click();
    await expect.poll(() => page.getByTestId("raw-text").textContent()).toContain("070-987 65 43");
    await expectNoAxeViolations(page, "feedback item raw");

    const themes = section(page, "Teman");
    await themes.getByLabel("förslag", { exact: true }).check();
    await themes.getByRole("button", { name: "Spara" }).click();
    await page.waitForURL(/saved=themes/);
    await expect.poll(() => themes.getByLabel("förslag", { exact: true }).isChecked()).toBe(true);

    await section(page, "Säkerhetsflagga").getByRole("button", { name: "Flagga" }).click();
    await page.waitForURL(/saved=flag/);
    const flag = section(page, "Säkerhetsflagga");
    await expect.poll(() => flag.getByRole("button", { name: "Ta bort flaggan" }).count()).toBe(1);
    await flag.getByRole("button", { name: "Ta bort flaggan" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Skriv vad som har gjorts");
    await flag.getByLabel("Vad har gjorts? (måste fyllas i)").fill("Läst, inget akut. Tas upp på fredagsmötet.");
    await flag.getByRole("button", { name: "Ta bort flaggan" }).click();
    await page.waitForURL(/saved=unflag/);
    await expect.poll(() => page.getByRole("button", { name: "Ta bort flaggan" }).count()).toBe(0);
    await expect.poll(() => page.getByText("Läst, inget akut. Tas upp på fredagsmötet.").count()).toBe(1);

    await page.getByRole("button", { name: "Föreslå som citat" }).click();
    await page.waitForURL(/\/staff\/quotes\/\d+$/);
    await expect.poll(() => page.getByLabel("Citatets text").inputValue()).toContain("[telefon]");
    expect(await page.getByLabel("Citatets text").inputValue()).not.toContain("070-987");
    expect(await page.getByLabel("förslag", { exact: true }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, "quote (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "quote-phone");

    await page.getByLabel("Citatets text").fill(`${marker}: mer kaffe på morgonen!`);
    await page.getByRole("button", { name: "Spara ändringar" }).click();
    await page.waitForURL(/saved=save/);
    await page.getByRole("button", { name: "Godkänn" }).click();
    await page.waitForURL(/saved=approve/);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Citatet är godkänt");
    expect(await page.getByTestId("quote-text").textContent()).toBe(`${marker}: mer kaffe på morgonen!`);
    await expect.poll(() => page.getByText(/Godkänt av Kim Case Manager/).count()).toBe(1);

    await page.goto("/staff/quotes?status=approved");
    await expect.poll(() => page.locator("li.fb-item", { hasText: marker }).count()).toBe(1);
    await expectNoAxeViolations(page, "quote bank (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "quotes-phone");
    await staff.close();
  }, 180_000);

  it("refuses approval of a quote without consent with a clear message", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", DESKTOP);
    await page.goto("/staff/quotes?status=candidate");
    const noConsent = page.locator("li.fb-item", { hasText: "Inget samtycke till citat" });
    expect(await noConsent.count()).toBe(1);
    await noConsent.getByRole("link").click();
    await page.waitForURL(/\/staff\/quotes\/\d+$/);
    await expect.poll(() => page.getByText("Personen har inte samtyckt till att bli citerad.").count()).toBe(1);
    await page.getByRole("button", { name: "Godkänn" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("personen har inte samtyckt");
    expect(await page.getByRole("button", { name: "Godkänn" }).count()).toBe(1);
    await expectNoAxeViolations(page, "quote refused (desktop)");
    await screenshot(page, "quote-refused-desktop");
    await context.close();
  });
});

describe("the length of a text on /tyck-till", () => {
  it("is counted while it is typed: how many are left, past 5 000 how many too many and what to do", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/tyck-till");
    const box = page.getByLabel("Vad vill du säga?");
    await countLine(page, "5\u00a0000 tecken kvar").waitFor();
    // The server renders the count too; it follows the typing once the page's scripts have taken over.
    await hydrated(page);
    await typePastTheLimitAndBack(page, box, {
      limit: 5000,
      over: (n) => `${n} tecken för mycket. Gör texten kortare.`,
      left: (n) => `${n} tecken kvar`,
      label: "tyck-till text",
    });

    // After a sent text and "Skriv mer", the new empty box is counted from the start.
    await box.fill("Mer frukt på Mallis");
    await countLine(page, "4\u00a0981 tecken kvar").waitFor();
    await page.getByRole("button", { name: "Skicka" }).click();
    await page.getByRole("link", { name: "Skriv något mer" }).click();
    await expect.poll(() => box.inputValue()).toBe("");
    await countLine(page, "5\u00a0000 tecken kvar").waitFor();
    await context.close();
  });

  it("is said in English too, and without scripts the server's count of what was sent stands, never negative", async () => {
    const english = await newContext(browser, PHONE);
    await english.addCookies([{ name: "lang", value: "en", url: baseUrl() }]);
    const en = await english.newPage();
    await en.goto("/tyck-till");
    await hydrated(en);
    await en.getByLabel("What do you want to say?").fill("x".repeat(5003));
    await countLine(en, "3 characters too many. Make the text shorter.").waitFor();
    await en.getByLabel("What do you want to say?").fill("x".repeat(4990));
    await countLine(en, "10 characters left").waitFor();
    await english.close();

    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/tyck-till");
    await countLine(page, "5\u00a0000 tecken kvar").waitFor();
    await page.getByLabel("Vad vill du säga?").fill("x".repeat(5020));
    await page.getByRole("button", { name: "Skicka" }).click();
    await page.getByRole("alert").filter({ hasText: "Texten är för lång." }).waitFor();
    await countLine(page, "20 tecken för mycket. Gör texten kortare.").waitFor();
    await expectNoNegativeCount(page);
    await context.close();
  });
});

describe("staff feedback pages", () => {
  it("pass axe and reflow on desktop and at 320 px", async () => {
    for (const viewport of [DESKTOP, { width: 320, height: 640 }]) {
      const { context, page } = await signedInPage("coordinator@demo.local", viewport);
      for (const [path, name] of [
        ["/staff/feedback", "inbox"],
        ["/staff/feedback?flagged=1", "inbox-flagged"],
        ["/staff/feedback/new", "note"],
        ["/staff/feedback/themes", "themes"],
        ["/staff/feedback/names", "names"],
        ["/staff/quotes", "quotes"],
        ["/staff", "start"],
      ]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator("h1").count()).toBe(1);
        await expectNoAxeViolations(page, `${name} ${viewport.width}`);
        await expectNoHorizontalScroll(page);
        await screenshot(page, `${name}-${viewport.width}`);
      }
      await context.close();
    }
  });

  it("lets a case manager write a note from a conversation, which lands in the inbox", async () => {
    const { context, page } = await signedInPage("cm@demo.local", PHONE);
    await page.goto("/staff/feedback/new");
    await page.getByLabel("Vad sa personen?").fill("Vill ha hjälp att söka jobb, ring 0739-876543");
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    await page.waitForURL(/\/staff\/feedback\/\d+$/);
    await expect
      .poll(() => page.getByTestId("redacted-text").textContent())
      .toBe("Vill ha hjälp att söka jobb, ring [telefon]");
    expect(await page.getByText("Kim Case Manager").count()).toBeGreaterThan(0);
    await context.close();
  });

  it("refuse researchers and facilitators with 403", async () => {
    for (const email of ["researcher@demo.local", "facilitator@demo.local"]) {
      const { context, page } = await signedInPage(email, PHONE);
      for (const path of ["/staff/feedback", "/staff/quotes"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${email} ${path}`).toBe(403);
      }
      await context.close();
    }
  });
});
