import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import {
  PHONE,
  baseUrl,
  browser,
  expectNoAxeViolations,
  hydrated,
  newContext,
  screenshot,
  setUpBrowser,
  signedInPage,
} from "../support/browser";
import { countLine, typePastTheLimitAndBack } from "../support/character-count";
import { expectReadableContrast } from "../support/contrast";
import { TABLET } from "../support/kiosk-tablet";

setUpBrowser();

/** A browser with a Swedish and an English voice that records what it is asked to say, and in which language. */
async function withVoices(context: BrowserContext) {
  await context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    const voices = [
      { lang: "sv-SE", name: "Svenska", default: true, localService: true, voiceURI: "sv" },
      { lang: "en-GB", name: "English", default: false, localService: true, voiceURI: "en" },
    ];
    const synth = {
      getVoices: () => voices,
      speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  });
}

const lastSpoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken.at(-1));

describe("read-aloud on /forslag", () => {
  it("reads the page's heading as one question, and every idea with its status on its own button", async () => {
    const context = await newContext(browser, PHONE);
    await withVoices(context);
    const page = await context.newPage();
    await page.goto("/forslag");
    await page.getByRole("button", { name: "Läs upp", exact: true }).click();
    expect(await lastSpoken(page)).toEqual({
      lang: "sv-SE",
      text: "Vad hände med våra idéer? På framtidsverkstaden kom deltagarna med idéer. Här ser du vad som har hänt med varje idé.",
    });
    const first = page.getByRole("listitem").first();
    const title = (await first.getByRole("heading", { level: 2 }).innerText()).trim();
    const button = page.getByRole("button", { name: `Läs upp: ${title}` });
    expect(await button.count()).toBe(1);
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await button.click();
    const said = await lastSpoken(page);
    expect(said?.lang).toBe("sv-SE");
    expect(said?.text.startsWith(`${title}${/[.?!]$/.test(title) ? "" : "."} Läge: `)).toBe(true);
    await expectNoAxeViolations(page, "forslag with read-aloud");
    await screenshot(page, "forslag-read-aloud-phone");
    await context.close();
  });

  it("speaks English with an English voice once the person has chosen English", async () => {
    const context = await newContext(browser, PHONE);
    await withVoices(context);
    const page = await context.newPage();
    await page.goto("/sprak/en?tillbaka=%2Fforslag");
    await page.getByRole("heading", { name: "What happened to our ideas?" }).waitFor();
    await page.getByRole("button", { name: "Read aloud", exact: true }).click();
    expect(await lastSpoken(page)).toEqual({
      lang: "en-GB",
      text: "What happened to our ideas? At the future workshop participants came up with ideas. Here you see what has happened to each idea.",
    });
    await page.goto("/w/FRAMTID");
    await page.getByRole("button", { name: "Read aloud" }).click();
    expect((await lastSpoken(page))?.lang).toBe("en-GB");
    await context.close();
  });
});

describe("a workshop note sent empty", () => {
  for (const scripts of [true, false]) {
    it(`gets the page's own plain message, not the browser's bubble (${scripts ? "with" : "without"} scripts)`, async () => {
      const context = scripts
        ? await newContext(browser, PHONE)
        : await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "sv-SE", baseURL: baseUrl() });
      const page = await context.newPage();
      await page.goto("/w/FRAMTID");
      const box = page.getByLabel("Skriv din lapp");
      await box.waitFor();
      await page.getByRole("button", { name: "Skicka lappen" }).click();
      await expect
        .poll(() => page.getByRole("alert").filter({ hasText: "Lappen är tom. Skriv något först." }).count())
        .toBe(1);
      expect(await box.getAttribute("aria-required")).toBe("true");
      await context.close();
    });
  }
});

describe("a workshop note's length", () => {
  it("is counted while the person types, as the server counts it, and says plainly how much is too much", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/w/FRAMTID");
    const box = page.getByLabel("Skriv din lapp");
    await countLine(page, "300 tecken kvar").waitFor();
    await box.fill("  Mer grönt på Mallis  ");
    await countLine(page, "281 tecken kvar").waitFor();
    await typePastTheLimitAndBack(page, box, {
      limit: 300,
      over: (n) => `${n} tecken för mycket. Gör lappen kortare.`,
      left: (n) => `${n} tecken kvar`,
      label: "workshop note",
    });
    await context.close();
  });

  it("is not counted without scripts: the hint says the limit", async () => {
    const context = await newContext(browser, PHONE, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/w/FRAMTID");
    await page.getByText("Skriv kort. En sak per lapp. Högst 300 tecken.", { exact: true }).waitFor();
    expect(await page.getByText(/tecken kvar|tecken för mycket/).count()).toBe(0);
    await context.close();
  });
});

describe("participant pages beyond the survey", () => {
  it("have readable contrast by computed colours on a phone, and on the shared tablet in kiosk mode", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    for (const path of ["/", "/tyck-till", "/forslag", "/w/FRAMTID", "/incheckning"]) {
      await page.goto(path);
      await expectReadableContrast(page, path);
    }
    // A refused form: the error colours too.
    await page.goto("/tyck-till");
    await page.getByRole("button", { name: "Skicka" }).click();
    await page.getByText("Du har inte skrivit något. Skriv i rutan och tryck på Skicka igen.").first().waitFor();
    await expectReadableContrast(page, "/tyck-till refused");
    await context.close();
    const tablet = await browser.newContext({ viewport: TABLET, locale: "sv-SE", baseURL: baseUrl() });
    const kiosk = await tablet.newPage();
    await kiosk.goto("/s/YOGA?kiosk=1");
    await kiosk.getByText("Surfplatta på Mallis").waitFor();
    await expectReadableContrast(kiosk, "kiosk survey");
    await tablet.close();
  });
});

describe("the check-in tablet", () => {
  it("cannot be closed by a visitor's tap: closing takes the staff PIN, a wrong one changes nothing", async () => {
    const { context: staff, page: staffPage } = await signedInPage("coordinator@demo.local", PHONE);
    await staffPage.goto("/staff/attendance/visitors");
    await staffPage.getByLabel("Ny kod").fill("2468");
    await staffPage.getByRole("button", { name: "Spara koden" }).click();
    await expect
      .poll(() => staffPage.getByRole("status").first().textContent())
      .toContain("Koden för incheckningen är sparad");
    await staff.close();

    const tablet = await browser.newContext({ viewport: TABLET, locale: "sv-SE", baseURL: baseUrl(), hasTouch: true });
    const page = await tablet.newPage();
    await page.goto("/incheckning");
    await page.getByLabel("Personalens kod").fill("2468");
    await page.getByRole("button", { name: "Öppna incheckningen" }).tap();
    await page.getByRole("heading", { name: "Välkommen!" }).waitFor();
    await hydrated(page);
    // What a visitor sees: no button that closes the tablet, only a small "För personal".
    expect(await page.getByRole("button", { name: "Stäng incheckningen" }).isVisible()).toBe(false);
    const staffOnly = page.getByText("För personal", { exact: true });
    expect((await staffOnly.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await staffOnly.tap();
    await page.getByLabel("Personalens kod").fill("1357");
    await page.getByRole("button", { name: "Stäng incheckningen" }).tap();
    await page.getByRole("alert").filter({ hasText: "Fel kod. Försök igen." }).waitFor();
    expect(await page.getByRole("heading", { name: "Välkommen!" }).count()).toBe(1);
    await expectNoAxeViolations(page, "check-in close refused");
    await screenshot(page, "checkin-close-refused-tablet");
    await page.getByLabel("Personalens kod").fill("2468");
    await page.getByRole("button", { name: "Stäng incheckningen" }).tap();
    await page.getByRole("heading", { name: "Incheckningen är stängd" }).waitFor();
    await tablet.close();
  });
});
