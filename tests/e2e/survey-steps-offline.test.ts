import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PHONE, browser, expectNoAxeViolations, newContext, screenshot, setUpBrowser } from "../support/browser";
import { openWithFirstStepHeld, openWithStepsHeld } from "../support/held-survey-steps";
import {
  SEND,
  UNTIL_STATE,
  answerAll,
  answerCurrent,
  hydrated,
  open,
  pressAndWaitForChange,
  questionTitle,
  responsesFor,
  storedKeys,
} from "../support/survey-participant";

setUpBrowser();

// The three races of the survey's step queue with a connection that comes and goes (decision 0041). Each step is
// held with page.route until the test lets it through, so the order of events is the test's, not the machine's.

const NO_CONNECTION = "Ingen kontakt just nu";

/**
 * Waits until the page says there is no connection, or fails at once on the error page (what a lost step used to
 * end on: the survey gone).
 */
async function noConnectionShown(page: Page) {
  const message = page.getByRole("heading", { name: NO_CONNECTION });
  const errorPage = page.getByRole("heading", { name: "Något gick fel hos oss" });
  await message.or(errorPage).first().waitFor();
  expect(await errorPage.count(), "the error page").toBe(0);
}

/** The phone's copy of the answers so far (null once the answers are sent). */
const progress = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:progress:DEMO") ?? "null")?.state?.answers ?? null);

/** How many step answers the page has received in full (the browser's own record of its requests). */
const stepAnswersReceived = (page: Page) =>
  page.evaluate(
    () => performance.getEntriesByType("resource").filter((e) => e.name.includes("/s/DEMO/svara.data")).length,
  );

/**
 * Waits until the page has done everything a step answer leads to: the browser has received it in full (`count`
 * answers in all), and the page has no work left (an idle callback runs only once the page's queued work, the
 * router's and React's included, is done).
 *
 * An idle callback with no deadline can wait for ever on a starved machine: in 2 of 23 runs of this file beside three
 * busy loops the test hung until its 180 s limit, and the second was traced, step by step, to the first idle
 * callback after the late answer (20 more traced checks were idle at once). So each has a deadline: past it, Chromium
 * runs it as an ordinary task, after the work already waiting. It still returns as soon as the page is idle.
 */
async function settledAfterStepAnswer(page: Page, count: number) {
  await expect.poll(() => stepAnswersReceived(page), UNTIL_STATE).toBe(count);
  for (let i = 0; i < 2; i++)
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 5_000 })));
}

describe("survey steps when the connection comes and goes", () => {
  it("keeps a step that was on its way when the connection went, and sends it when it returns", async () => {
    const before = (await responsesFor("DEMO")).length;
    // The next question shows at once (the page knows it); the step is on its way, held.
    const { context, page, steps } = await openWithFirstStepHeld();
    expect(await questionTitle(page)).toBe("Vilket kön har du?");
    await expect.poll(steps.asked, UNTIL_STATE).toEqual(["program"]);
    // The connection goes while the step is on its way: its request fails.
    await steps.connection(false);
    await steps.held[0].route.abort("internetdisconnected");
    // The person stays where they were, is told, and loses nothing.
    await noConnectionShown(page);
    expect(await questionTitle(page)).toBe("Vilket kön har du?");
    await expectNoAxeViolations(page, "step lost on its way");
    await screenshot(page, "survey-step-lost-on-its-way");
    // The connection returns: the same step goes again, by itself, and the message goes when the server answers.
    await steps.connection(true);
    await expect.poll(steps.asked, UNTIL_STATE).toEqual(["program", "program"]);
    steps.release();
    await steps.letThrough(1);
    await page.getByRole("heading", { name: NO_CONNECTION }).waitFor({ state: "detached" });
    expect(await questionTitle(page)).toBe("Vilket kön har du?");
    // And the survey goes on to the end, every answer stored.
    await answerAll(page);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    const rows = await responsesFor("DEMO");
    expect(rows.length).toBe(before + 1);
    expect(JSON.parse(rows[rows.length - 1].answers)).toMatchObject({ program: "bostad_forst", gender: "kvinna" });
    await context.close();
  });

  it("holds a step that waited its turn while the connection went, and sends it when it returns", async () => {
    const { context, page, steps } = await openWithFirstStepHeld();
    await answerCurrent(page);
    // The second step waits its turn behind the first, still on its way.
    await pressAndWaitForChange(page, "Nästa");
    expect(await questionTitle(page)).toBe("Hur ofta kommer du till Mallis?");
    await expect.poll(steps.asked, UNTIL_STATE).toEqual(["program"]);
    // The server has answered the first step, but the connection goes before the answer reaches the page.
    const response = await steps.held[0].route.fetch();
    await steps.connection(false);
    await steps.held[0].route.fulfill({ response });
    // Its turn has come, but there is no connection: it waits, and the person is told.
    await noConnectionShown(page);
    expect(await questionTitle(page)).toBe("Hur ofta kommer du till Mallis?");
    expect(steps.asked()).toEqual(["program"]);
    // The connection returns: it goes now, carrying both answers.
    await steps.connection(true);
    await expect.poll(steps.asked, UNTIL_STATE).toEqual(["program", "gender"]);
    steps.release();
    await steps.letThrough(1);
    await page.getByRole("heading", { name: NO_CONNECTION }).waitFor({ state: "detached" });
    expect(await questionTitle(page)).toBe("Hur ofta kommer du till Mallis?");
    expect(await progress(page)).toEqual({ program: "bostad_forst", gender: "kvinna" });
    // A step only the server can answer shows when it comes.
    await pressAndWaitForChange(page, "Tillbaka");
    expect(await questionTitle(page)).toBe("Vilket kön har du?");
    await context.close();
  });

  it("does not bring the phone's copy back when a step's answer arrives after the answers were sent", async () => {
    const before = (await responsesFor("DEMO")).length;
    const { context, page, steps } = await openWithStepsHeld();
    steps.release();
    await answerAll(page);
    // One question back, then forward again with the step held: the last question shows at once.
    await pressAndWaitForChange(page, "Tillbaka");
    const lastButOne = await page.locator('input[name="question"]').inputValue();
    steps.hold();
    await answerCurrent(page);
    await pressAndWaitForChange(page, "Nästa");
    await expect.poll(steps.asked, UNTIL_STATE).toEqual([lastButOne]);
    // The person sends at once; the answers are stored and the phone's copy is wiped.
    await answerCurrent(page);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    expect(await progress(page)).toBeNull();
    // Only now does the answer to the held step come.
    const received = await stepAnswersReceived(page);
    await steps.letThrough(0);
    await settledAfterStepAnswer(page, received + 1);
    expect(await page.getByRole("heading", { name: "Tack för dina svar!" }).count()).toBe(1);
    expect(await storedKeys(page)).toEqual([]);
    // Opened again, the survey starts afresh: nothing offers to go on with answers already sent.
    await page.goto("/s/DEMO");
    await hydrated(page);
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    expect(await page.getByRole("heading", { name: "Du har redan börjat svara" }).count()).toBe(0);
    await context.close();
  });
});

describe("survey steps on a slow phone, pressed quickly", () => {
  it("takes in every step's answer, so 'Tillbaka' still works on the last question", async () => {
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    await hydrated(page);
    // A cheap phone: the step answers arrive while the page is still busy with the last press.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    // Forward as fast as the questions show (the page knows the next one), to the last question: a tap on an
    // answer and on "Nästa" as soon as the question is there, as a practised thumb does.
    for (let i = 0; i < 40 && !(await page.getByRole("button", { name: SEND }).isVisible()); i++) {
      const radios = page.getByRole("radio");
      const n = await radios.count();
      if (n > 0) await radios.nth(Math.min(1, n - 1)).check({ force: true });
      const before = await page.locator("form legend").first().innerText();
      await page.getByRole("button", { name: "Nästa", exact: true }).click();
      await page.waitForFunction(
        (title) => document.querySelector("form legend")?.textContent?.trim() !== title.trim(),
        before,
      );
    }
    // Going back needs the server's answer to the steps before: a step queue that missed one of them did nothing.
    await pressAndWaitForChange(page, "Tillbaka");
    expect(await page.getByRole("button", { name: SEND }).count()).toBe(0);
    await context.close();
  });
});
