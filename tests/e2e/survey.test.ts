import { describe, expect, it, vi } from "vitest";
import type { BrowserContext, Page, Route } from "playwright-core";
import {
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  newContext,
  screenshot,
} from "../support/browser";
import { expectNoAxeViolationsWithoutScripts } from "../support/axe-without-scripts";
import {
  OFFLINE_SAVED,
  SEND,
  UNTIL_STATE,
  answerAll,
  answerAndSendOffline,
  answerCurrent,
  hydrated,
  open,
  pressAndWaitForChange,
  questionTitle,
  responsesFor,
  storedKeys,
} from "../support/survey-participant";
import { expectReadableContrast } from "../support/contrast";
import { TABLET, answerAndSendWithoutConnection, tabletSendingFromItsPages } from "../support/kiosk-tablet";
import { e2eDb } from "../support/e2e-database";
import { E2E_SESSION_SECRET } from "../support/e2e-global-setup";
import { todayInStockholm } from "~/outcomes/calendar";
import { startedToken } from "~/surveys/started-token.server";
import { KIOSK_THANKS_MS } from "~/components/survey/use-kiosk-idle";

setUpBrowser();

/**
 * An init script: holds the page data Remix streams into the page (`__remixContext.stream`) until the test calls
 * `letPageDataThrough()`, as a slow phone holds it while it reads it.
 */
const HOLD_PAGE_DATA = `(() => {
  let open;
  const gate = new Promise((resolve) => (open = resolve));
  window.letPageDataThrough = () => open();
  let context;
  Object.defineProperty(window, "__remixContext", {
    configurable: true,
    get: () => context,
    set(value) {
      let stream;
      Object.defineProperty(value, "stream", {
        configurable: true,
        get: () => stream,
        set(given) {
          stream = given && given.pipeThrough(new TransformStream({ async transform(chunk, out) { await gate; out.enqueue(chunk); } }));
        },
      });
      context = value;
    },
  });
})();`;

describe("the brukarenkät on a phone", () => {
  it("shows the first question at once and is answered fully by tapping; thanks only once stored", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const response = await page.goto("/s/DEMO");
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Brukarenkät – demo");
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    expect(await page.getByText(/^Fråga 1 av \d+$/).count()).toBe(1);
    expect(await page.getByText("Måste besvaras", { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, "survey first question");
    await expectReadableContrast(page, "survey first question");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "survey-first-question");
    await hydrated(page);
    // "Nästa" without an answer: survey-core's message, in plain Swedish, and the question stays.
    await page.getByRole("button", { name: "Nästa" }).click();
    await page.getByRole("alert").filter({ hasText: "Svara på frågan för att gå vidare." }).waitFor();
    await expectNoAxeViolations(page, "survey question with error");
    await expectReadableContrast(page, "survey question with error");
    await answerCurrent(page);
    await pressAndWaitForChange(page, "Nästa");
    expect(await page.getByText(/^Fråga 2 av \d+$/).count()).toBe(1);
    await answerAll(page, { checks: true });
    await screenshot(page, "survey-last-question");
    const posted = page.waitForResponse((r) => r.url().endsWith("/s/DEMO") && r.request().method() === "POST");
    await page.getByRole("button", { name: SEND }).click();
    expect((await posted).status()).toBe(201);
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    await expectNoAxeViolations(page, "survey thanks");
    await expectReadableContrast(page, "survey thanks");
    await screenshot(page, "survey-thanks");
    expect(await page.getByRole("link", { name: "Till startsidan" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: /Tyck till/ }).count()).toBe(1);
    const rows = await responsesFor("DEMO");
    expect(rows.length).toBe(before + 1);
    const answers = JSON.parse(rows[rows.length - 1].answers);
    expect(answers).toMatchObject({ program: "bostad_forst", gender: "kvinna", satisfaction: 5 });
    expect(answers.wishes).toBe("Mer yoga, tack!");
    expect(await storedKeys(page)).toEqual([]);
    await context.close();
  });

  it("is answered with the keyboard only, from the moment the page shows", async () => {
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    // No waiting for scripts: the question is a plain form that works as soon as it is on screen.
    for (let q = 0; q < 3; q++) {
      const title = await questionTitle(page);
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
      await page.waitForFunction((t) => document.querySelector("h2")?.textContent?.trim() !== t, title);
    }
    await hydrated(page);
    // With scripts the next question's heading takes focus, so Tab goes on from there.
    const title = await questionTitle(page);
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)) === "checkbox") break;
    }
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await page.waitForFunction((t) => document.querySelector("h2")?.textContent?.trim() !== t, title);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    // The copy on the phone is written just after the question changes: wait for it, not for a time.
    const saved = () =>
      page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:progress:DEMO") ?? "{}")?.state?.answers);
    await expect.poll(saved, UNTIL_STATE).toEqual({
      program: "bostad_forst",
      gender: "kvinna",
      visits: "varje_vecka",
      activities: ["sygrupp"],
    });
    await context.close();
  });

  it("sends one step at a time, so a late answer to an earlier step never hides the one that counts", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    // Once scripts run, the router asks the server where the step form posts (/__manifest). Held here, as a busy
    // server holds it: every "Nästa" pressed meanwhile waits for it.
    const heldManifests: Route[] = [];
    await page.route(/\/__manifest\?/, (route) => void heldManifests.push(route));
    // Every step that reaches the server, held until the test lets its answer through; and how many were on their
    // way at once. Two at once is how an earlier step's late answer could overwrite the latest one's unseen.
    const steps: { question: string; route: Route }[] = [];
    let onTheirWay = 0;
    let mostAtOnce = 0;
    await page.route(/\/s\/DEMO\/svara\.data/, (route) => {
      onTheirWay++;
      mostAtOnce = Math.max(mostAtOnce, onTheirWay);
      const question = new URLSearchParams(route.request().postData() ?? "").get("question") ?? "";
      steps.push({ question, route });
    });
    const letThrough = async (at: number) => {
      const { route } = steps[at];
      const response = await route.fetch();
      onTheirWay--;
      await route.fulfill({ response });
    };
    await page.goto("/s/DEMO");
    await hydrated(page);
    for (const title of ["Var bor du?", "Vilket kön har du?", "Hur ofta kommer du till Mallis?"]) {
      expect(await questionTitle(page)).toBe(title);
      await answerCurrent(page);
      // The next question shows at once (the page carries it); the step itself waits.
      await pressAndWaitForChange(page, "Nästa");
    }
    expect(await questionTitle(page)).toBe("Vilka aktiviteter går du på?");
    await page.unroute(/\/__manifest\?/);
    for (const route of heldManifests) await route.continue();
    const asked = () => steps.map((s) => s.question);
    // The first step goes; the two pressed after it wait, and only the newest of them follows: it carries every
    // answer so far.
    await expect.poll(asked, UNTIL_STATE).toEqual(["program"]);
    await letThrough(0);
    await expect.poll(asked, UNTIL_STATE).toEqual(["program", "visits"]);
    await letThrough(1);
    const saved = () =>
      page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:progress:DEMO") ?? "{}")?.state?.answers);
    await expect.poll(saved, UNTIL_STATE).toEqual({ program: "bostad_forst", gender: "kvinna", visits: "varje_vecka" });
    expect(mostAtOnce).toBe(1);
    expect(await questionTitle(page)).toBe("Vilka aktiviteter går du på?");
    expect(await page.getByText(/^Fråga 4 av \d+$/).count()).toBe(1);
    // And a step only the server can answer is shown when it comes.
    await page.unroute(/\/s\/DEMO\/svara\.data/);
    await pressAndWaitForChange(page, "Tillbaka");
    expect(await questionTitle(page)).toBe("Hur ofta kommer du till Mallis?");
    await context.close();
  });

  it("fetches no stylesheet on its way: the page carries its styles, so a step's answer waits for nothing else", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    // Every stylesheet the phone asks for once the page is there. Remix fetches a route's linked stylesheets before
    // it takes a step's answer in, unless the page links them: this page carries them inside it instead. Fetched
    // anyway, they cost a slow phone the whole file on the first step, and the answer waited for it.
    const stylesheets: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (request.resourceType() === "stylesheet" || pathname.endsWith(".css")) stylesheets.push(pathname);
    });
    const answered: string[] = [];
    page.on("response", (response) => {
      if (/\/s\/DEMO\/svara\.data/.test(response.url())) answered.push(response.url());
    });
    await page.goto("/s/DEMO");
    await hydrated(page);
    await answerAll(page);
    await expect.poll(() => answered.length, UNTIL_STATE).toBeGreaterThan(0);
    await pressAndWaitForChange(page, "Tillbaka");
    expect(stylesheets).toEqual([]);
    await context.close();
  });

  it("keeps working when keys are pressed while the page's scripts take over", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The page's data reaches the scripts as a stream read after the page has loaded; on a slow phone that takes a
    // while, and React has started by then. Held here until the test lets it through.
    await page.addInitScript(HOLD_PAGE_DATA);
    await page.goto("/s/DEMO");
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    // React is listening on the page (its root is made) but cannot finish before the data comes.
    await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
    // A keyboard user starts at once.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    await page.evaluate(() => (window as unknown as { letPageDataThrough: () => void }).letPageDataThrough());
    await hydrated(page);
    await answerCurrent(page);
    await pressAndWaitForChange(page, "Nästa");
    expect(await questionTitle(page)).toBe("Vilket kön har du?");
    // A step only the server can answer: its answer must show.
    await pressAndWaitForChange(page, "Tillbaka");
    expect(await questionTitle(page)).toBe("Var bor du?");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the answers on the phone when offline at send, and sends them once when back online", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await answerAndSendOffline(context);
    await expectNoAxeViolations(page, "survey offline");
    await expectReadableContrast(page, "survey offline");
    await screenshot(page, "survey-offline");
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:outbox") ?? "[]").length)).toBe(1);
    expect((await responsesFor("DEMO")).length).toBe(before);
    // The connection returns: the answers leave at once (on the "online" event, or at the latest when the page
    // listens), and the page says thanks once they are stored; no timer is involved.
    await context.setOffline(false);
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    expect(await page.evaluate(() => localStorage.getItem("deltagarrost:outbox"))).toBeNull();
    await context.close();
  });

  it("says so, and keeps the answer, when a step finds no connection half-way", async () => {
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    await hydrated(page);
    await answerCurrent(page);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Nästa" }).click();
    await page.getByRole("heading", { name: "Ingen kontakt just nu" }).waitFor();
    await expectNoAxeViolations(page, "survey no connection");
    expect(await page.getByRole("radio", { name: "I Bostad Först" }).isChecked()).toBe(true);
    // "Försök igen" with no connection still: the page says so again, and nothing moves or is lost.
    await page.getByRole("button", { name: "Försök igen" }).click();
    await page.getByRole("heading", { name: "Ingen kontakt just nu" }).waitFor();
    expect(await questionTitle(page)).toBe("Var bor du?");
    expect(await page.getByRole("radio", { name: "I Bostad Först" }).isChecked()).toBe(true);
    // The connection returns: the step the person asked for goes by itself, and the message goes.
    await context.setOffline(false);
    await expect.poll(() => questionTitle(page), UNTIL_STATE).toBe("Vilket kön har du?");
    expect(await page.getByRole("heading", { name: "Ingen kontakt just nu" }).count()).toBe(0);
    await context.close();
  });

  it("goes on with 'Försök igen' once the connection is back, where the browser does not say it is back", async () => {
    const context = await newContext(browser, PHONE);
    // Some phones never fire "online": the page must not rely on it for the person's own retry.
    await context.addInitScript(() => {
      const add = window.addEventListener.bind(window);
      window.addEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject, unknown?]) => {
        if (type !== "online") add(type, ...(rest as [EventListenerOrEventListenerObject]));
      }) as typeof window.addEventListener;
    });
    const page = await open(context);
    await hydrated(page);
    await answerCurrent(page);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Nästa" }).click();
    await page.getByRole("heading", { name: "Ingen kontakt just nu" }).waitFor();
    await context.setOffline(false);
    await page.getByRole("button", { name: "Försök igen" }).click();
    await expect.poll(() => questionTitle(page), UNTIL_STATE).toBe("Vilket kön har du?");
    expect(await page.getByRole("heading", { name: "Ingen kontakt just nu" }).count()).toBe(0);
    await context.close();
  });

  it("sends answers left on the phone from any page of the app when it is opened again", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await answerAndSendOffline(context);
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto("/");
    await again.waitForFunction(() => localStorage.getItem("deltagarrost:outbox") === null);
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });

  it("sends answers in the background when the connection returns, with no page of the app open, stored once", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    await hydrated(page);
    // The service worker is installed once a page has loaded (Chromium has Background Sync).
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => Boolean(r.active)))).toBe(true);
    await answerAll(page);
    await context.setOffline(true);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: OFFLINE_SAVED }).waitFor();
    // The worker's copy (IndexedDB) is there before the person leaves.
    const workerCopies = (p: Page) =>
      p.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open("deltagarrost", 1);
            open.onupgradeneeded = () => open.result.createObjectStore("outbox", { keyPath: "body.id" });
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction("outbox").objectStore("outbox").count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
            };
          }),
      );
    await expect.poll(() => workerCopies(page), UNTIL_STATE).toBe(1);
    // The person closes the survey; no page of the app is open (a blank tab only lets the test reach the browser).
    const blank = await context.newPage();
    await page.close();
    const cdp = await context.newCDPSession(blank);
    const registrations = new Map<string, { registrationId: string; scopeURL: string; isDeleted: boolean }>();
    cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
      for (const r of event.registrations) registrations.set(r.registrationId, r);
    });
    await cdp.send("ServiceWorker.enable");
    const origin = new URL(baseUrl()).origin;
    const registration = () =>
      [...registrations.values()].find((r) => r.scopeURL === `${origin}/` && !r.isDeleted)?.registrationId;
    await expect.poll(registration, UNTIL_STATE).toBeTruthy();
    await context.setOffline(false);
    // The connection is back: the browser wakes the worker (here on the test's word, as it would by itself).
    await cdp.send("ServiceWorker.dispatchSyncEvent", {
      origin,
      registrationId: registration()!,
      tag: "deltagarrost-outbox",
      lastChance: false,
    });
    await expect.poll(async () => (await responsesFor("DEMO")).length, UNTIL_STATE).toBe(before + 1);
    const stored = await responsesFor("DEMO");
    expect(JSON.parse(stored[stored.length - 1].answers)).toMatchObject({ program: "bostad_forst", satisfaction: 5 });
    // Later the person opens the app: the page's own copy is sent too, and still one response is stored.
    const later = await context.newPage();
    await later.goto("/");
    await later.waitForFunction(() => localStorage.getItem("deltagarrost:outbox") === null);
    expect(await workerCopies(later)).toBe(0);
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });

  it("sends answers from a page of the app that is open when the connection returns (no service worker)", async () => {
    const before = (await responsesFor("DEMO")).length;
    // A browser without Background Sync: the pages send the answers themselves.
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: "sv-SE",
      baseURL: baseUrl(),
      serviceWorkers: "block",
    });
    context.setDefaultTimeout(50_000);
    context.setDefaultNavigationTimeout(50_000);
    const start = await context.newPage();
    await start.goto("/");
    await hydrated(start);
    const page = await answerAndSendOffline(context);
    await page.close();
    // Only the start page is open when the connection returns.
    await context.setOffline(false);
    await start.waitForFunction(() => localStorage.getItem("deltagarrost:outbox") === null);
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });

  it("stores one response when send is tapped twice", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    await hydrated(page);
    await answerAll(page);
    const posts: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/s/DEMO") && r.request().method() === "POST") posts.push(r.status());
    });
    await page.getByRole("button", { name: SEND }).dblclick();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    await expect.poll(() => posts.length, UNTIL_STATE).toBeGreaterThan(0);
    expect(posts.filter((s) => s === 201)).toHaveLength(1);
    expect(posts.every((s) => s === 201 || s === 200)).toBe(true);
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });

  it("continues after a reload half-way, or starts over", async () => {
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    await hydrated(page);
    for (let i = 0; i < 3; i++) {
      await answerCurrent(page);
      await pressAndWaitForChange(page, "Nästa");
    }
    const title = await questionTitle(page);
    await page.reload();
    await page.getByRole("heading", { name: "Du har redan börjat svara" }).waitFor();
    await expectNoAxeViolations(page, "survey resume");
    await expectReadableContrast(page, "survey resume");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await page.getByRole("heading", { name: title }).waitFor();
    await pressAndWaitForChange(page, "Tillbaka");
    expect(await page.getByRole("radio", { name: "Varje vecka" }).isChecked()).toBe(true);
    await page.reload();
    await page.getByRole("button", { name: "Börja om" }).click();
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem("deltagarrost:progress:DEMO"))).toBeNull();
    await context.close();
  });

  it("keeps 'Nästa' first and 'Tillbaka' below it, and 'Inget hindrar mig' alone", async () => {
    const context = await newContext(browser, PHONE);
    const page = await open(context);
    await hydrated(page);
    for (let i = 0; i < 40 && (await questionTitle(page)) !== "Vad gör att du inte kommer oftare?"; i++) {
      await answerCurrent(page);
      await pressAndWaitForChange(page, "Nästa");
    }
    const next = await page.getByRole("button", { name: "Nästa" }).boundingBox();
    const back = await page.getByRole("button", { name: "Tillbaka" }).boundingBox();
    expect(next && back && next.y < back.y).toBe(true);
    await page.getByText("Tiderna passar inte").click();
    await page.getByText("Inget hindrar mig").click();
    expect(await page.getByRole("checkbox", { name: "Tiderna passar inte" }).isChecked()).toBe(false);
    await page.getByText("Hur jag mår").click();
    expect(await page.getByRole("checkbox", { name: "Inget hindrar mig" }).isChecked()).toBe(false);
    await context.close();
  });
});

describe("without JavaScript", () => {
  // Forty page loads, with axe and a contrast check on the way: 38–56 s beside two busy loops, so a budget above the
  // file's 60 s. It waits for states throughout; this is how long it may take, not a wait.
  it(
    "answers the whole survey to the end, with the same checks, messages and progress",
    { timeout: 180_000 },
    async () => {
      const before = (await responsesFor("DEMO")).length;
      const context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled: false,
        baseURL: baseUrl(),
      });
      const page = await open(context);
      await page.getByRole("button", { name: "Nästa" }).click();
      await page.getByRole("alert").filter({ hasText: "Svara på frågan för att gå vidare." }).waitFor();
      await expectNoAxeViolationsWithoutScripts(browser, page, "no-script question with error");
      await expectReadableContrast(page, "no-script question with error");
      await page.getByRole("checkbox", { name: "Personal hjälper mig att svara" }).check();
      await answerCurrent(page);
      await pressAndWaitForChange(page, "Nästa");
      expect(await page.getByText(/^Fråga 2 av \d+$/).count()).toBe(1);
      await answerAll(page, { checks: true, scripts: false, browser });
      await page.getByRole("button", { name: SEND }).click();
      await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
      await expectNoAxeViolationsWithoutScripts(browser, page, "no-script thanks");
      await expectReadableContrast(page, "no-script thanks");
      const rows = await responsesFor("DEMO");
      expect(rows.length).toBe(before + 1);
      expect(rows[rows.length - 1].channel).toBe("staff");
      expect(JSON.parse(rows[rows.length - 1].answers)).toMatchObject({ program: "bostad_forst", satisfaction: 5 });
      await context.close();
    },
  );

  it("falls back to the plain form by itself when the scripts fail to download", async () => {
    const before = (await responsesFor("YOGA")).length;
    const context = await newContext(browser, TABLET);
    await context.route("**/build/**/*.js", (route) => route.abort());
    const page = await context.newPage();
    await page.goto("/s/YOGA");
    await page.getByRole("heading", { name: "Hur var det idag?" }).waitFor();
    for (let i = 0; i < 10; i++) {
      await answerCurrent(page, { text: "Lugnt" });
      if (await page.getByRole("button", { name: SEND }).isVisible()) break;
      await pressAndWaitForChange(page, "Nästa");
    }
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    expect((await responsesFor("YOGA")).length).toBe(before + 1);
    await context.close();
  });

  it("accepts answers begun while the campaign was open after it closes, marked late", async () => {
    const campaignId = await makeE2eCampaign("SENT1");
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: false,
      baseURL: baseUrl(),
    });
    const page = await open(context, "/s/SENT1");
    await answerCurrent(page);
    await pressAndWaitForChange(page, "Nästa");
    await answerAll(page);
    // A day passes while the page lies open: the campaign closed yesterday, and the page was handed out then, so
    // the "started while open" token it carries is yesterday's (signed as the server signs it).
    const yesterday = shiftDay(todayInStockholm(), -1);
    await e2eDb()("campaigns").where({ id: campaignId }).update({ opens_on: "2020-01-01", closes_on: yesterday });
    const state = page.locator('input[name="state"]');
    const carried = JSON.parse((await state.getAttribute("value")) ?? "{}");
    vi.stubEnv("SESSION_SECRET", E2E_SESSION_SECRET);
    carried.started = startedToken({ campaignId, responseId: carried.id, day: yesterday });
    vi.unstubAllEnvs();
    await state.evaluate((el, value) => el.setAttribute("value", value), JSON.stringify(carried));
    // The server may remember the campaign's dates for a moment: wait until it answers as for a closed one.
    await expect.poll(() => closedFor("SENT1"), UNTIL_STATE).toBe(410);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    const rows = await e2eDb()("responses").where({ campaign_id: campaignId }).select("id", "late");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: carried.id, late: 1 });
    // Without the token a closed campaign stays closed, as the contract says.
    expect((await fetch(`${baseUrl()}/s/SENT1`)).status).toBe(410);
    await context.close();
  });
});

/** A campaign of the brukarenkät of its own, open today, so that closing it touches no other test. */
async function makeE2eCampaign(code: string): Promise<number> {
  const db = e2eDb();
  const program = await db("programs").first("id");
  const now = new Date().toISOString();
  const [row] = await db("campaigns")
    .insert({
      code,
      survey_key: "brukarenkat",
      title: `E2E ${code}`,
      program_id: program.id,
      opens_on: "2020-01-01",
      closes_on: "2099-12-31",
      mode: "anonymous",
      kiosk: false,
      created_at: now,
      updated_at: now,
    })
    .returning("id");
  return typeof row === "object" ? row.id : row;
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The status the JSON contract gives answers without a token (410 once the campaign is closed; 422 while open). */
async function closedFor(code: string): Promise<number> {
  const response = await fetch(`${baseUrl()}/s/${code}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id: crypto.randomUUID(), answers: { program: "finns-inte" }, locale: "sv" }),
  });
  return response.status;
}

describe("kiosk mode on the shared tablet", () => {
  it("wipes everything after each person, so the next sees nothing of the previous", async () => {
    const context = await newContext(browser, TABLET);
    const page = await open(context, "/s/DEMO?kiosk=1");
    await hydrated(page);
    await answerAll(page);
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    expect(await page.getByText("Nästa person kan snart börja").count()).toBe(1);
    const rows = await responsesFor("DEMO");
    expect(rows[rows.length - 1].channel).toBe("kiosk");
    await page.getByRole("button", { name: "Starta om nu" }).click();
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    expect(await storedKeys(page)).toEqual([]);
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Tillbaka" }).count()).toBe(0);
    await page.goBack().catch(() => undefined);
    expect(await page.content()).not.toContain("Mer yoga, tack!");
    await context.close();
  });

  it("still sends a person's finished answers that waited for a connection when the next person starts", async () => {
    const before = (await responsesFor("DEMO")).length;
    // The pages send the outbox themselves here (no service worker), so the test holds every send.
    const context = await tabletSendingFromItsPages();
    const sends: Route[] = [];
    let connected = false;
    await context.route(/\/s\/DEMO$/, (route) => {
      if (route.request().method() !== "POST") return void route.continue();
      if (!connected) return void route.abort("internetdisconnected");
      sends.push(route);
    });
    const page = await open(context, "/s/DEMO?kiosk=1");
    await hydrated(page);
    // The connection is gone when the person sends: the answers wait on the tablet.
    await answerAndSendWithoutConnection(page);
    const outbox = () => page.evaluate(() => JSON.parse(localStorage.getItem("deltagarrost:outbox") ?? "[]").length);
    expect(await outbox()).toBe(1);
    // The tablet starts afresh for the next person (here as staff reload it); the connection is back.
    connected = true;
    await page.goto("/s/DEMO?kiosk=1");
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    await hydrated(page);
    // The answers of the person before are still there and on their way; nothing of them is shown.
    await expect.poll(() => sends.length, UNTIL_STATE).toBe(1);
    expect(await outbox()).toBe(1);
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem("deltagarrost:progress:DEMO"))).toBeNull();
    await sends[0].continue();
    await page.waitForFunction(() => localStorage.getItem("deltagarrost:outbox") === null);
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    // The next person is still at the start: no thanks for answers that were not theirs.
    expect(await page.getByRole("heading", { name: "Tack för dina svar!" }).count()).toBe(0);
    expect(await questionTitle(page)).toBe("Var bor du?");
    await context.close();
  });

  it("starts the next person without a connection, and sends both people's answers when it returns", async () => {
    const before = (await responsesFor("DEMO")).length;
    // The pages send the outbox themselves here (no service worker): the test sees what the page does.
    const context = await tabletSendingFromItsPages();
    const page = await context.newPage();
    await page.clock.install();
    const foresight = page.waitForResponse((r) => r.url().endsWith("/s/DEMO/framat"));
    await page.goto("/s/DEMO?kiosk=1");
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    await hydrated(page);
    // What lies ahead has come (fetched once after the page loaded); then the connection goes.
    expect((await foresight).ok()).toBe(true);
    await context.setOffline(true);
    // The tablet says where the answers are, in words for a tablet, and that the next person can start.
    await answerAndSendWithoutConnection(page);
    expect(await page.getByText("Nästa person kan börja.", { exact: false }).count()).toBe(1);
    expect(await page.getByText(/telefon/).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Starta om nu" }).count()).toBe(1);
    await expectNoAxeViolations(page, "kiosk offline at send");
    // Two buttons side by side, far enough apart for a finger to hit the one it means.
    const restartBox = await page.getByRole("button", { name: "Starta om nu" }).boundingBox();
    const retryBox = await page.getByRole("button", { name: "Försök skicka nu" }).boundingBox();
    const apart = Math.max(
      retryBox!.x - (restartBox!.x + restartBox!.width),
      retryBox!.y - (restartBox!.y + restartBox!.height),
    );
    expect(apart).toBeGreaterThanOrEqual(8);
    await screenshot(page, "kiosk-offline-saved");
    // Nobody touches it: the start returns, with no connection, empty.
    await page.clock.runFor(KIOSK_THANKS_MS + 1000);
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Tillbaka" }).count()).toBe(0);
    expect(await page.content()).not.toContain("Mer yoga, tack!");
    // The next person answers to the end and sends, still without a connection.
    await answerAndSendWithoutConnection(page);
    const waiting = await page.evaluate(() =>
      JSON.parse(localStorage.getItem("deltagarrost:outbox") ?? "[]").map((e: { body: { id: string } }) => e.body.id),
    );
    expect(new Set(waiting).size).toBe(2);
    // The connection returns: both people's answers leave, each stored once, as the tablet's.
    await context.setOffline(false);
    await expect.poll(async () => (await responsesFor("DEMO")).length, UNTIL_STATE).toBe(before + 2);
    const rows = (await responsesFor("DEMO")).slice(-2);
    expect(rows.map((r) => r.id).sort()).toEqual([...waiting].sort());
    expect(rows.map((r) => r.channel)).toEqual(["kiosk", "kiosk"]);
    for (const row of rows) expect(JSON.parse(row.answers)).toMatchObject({ program: "bostad_forst" });
    await context.close();
  });

  it("never resumes someone else's answers: after a minute without a touch, the start returns, empty", async () => {
    const context = await newContext(browser, TABLET);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto("/s/DEMO?kiosk=1");
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    await hydrated(page);
    for (let i = 0; i < 3; i++) {
      await answerCurrent(page);
      await pressAndWaitForChange(page, "Nästa");
    }
    // The person leaves with a choice tapped on the fourth question but not confirmed with "Nästa".
    await answerCurrent(page);
    const before = (await responsesFor("DEMO")).length;
    const navigated = page.waitForEvent("framenavigated");
    await page.clock.runFor(61_000);
    await navigated;
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    expect(await page.getByRole("heading", { name: "Du har redan börjat svara" }).count()).toBe(0);
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    // This survey does not take partial answers: nothing of the person was sent, and nothing stays on the tablet,
    // in its storage, in the new page's form, or one step back in its history.
    await hydrated(page);
    expect((await responsesFor("DEMO")).length).toBe(before);
    expect(await storedKeys(page)).toEqual([]);
    const carried = JSON.parse((await page.locator('input[name="state"]').getAttribute("value")) ?? "{}");
    expect(carried.answers).toEqual({});
    await page.goBack().catch(() => undefined);
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    await context.close();
  });
});

describe("the 30-second activity survey on the Mallis tablet", () => {
  it("is answered with a smiley and a few words, in English when chosen, and its words reach the feedback inbox", async () => {
    const context = await newContext(browser, TABLET);
    const page = await context.newPage();
    await page.goto("/s/YOGA");
    await page.getByRole("link", { name: "Change language to English" }).click();
    await page.getByRole("heading", { name: "How was it today?" }).waitFor();
    await hydrated(page);
    expect(await page.getByText("It takes about one minute.").count()).toBe(1);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).not.toContain("Vad tyckte");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("alert").filter({ hasText: "Please answer" }).waitFor();
    await expectNoAxeViolations(page, "activity survey rating (en)");
    await expectReadableContrast(page, "activity survey rating (en)");
    await screenshot(page, "activity-smileys-tablet");
    // One row of faces, each with its word.
    const faces = await page.locator(".smiley").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(new Set(faces.map(Math.round)).size).toBe(1);
    await page.getByText("Very good", { exact: true }).click();
    await pressAndWaitForChange(page, "Next");
    await page.getByRole("textbox").fill("Lugnt och skönt");
    const posted = page.waitForResponse((r) => r.url().endsWith("/s/YOGA") && r.request().method() === "POST");
    for (let i = 0; i < 5 && !(await page.getByRole("button", { name: "Send the answers" }).isVisible()); i++) {
      await pressAndWaitForChange(page, "Next");
      if ((await page.getByRole("radio").count()) > 0) await page.getByRole("radio").first().check();
    }
    await page.getByRole("button", { name: "Send the answers" }).click();
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
    // The next person starts in Swedish: the language was this person's choice, not the tablet's.
    await page.getByRole("button", { name: "Restart now" }).click();
    await page.getByRole("heading", { name: "Hur var det idag?" }).waitFor();
    expect(await page.getByRole("link", { name: "Change language to English" }).count()).toBe(1);
    await context.close();
  });

  it("sends what a person answered as a partial response when they walk away; the start returns, empty", async () => {
    const stored = () =>
      e2eDb()("responses as r")
        .join("campaigns as c", "c.id", "r.campaign_id")
        .where("c.code", "YOGA")
        .orderBy("r.submitted_at")
        .select("r.id", "r.answers", "r.channel", "r.partial");
    const before = (await stored()).length;
    const context = await newContext(browser, TABLET);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto("/s/YOGA");
    await page.getByRole("heading", { name: "Hur var det idag?" }).waitFor();
    await hydrated(page);
    // A face tapped, then the person leaves without "Nästa".
    await page.getByText("Mycket bra", { exact: true }).click();
    const navigated = page.waitForEvent("framenavigated");
    await page.clock.runFor(61_000);
    await navigated;
    await page.getByRole("heading", { name: "Hur var det idag?" }).waitFor();
    await hydrated(page);
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    const rows = await stored();
    expect(rows.length).toBe(before + 1);
    const last = rows[rows.length - 1];
    expect(JSON.parse(last.answers)).toEqual({ rating: 5 });
    expect(last.channel).toBe("kiosk");
    expect(Boolean(last.partial)).toBe(true);
    // Nothing of the person stays on the tablet.
    expect(await storedKeys(page)).toEqual([]);
    // The next person is left alone: with no touch on the start, nothing more is sent.
    await page.clock.runFor(61_000);
    expect(await page.getByRole("heading", { name: "Hur var det idag?" }).count()).toBe(1);
    expect((await stored()).length).toBe(before + 1);
    await context.close();
  });
});

describe("at a 32 px base font size (a low-vision setting)", () => {
  /** Everything a person reads or taps on this page: inside the 390 px screen, none of it clipped. */
  async function expectAllWithinScreen(page: Page, label: string) {
    await expectNoHorizontalScroll(page);
    const boxes = page.locator("main h1, main h2, main label, main button, main p, main legend");
    const outside = await boxes.evaluateAll((els) =>
      els
        .filter((e) => {
          const box = e.getBoundingClientRect();
          const visible = box.width > 0 && box.height > 0;
          return !visible || box.left < 0 || box.right > document.documentElement.clientWidth + 0.5;
        })
        .map((e) => `${e.tagName} ${e.textContent?.trim().slice(0, 40)}`),
    );
    expect(outside, label).toEqual([]);
  }

  it("shows every question, option and button inside the phone's width, and each one works", async () => {
    const before = (await responsesFor("DEMO")).length;
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    // What the browser's own font-size setting does: the default size every rem is measured from.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Page.enable");
    // A screenshot re-applies the phone's emulation, and with it the browser's default sizes: set them again after.
    const largeFonts = () => cdp.send("Page.setFontSizes", { fontSizes: { standard: 32, fixed: 32 } });
    const shot = async (name: string) => {
      await screenshot(page, name);
      await largeFonts();
    };
    await largeFonts();
    await page.goto("/s/DEMO");
    await page.getByRole("heading", { name: "Var bor du?" }).waitFor();
    await hydrated(page);
    await shot("survey-32px-first-question");
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const title = await questionTitle(page);
      seen.push(title);
      const labelSize = await page
        .locator("fieldset label, fieldset textarea")
        .first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(labelSize, title).toBeGreaterThanOrEqual(32);
      await expectAllWithinScreen(page, title);
      if ((await page.locator(".smiley").count()) > 0) await shot("survey-32px-smileys");
      // Usable: each option is tapped where it is shown.
      await answerCurrent(page);
      if (await page.getByRole("button", { name: SEND }).isVisible()) break;
      await pressAndWaitForChange(page, "Nästa");
    }
    expect(seen.length).toBeGreaterThan(15);
    await shot("survey-32px-last-question");
    await page.getByRole("button", { name: SEND }).click();
    await page.getByRole("heading", { name: "Tack för dina svar!" }).waitFor();
    await expectAllWithinScreen(page, "thanks");
    expect((await responsesFor("DEMO")).length).toBe(before + 1);
    await context.close();
  });
});

describe("read-aloud", () => {
  async function withVoice(context: BrowserContext) {
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
  }
  const spoken = (page: Page) =>
    page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

  it("is on every question and speaks it with every option, the smiley scale's words included", async () => {
    const context = await newContext(browser, PHONE);
    await withVoice(context);
    const page = await open(context);
    await page.getByText("Tryck på Läs upp om du vill höra frågan.").waitFor();
    await page.getByRole("button", { name: "Läs upp" }).click();
    expect((await spoken(page))[0]).toEqual({
      lang: "sv-SE",
      text: "Var bor du? I Bostad Först. I en försöks- eller träningslägenhet. Vet inte.",
    });
    await expectNoAxeViolations(page, "question with read-aloud");
    for (let i = 0; i < 40 && (await questionTitle(page)) !== "Vad tycker du om Mallis?"; i++) {
      expect(await page.getByRole("button", { name: "Läs upp" }).isVisible()).toBe(true);
      await answerCurrent(page);
      await pressAndWaitForChange(page, "Nästa");
    }
    await page.getByRole("button", { name: "Läs upp" }).click();
    const last = (await spoken(page)).at(-1);
    expect(last?.text).toContain("Vad tycker du om Mallis?");
    expect(last?.text).toContain("Mycket dåligt. Dåligt. Sådär. Bra. Mycket bra");
    await expectNoAxeViolations(page, "smiley question");
    await expectReadableContrast(page, "smiley question");
    await screenshot(page, "survey-smileys-phone");
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
    const page = await open(context);
    await hydrated(page);
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
    await expectReadableContrast(page, "closed campaign");
    await screenshot(page, "survey-closed");
    const unknown = await page.goto("/s/FINNSEJ");
    expect(unknown?.status()).toBe(404);
    await context.close();
  });
});

describe("the start page's code box", () => {
  it("takes a workshop code to the workshop, and keeps the box for an unknown code", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByLabel("Har du fått en kod? Skriv den här:").fill("framtid");
    await page.getByRole("button", { name: "Gå vidare" }).click();
    await page.waitForURL(/\/w\/FRAMTID$/);
    await page.goto("/");
    await page.getByLabel("Har du fått en kod? Skriv den här:").fill("xyz9");
    await page.getByRole("button", { name: "Gå vidare" }).click();
    await page.getByText("Vi hittar ingen enkät eller verkstad med koden XYZ9. Kolla koden och försök igen.").waitFor();
    expect(await page.getByLabel("Har du fått en kod? Skriv den här:").inputValue()).toBe("xyz9");
    await expectNoAxeViolations(page, "unknown code");
    await context.close();
  });
});
