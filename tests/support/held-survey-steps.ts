import type { Page, Route } from "playwright-core";
import { PHONE, browser, newContext } from "./browser";
import { answerCurrent, hydrated, open, pressAndWaitForChange } from "./survey-participant";

/** A survey step as the page posts it with scripts (Remix's data request for /s/DEMO/svara). */
export const STEP = /\/s\/DEMO\/svara\.data/;

/**
 * Holds every step that reaches the server (with `hold()` on) until the test lets it through or aborts it. The
 * connection goes and returns through `connection`: a step posted without it fails as the network fails it (the
 * route would otherwise hold it, and hide what the page does then).
 */
export async function holdSteps(page: Page) {
  const held: { question: string; route: Route }[] = [];
  let holding = true;
  let online = true;
  await page.route(STEP, (route) => {
    if (!online) return void route.abort("internetdisconnected");
    if (!holding) return void route.continue();
    const form = new URLSearchParams(route.request().postData() ?? "");
    held.push({ question: form.get("question") ?? "", route });
  });
  return {
    held,
    asked: () => held.map((h) => h.question),
    async connection(on: boolean) {
      online = on;
      await page.context().setOffline(!on);
    },
    release: () => (holding = false),
    hold: () => (holding = true),
    /** Lets a held step through: the server answers it now. */
    async letThrough(at: number) {
      const { route } = held[at];
      await route.fulfill({ response: await route.fetch() });
    },
  };
}

/** The survey on a phone, its scripts running, every step held until the test lets it through. */
export async function openWithStepsHeld() {
  const context = await newContext(browser, PHONE);
  const page = await open(context);
  await hydrated(page);
  const steps = await holdSteps(page);
  return { context, page, steps };
}

/** As `openWithStepsHeld`, with the first question answered and "Nästa" pressed: its step is held on its way. */
export async function openWithFirstStepHeld() {
  const opened = await openWithStepsHeld();
  await answerCurrent(opened.page);
  await pressAndWaitForChange(opened.page, "Nästa");
  return opened;
}
