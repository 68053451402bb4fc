import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoAxeViolations } from "./browser";
import { expectNoAxeViolationsWithoutScripts } from "./axe-without-scripts";
import { expectReadableContrast } from "./contrast";
import { e2eDb } from "./e2e-database";

/**
 * A participant's steps through the survey in the browser, shared by the survey e2e files: read the question on
 * screen, answer it by tapping, go on, and wait only for states (the next question, a heading), never for a time.
 */

export const SEND = "Skicka svaren";
export const OFFLINE_SAVED = "Dina svar är sparade i telefonen";

/**
 * How long a poll for a state may take before the test fails. expect.poll gives up after one second by default,
 * which a step that asks a busy server overruns: these polls wait for the state, with a bound as generous as
 * Playwright's own waits.
 */
export const UNTIL_STATE = { timeout: 30_000 };

export async function responsesFor(
  code: string,
): Promise<{ id: string; answers: string; channel: string; staff_assisted: number }[]> {
  return e2eDb()("responses as r")
    .join("campaigns as c", "c.id", "r.campaign_id")
    .where("c.code", code)
    .orderBy("r.submitted_at")
    .select("r.id", "r.answers", "r.channel", "r.staff_assisted");
}

/**
 * The question on screen: its heading, in the form's legend (a message above the question, such as "Ingen kontakt
 * just nu", has a heading of its own); with no question on screen, the page's first h2 (thanks, offline).
 */
export async function questionTitle(page: Page): Promise<string> {
  const legend = page.locator("legend h2");
  const heading = (await legend.count()) > 0 ? legend.first() : page.getByRole("heading", { level: 2 }).first();
  return (await heading.innerText()).trim();
}

/** Answers the question on screen by tapping: the first choice or face, or some words in a text box. */
export async function answerCurrent(page: Page, { text = "Mer yoga, tack!", face = "Mycket bra" } = {}) {
  const group = page.getByRole("group", { name: await questionTitle(page) });
  if ((await group.getByRole("textbox").count()) > 0 && (await group.getByRole("radio").count()) === 0) {
    await group.getByRole("textbox").first().fill(text);
  } else if ((await group.getByRole("radio", { name: face }).count()) > 0) {
    await group.getByText(face, { exact: true }).click();
  } else {
    await group.locator("label").first().click();
  }
}

/** Presses a button and waits until another question (or page) is on screen: a state, never a time. */
export async function pressAndWaitForChange(page: Page, name: string) {
  const before = await questionTitle(page);
  await page.getByRole("button", { name, exact: true }).click();
  // Polls the page's text through the driver, so it works with the page's own scripts off too.
  await expect.poll(() => questionTitle(page), UNTIL_STATE).not.toBe(before);
}

/** What kind of question is on screen: axe runs once per kind, contrast on every question. */
async function questionKind(page: Page): Promise<string> {
  if ((await page.locator("fieldset textarea").count()) > 0) return "text";
  if ((await page.locator(".smiley").count()) > 0) return "smileys";
  return (await page.locator("fieldset input").first().getAttribute("type")) ?? "other";
}

/**
 * Answers every question up to the last one (its send button on screen), with axe and a contrast check on the way
 * when `checks` (axe without scripts needs the browser: `browser`).
 */
export async function answerAll(
  page: Page,
  { checks = false, scripts = true, browser }: { checks?: boolean; scripts?: boolean; browser?: Browser } = {},
) {
  const checked = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await answerCurrent(page);
    if (checks) {
      const label = `question ${await questionTitle(page)}${scripts ? "" : " (no scripts)"}`;
      const kind = await questionKind(page);
      if (!checked.has(kind)) {
        checked.add(kind);
        if (scripts) await expectNoAxeViolations(page, label);
        else if (browser) await expectNoAxeViolationsWithoutScripts(browser, page, label);
        else throw new Error("axe without scripts needs the browser");
      }
      await expectReadableContrast(page, label);
    }
    if (await page.getByRole("button", { name: SEND }).isVisible()) return;
    await pressAndWaitForChange(page, "Nästa");
  }
  throw new Error("never reached the send button");
}

/** Opens the survey (the brukarenkät by default) and waits for its first question. */
export async function open(context: BrowserContext, path = "/s/DEMO") {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
  return page;
}

/** Waits until the page's scripts have taken over (the root marks the document then). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
}

/**
 * The steps several tests share: the survey opened with scripts, every question answered, the connection gone,
 * "Skicka svaren" pressed, and the page saying the answers wait on the phone. Returns the page.
 */
export async function answerAndSendOffline(context: BrowserContext, path = "/s/DEMO"): Promise<Page> {
  const page = await open(context, path);
  await hydrated(page);
  await answerAll(page);
  await context.setOffline(true);
  await page.getByRole("button", { name: SEND }).click();
  await page.getByRole("heading", { name: OFFLINE_SAVED }).waitFor();
  return page;
}

/** The keys this app keeps in the browser's storage (all begin with "deltagarrost:"). */
export async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("deltagarrost:")));
}
