import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launchBrowser,
  newContext,
  screenshot,
} from "../support/browser";
import { closeE2eDb, e2eDb } from "../support/e2e-database";

let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
  await closeE2eDb();
});

async function responsesFor(
  code: string,
): Promise<{ id: string; answers: string; channel: string; staff_assisted: number }[]> {
  return e2eDb()("responses as r")
    .join("campaigns as c", "c.id", "r.campaign_id")
    .where("c.code", code)
    .select("r.id", "r.answers", "r.channel", "r.staff_assisted");
}

/** The question currently on screen (one per page). */
function currentQuestion(page: Page) {
  return page.locator(".sd-question").first();
}

const SEND = "Skicka svaren";

/** Answers the question on screen by tapping: a choice, a smiley, or some words in a text box. */
async function answerCurrent(page: Page, { text = "Mer yoga, tack!" } = {}) {
  const q = currentQuestion(page);
  await q.waitFor();
  if ((await q.locator("textarea").count()) > 0) {
    await q.locator("textarea").fill(text);
  } else if ((await q.locator(".sd-rating__item-smiley, .sd-rating__item").count()) > 0) {
    await q.locator(".sd-rating__item-smiley, .sd-rating__item").last().click();
  } else {
    await q.locator(".sd-item").first().click();
  }
}

async function next(page: Page) {
  const title = await currentQuestion(page).locator(".sd-question__title").innerText();
  await page.getByRole("button", { name: "Nästa" }).click();
  await expect.poll(() => currentQuestion(page).locator(".sd-question__title").innerText()).not.toBe(title);
}

async function answerAll(page: Page, { stopBeforeSend = true } = {}) {
  for (let i = 0; i < 40; i++) {
    await answerCurrent(page);
    if (await page.getByRole("button", { name: SEND }).isVisible()) break;
    await next(page);
  }
  if (!stopBeforeSend) await page.getByRole("button", { name: SEND }).click();
}

async function start(context: BrowserContext, path = "/s/DEMO") {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("button", { name: "Börja svara" }).click();
  await currentQuestion(page).waitFor();
  return page;
}

describe("the brukarenkät on a phone", () => {
  it("is answered fully by tapping, and thanks only after the server stored it", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const response = await page.goto("/s/DEMO");
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Brukarenkät – demo");
    await expectNoAxeViolations(page, "survey intro");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "survey-intro");
    await page.getByRole("button", { name: "Börja svara" }).click();
    await currentQuestion(page).waitFor();
    await expect.poll(() => page.getByText("Du har svarat på 0 av").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "survey question");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "survey-question");
    await answerAll(page);
    await screenshot(page, "survey-last-question");
    const posted = page.waitForResponse((r) => r.url().endsWith("/s/DEMO") && r.request().method() === "POST");
    await page.getByRole("button", { name: SEND }).click();
    expect((await posted).status()).toBe(201);
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    await expectNoAxeViolations(page, "survey thanks");
    await screenshot(page, "survey-thanks");
    const rows = await responsesFor("DEMO");
    expect(rows.length).toBe(before + 1);
    const answers = JSON.parse(rows[rows.length - 1].answers);
    expect(answers.program).toBe("bostad_forst");
    expect(answers.gender).toBe("kvinna");
    expect(answers.wishes).toBe("Mer yoga, tack!");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("deltagarrost:")))).toEqual(
      [],
    );
    await context.close();
  });

  it("is answered with the keyboard only", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/s/DEMO");
    // Tab to the start button and press it.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "Börja svara") break;
    }
    await page.keyboard.press("Enter");
    await currentQuestion(page).waitFor();
    // Question 1: Tab into the options, Space picks one, then on to Nästa.
    for (let q = 0; q < 2; q++) {
      const title = await currentQuestion(page).locator(".sd-question__title").innerText();
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press("Tab");
        const type = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type);
        if (type === "radio") break;
      }
      await page.keyboard.press("Space");
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press("Tab");
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === "Nästa") break;
      }
      await page.keyboard.press("Enter");
      await expect.poll(() => currentQuestion(page).locator(".sd-question__title").innerText()).not.toBe(title);
    }
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:progress:DEMO") ?? "{}"));
    expect(saved.data).toEqual({ program: "bostad_forst", gender: "kvinna" });
    await context.close();
  });

  it("keeps the answers on the phone when offline at send, and sends them once when back online", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await start(context);
    await answerAll(page);
    await context.setOffline(true);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Dina svar är sparade i telefonen" }).waitFor();
    await expectNoAxeViolations(page, "survey offline");
    await screenshot(page, "survey-offline");
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:outbox") ?? "[]").length)).toBe(1);
    expect((await responsesFor("DEMO")).length).toBe(before);
    await context.setOffline(false);
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor({ timeout: 25_000 });
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    expect(await page.evaluate(() => localStorage.getItem("deltagarrost:outbox"))).toBeNull();
    await context.close();
  });

  it("sends answers left on the device when the page is opened again", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await start(context);
    await answerAll(page);
    await context.setOffline(true);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Dina svar är sparade i telefonen" }).waitFor();
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto("/s/DEMO");
    await again.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });

  it("stores one response when send is tapped twice", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await start(context);
    await answerAll(page);
    const posts: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/s/DEMO") && r.request().method() === "POST") posts.push(r.status());
    });
    const send = page.getByRole("button", { name: SEND });
    await send.dblclick();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    // However many requests the double tap made, every one has been answered and only one stored a row.
    await expect.poll(() => posts.length).toBeGreaterThan(0);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(posts.filter((s) => s === 201)).toHaveLength(1);
    expect(posts.every((s) => s === 201 || s === 200)).toBe(true);
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });

  it("continues after a reload half-way, or starts over", async () => {
    const context = await newContext(browser, PHONE);
    const page = await start(context);
    for (let i = 0; i < 3; i++) {
      await answerCurrent(page);
      await next(page);
    }
    const title = await currentQuestion(page).locator(".sd-question__title").innerText();
    await page.reload();
    await page.getByRole("heading", { name: "Du har redan börjat svara" }).waitFor();
    await expectNoAxeViolations(page, "survey resume");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await expect.poll(() => currentQuestion(page).locator(".sd-question__title").innerText()).toBe(title);
    await page.getByRole("button", { name: "Tillbaka" }).click();
    await expect.poll(() => currentQuestion(page).locator(".sd-item--checked").count()).toBe(1);
    await page.reload();
    await page.getByRole("button", { name: "Börja om" }).click();
    await page.getByRole("button", { name: "Börja svara" }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem("deltagarrost:progress:DEMO"))).toBeNull();
    await context.close();
  });
});

describe("kiosk mode on the shared tablet", () => {
  it("wipes everything after each person, so the next sees nothing of the previous", async () => {
    const context = await newContext(browser, { width: 800, height: 1280 });
    const page = await start(context, "/s/DEMO?kiosk=1");
    await page
      .getByRole("button", { name: "Tillbaka" })
      .waitFor({ state: "detached" })
      .catch(() => undefined);
    await answerAll(page);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    expect(await page.getByText("Nästa person kan snart börja").count()).toBe(1);
    const rows = await responsesFor("DEMO");
    expect(rows[rows.length - 1].channel).toBe("kiosk");
    await page.getByRole("button", { name: "Börja svara" }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("deltagarrost:")))).toEqual(
      [],
    );
    await page.getByRole("button", { name: "Börja svara" }).click();
    await currentQuestion(page).waitFor();
    expect(await currentQuestion(page).locator(".sd-item--checked").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Tillbaka" }).count()).toBe(0);
    await page.goBack().catch(() => undefined);
    expect(await page.content()).not.toContain("Mer yoga, tack!");
    await context.close();
  });
});

describe("the 30-second activity survey on the Mallis tablet", () => {
  it("is answered with a smiley and a few words, in English when chosen, and its words reach the feedback inbox", async () => {
    const context = await newContext(browser, { width: 800, height: 1280 });
    const page = await context.newPage();
    await page.goto("/s/YOGA");
    await page.getByRole("link", { name: "Change language to English" }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await currentQuestion(page).waitFor();
    expect(await currentQuestion(page).locator(".sd-question__title").innerText()).toContain("How was it today?");
    await expectNoAxeViolations(page, "activity survey rating (en)");
    await currentQuestion(page).locator(".sd-rating__item-smiley, .sd-rating__item").last().click();
    await page.getByRole("button", { name: "Next" }).click();
    await currentQuestion(page).locator("textarea").fill("Lugnt och skönt");
    const posted = page.waitForResponse((r) => r.url().endsWith("/s/YOGA") && r.request().method() === "POST");
    for (let i = 0; i < 5 && !(await page.getByRole("button", { name: "Complete" }).isVisible()); i++) {
      await page.getByRole("button", { name: "Next" }).click();
      if ((await currentQuestion(page).locator(".sd-item").count()) > 0)
        await currentQuestion(page).locator(".sd-item").first().click();
    }
    await page.getByRole("button", { name: "Complete" }).click();
    expect((await posted).status()).toBe(201);
    await page.getByRole("heading", { name: "Thank you for your answers!" }).waitFor();
    const rows = await responsesFor("YOGA");
    const last = rows[rows.length - 1];
    expect(JSON.parse(last.answers)).toMatchObject({ rating: 5, good: "Lugnt och skönt", quote_consent: "ja" });
    expect(last.channel).toBe("kiosk");
    const feedback = await e2eDb()("feedback")
      .where({ source_ref: `response:${last.id}:good` })
      .first();
    expect(feedback).toMatchObject({ text: "Lugnt och skönt" });
    expect(feedback.activity_id).not.toBeNull();
    await context.close();
  });
});

describe("read-aloud", () => {
  it("speaks the question and its options in Swedish", async () => {
    const context = await newContext(browser, PHONE);
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
      const synth = {
        getVoices: () => [{ lang: "sv-SE", name: "Test", default: true, localService: true, voiceURI: "test" }],
        speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      };
      Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    });
    const page = await context.newPage();
    await page.goto("/s/DEMO");
    await page.getByText("Tryck på Läs upp om du vill höra frågan.").waitFor();
    await page.getByRole("button", { name: "Börja svara" }).click();
    await currentQuestion(page).waitFor();
    await page.getByRole("button", { name: "Läs upp" }).first().click();
    const spoken = await page.evaluate(
      () => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken,
    );
    expect(spoken).toHaveLength(1);
    expect(spoken[0].lang).toBe("sv-SE");
    expect(spoken[0].text).toContain("Var bor du?");
    expect(spoken[0].text).toContain("I Bostad Först");
    await expectNoAxeViolations(page, "question with read-aloud");
    await context.close();
  });

  it("is hidden when the browser has no voice", async () => {
    const context = await newContext(browser, PHONE);
    await context.addInitScript(() => {
      Object.defineProperty(window, "speechSynthesis", {
        value: { getVoices: () => [], addEventListener: () => undefined, removeEventListener: () => undefined },
        configurable: true,
      });
    });
    const page = await start(context);
    expect(await page.getByRole("button", { name: "Läs upp" }).count()).toBe(0);
    await context.close();
  });
});

describe("a closed campaign", () => {
  it("says so plainly with 410", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const response = await page.goto("/s/BRUK25");
    expect(response?.status()).toBe(410);
    await page.getByRole("heading", { name: "Enkäten är stängd" }).waitFor();
    await expectNoAxeViolations(page, "closed campaign");
    await screenshot(page, "survey-closed");
    const unknown = await page.goto("/s/FINNSEJ");
    expect(unknown?.status()).toBe(404);
    await context.close();
  });
});
