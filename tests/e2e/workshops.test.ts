import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolationsWithoutScripts } from "../support/axe-without-scripts";
import { e2eDb } from "../support/e2e-database";
import {
  DESKTOP,
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  login,
  newContext,
  screenshot,
  signedInPage,
} from "../support/browser";

setUpBrowser();

/**
 * The board shows a new note by itself, without a reload. How fast is a benchmark's question
 * (`npm run bench -- workshop-board`), not this test's: here it waits for the state.
 */
async function expectOnBoard(board: Page, text: string) {
  await expect.poll(() => board.locator(".board__note", { hasText: text }).count()).toBe(1);
}

async function writeNote(page: Page, text: string) {
  await page.getByLabel("Skriv din lapp").fill(text);
  await page.getByRole("button", { name: "Skicka lappen" }).click();
  await expect.poll(() => page.getByText("Tack! Din lapp finns nu på tavlan.").count()).toBe(1);
  await expect.poll(() => page.getByLabel("Skriv din lapp").inputValue()).toBe("");
}

/** One tap, one message: the line that counts the dots says the dot is placed; nothing else repeats it. */
async function giveDot(page: Page, item: string, leftAfter: number, total: number) {
  await page.getByRole("button", { name: `Ge en prick: ${item}` }).click();
  await expect.poll(() => page.getByText(`Du har ${leftAfter} av ${total} prickar kvar.`).count()).toBe(1);
  expect(await page.getByRole("status").filter({ hasText: "Din prick är lagd." }).count()).toBe(1);
  expect(await page.getByText("Din prick är lagd.").count()).toBe(1);
}

/** Where an element starts on the page, from the top of the document. */
async function topOf(locator: ReturnType<Page["locator"]>): Promise<number> {
  return locator.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

/** A context of the same person with JavaScript off: their cookies, a page that only the server renders. */
async function withoutScripts(context: Awaited<ReturnType<typeof newContext>>, viewport = PHONE) {
  return browser.newContext({
    viewport,
    javaScriptEnabled: false,
    locale: "sv-SE",
    baseURL: baseUrl(),
    storageState: await context.storageState(),
  });
}

describe("Framtidsverkstad", () => {
  it("runs a session with a facilitator and two phones, from notes to /forslag", async () => {
    const { context: facilitatorContext, page: staff } = await signedInPage("facilitator@demo.local", DESKTOP);
    await staff.goto("/staff/workshops");
    await expectNoAxeViolations(staff, "workshop list");
    await screenshot(staff, "workshops-list-desktop");
    await staff.getByRole("link", { name: "Ny framtidsverkstad" }).click();
    await staff.waitForURL(/\/staff\/workshops\/new$/);
    await expectNoAxeViolations(staff, "new workshop");
    const title = `Verkstad ${Date.now()}`;
    await staff.getByLabel("Namn på träffen").fill(title);
    await staff.getByRole("button", { name: "Skapa" }).click();
    await staff.waitForURL(/\/staff\/workshops\/\d+$/);
    const controlUrl = new URL(staff.url()).pathname;
    const code = (await staff.locator(".join-code").textContent())!.trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
    await expectNoAxeViolations(staff, "workshop control");
    await screenshot(staff, "workshop-control-desktop");

    const board = await facilitatorContext.newPage();
    await board.goto(`/w/${code}/board`);
    await expectNoAxeViolations(board, "board before start");

    const phoneA = await newContext(browser, PHONE);
    const phoneB = await newContext(browser, PHONE);
    const a = await phoneA.newPage();
    const b = await phoneB.newPage();
    await a.goto(`/w/${code.toLowerCase()}`);
    expect(new URL(a.url()).pathname).toBe(`/w/${code}`);
    await b.goto(`/w/${code}`);
    expect(await a.getByRole("heading", { level: 2 }).first().textContent()).toBe("Vi har inte börjat än");
    await expectNoAxeViolations(a, "participant waiting");
    await expectNoHorizontalScroll(a);
    await screenshot(a, "participant-waiting-phone");

    // Critique phase: the phones follow by themselves.
    await staff.getByRole("button", { name: "Kritikfas" }).click();
    await expect.poll(() => staff.getByText("Fasen är ändrad till Kritikfas.").count()).toBe(1);
    for (const phone of [a, b]) {
      await expect.poll(() => phone.getByRole("heading", { name: "Vad är dåligt eller saknas?" }).count()).toBe(1);
    }
    await a.getByLabel("Förnamn eller smeknamn (om du vill)").fill("Maja");
    await a.getByRole("button", { name: "Spara namnet" }).click();
    await expect.poll(() => a.getByText("Hej Maja!").count()).toBe(1);

    const htmlNote = "Det saknas <b>kvällsöppet</b>";
    await writeNote(a, htmlNote);
    await expectOnBoard(board, htmlNote);
    expect(await board.locator(".board__note b").count()).toBe(0);
    await writeNote(b, "För få saker att göra");
    await expectOnBoard(board, "För få saker att göra");
    expect(await board.getByText("Maja").count()).toBe(0);
    await expectNoAxeViolations(a, "participant critique");
    await screenshot(a, "participant-critique-phone");
    await expectNoAxeViolations(board, "board critique");
    await screenshot(board, "board-critique-desktop");

    // A note that is too long is refused plainly and stays in the box.
    const long = "x".repeat(320);
    await b.getByLabel("Skriv din lapp").fill(long);
    await b.getByRole("button", { name: "Skicka lappen" }).click();
    await expect.poll(() => b.getByRole("alert").textContent()).toContain("Lappen är för lång. Den har 320 tecken.");
    expect(await b.getByLabel("Skriv din lapp").inputValue()).toBe(long);
    await expectNoAxeViolations(b, "participant note error");

    // Fantasy phase.
    await staff.getByRole("button", { name: "Fantasifas" }).click();
    await expect.poll(() => staff.getByText("Fasen är ändrad till Fantasifas.").count()).toBe(1);
    for (const phone of [a, b]) {
      await expect
        .poll(() => phone.getByRole("heading", { name: "Hur skulle det se ut om allt var möjligt?" }).count())
        .toBe(1);
    }
    await writeNote(a, "Filmkväll varje torsdag");
    await expectOnBoard(board, "Filmkväll varje torsdag");
    await writeNote(b, "Ett kök där vi lagar mat ihop");
    await expectOnBoard(board, "Ett kök där vi lagar mat ihop");
    expect(await board.locator(".board__note", { hasText: "För få saker att göra" }).count()).toBe(0);

    // Dot voting on the fantasy notes, three dots each.
    await staff.goto(`${controlUrl}/voting`);
    await expectNoAxeViolations(staff, "voting page");
    await staff.getByLabel("Prickar per deltagare").fill("3");
    await staff.getByRole("button", { name: "Öppna röstningen" }).click();
    await expect
      .poll(() => staff.getByText("Röstningen är öppen: Lappar från fantasifasen, 3 prickar per deltagare.").count())
      .toBe(1);
    // One message for one event: the state line says it, no second banner repeats it.
    expect(await staff.getByText("Röstningen är öppen.", { exact: true }).count()).toBe(0);
    expect(await staff.getByRole("status").filter({ hasText: "Röstningen är öppen" }).count()).toBe(1);
    for (const phone of [a, b]) {
      await expect.poll(() => phone.getByRole("heading", { name: "Rösta med prickar" }).count()).toBe(1);
    }
    await expect.poll(() => a.getByText("Du har 3 av 3 prickar kvar.").count()).toBe(1);
    // The dots come before the note form: nobody scrolls past the form to vote.
    expect(await topOf(a.getByRole("heading", { name: "Rösta med prickar" }))).toBeLessThan(
      await topOf(a.getByLabel("Skriv din lapp")),
    );
    expect(await topOf(a.getByRole("button", { name: "Ge en prick: Filmkväll varje torsdag" }))).toBeLessThan(
      await topOf(a.getByLabel("Skriv din lapp")),
    );
    await giveDot(a, "Filmkväll varje torsdag", 2, 3);
    await giveDot(a, "Filmkväll varje torsdag", 1, 3);
    await giveDot(a, "Ett kök där vi lagar mat ihop", 0, 3);
    // No dot left: "Ge en prick" is not offered as if it worked; taking one back is.
    for (const item of ["Filmkväll varje torsdag", "Ett kök där vi lagar mat ihop"])
      expect(await a.getByRole("button", { name: `Ge en prick: ${item}` }).isDisabled()).toBe(true);
    expect(await a.getByRole("button", { name: "Ta tillbaka en prick: Filmkväll varje torsdag" }).isEnabled()).toBe(
      true,
    );
    expect(await a.getByText("Alla dina prickar är lagda. Vill du ändra? Ta tillbaka en prick först.").count()).toBe(1);
    expect(await a.getByText("Du har 0 av 3 prickar kvar.").count()).toBe(1);
    await expectNoAxeViolations(a, "participant voting");
    await screenshot(a, "participant-voting-phone");
    await giveDot(b, "Filmkväll varje torsdag", 2, 3);

    // Without JavaScript a phone votes the same way, the dots first, and meets the same greyed button at 0.
    const phoneC = await browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
      locale: "sv-SE",
      baseURL: baseUrl(),
    });
    const c = await phoneC.newPage();
    await c.goto(`/w/${code}`);
    expect(await c.getByRole("heading", { level: 1 }).textContent()).toBe(`Framtidsverkstad${title}`);
    expect(await topOf(c.getByRole("heading", { name: "Rösta med prickar" }))).toBeLessThan(
      await topOf(c.getByLabel("Skriv din lapp")),
    );
    for (const left of [2, 1, 0]) {
      await c.getByRole("button", { name: "Ge en prick: Ett kök där vi lagar mat ihop" }).click();
      await c.getByText(`Du har ${left} av 3 prickar kvar.`).waitFor();
      expect(await c.getByText("Din prick är lagd.").count()).toBe(1);
    }
    expect(await c.getByRole("button", { name: "Ge en prick: Filmkväll varje torsdag" }).isDisabled()).toBe(true);
    await expectNoAxeViolationsWithoutScripts(browser, c, "participant voting without scripts");
    await screenshot(c, "participant-voting-no-js-phone");
    await c.getByRole("button", { name: "Ta tillbaka en prick: Ett kök där vi lagar mat ihop" }).click();
    await c.getByText("Du har 1 av 3 prickar kvar.").waitFor();
    expect(await c.getByText("Pricken är tillbaka hos dig.").count()).toBe(1);
    expect(await c.getByRole("button", { name: "Ge en prick: Filmkväll varje torsdag" }).isEnabled()).toBe(true);
    await phoneC.close();

    // The facilitator places a dot for someone without a phone.
    await staff.getByRole("button", { name: "Lägg till deltagare utan telefon" }).click();
    await staff.waitForURL(/voting\?for=\d+/);
    await staff.getByRole("button", { name: "Ge en prick: Ett kök där vi lagar mat ihop" }).click();
    await expect.poll(() => staff.getByText("Utan telefon 1 har 2 av 3 prickar kvar.").count()).toBe(1);
    expect(await staff.getByText("Sparat.", { exact: true }).count()).toBe(0);

    await expect
      .poll(async () => (await board.locator(".board__ranking li").allTextContents()).slice(0, 2))
      .toEqual(["1.Ett kök där vi lagar mat ihop4 prickar", "2.Filmkväll varje torsdag3 prickar"]);
    await expectNoAxeViolations(board, "board voting");
    await screenshot(board, "board-voting-desktop");
    await staff.getByRole("button", { name: "Stäng röstningen" }).click();
    await expect.poll(() => staff.getByRole("status").filter({ hasText: "Röstningen är stängd." }).count()).toBe(1);
    expect(await staff.getByText("Röstningen är stängd.").count()).toBe(1);
    expect(await staff.getByText("Ingen röstning är öppen.").count()).toBe(0);
    await expectNoAxeViolations(staff, "voting page after closing");

    // Realisation: a proposal, its status changed, and /forslag shows it.
    await staff.goto(controlUrl);
    await staff.getByRole("button", { name: "Förverkligandefas" }).click();
    await expect.poll(() => staff.getByText("Fasen är ändrad till Förverkligandefas.").count()).toBe(1);
    await staff.goto(`${controlUrl}/proposals`);
    await expectNoAxeViolations(staff, "proposals page");
    const proposalTitle = `Filmkväll på torsdagar ${code}`;
    await staff.getByLabel("Rubrik").fill(proposalTitle);
    await staff.getByLabel("Vad ska göras").fill("Vi visar en film på Mallis varje torsdag kväll.");
    await staff.getByLabel("Vem gör det").fill("Street Minds");
    await staff.getByRole("button", { name: "Spara förslaget" }).click();
    await expect.poll(() => staff.getByText("Förslaget är sparat.").count()).toBe(1);
    const card = staff.locator(".proposal", { hasText: proposalTitle });
    await card.getByLabel("Läge").selectOption("ej_genomforbar");
    await card.getByRole("button", { name: "Spara läget" }).click();
    await expect
      .poll(() => staff.locator(".proposal", { hasText: proposalTitle }).getByRole("alert").textContent())
      .toContain("Skriv varför");
    await staff.locator(".proposal", { hasText: proposalTitle }).getByLabel("Läge").selectOption("planerad");
    await staff.locator(".proposal", { hasText: proposalTitle }).getByLabel("Kommentar").fill("Vi börjar nästa månad.");
    await staff.locator(".proposal", { hasText: proposalTitle }).getByRole("button", { name: "Spara läget" }).click();
    await expect.poll(() => staff.getByText("Läget är sparat.").count()).toBe(1);
    await screenshot(staff, "proposals-desktop");

    // The proposal's own page: an edit without "what" is refused at the field, and the typed title stays.
    await staff
      .locator(".proposal", { hasText: proposalTitle })
      .getByRole("link", { name: "Visa historik och ändra" })
      .click();
    await staff.waitForURL(/\/staff\/workshops\/proposals\/\d+$/);
    await expectNoAxeViolations(staff, "proposal page");
    await staff.getByLabel("Vad ska göras").fill("");
    await staff.getByRole("button", { name: "Spara", exact: true }).click();
    await expect.poll(() => staff.getByText("Skriv vad som ska göras (högst 2000 tecken).").count()).toBe(1);
    expect(await staff.getByLabel("Vad ska göras").getAttribute("aria-invalid")).toBe("true");
    expect(await staff.getByLabel("Rubrik").inputValue()).toBe(proposalTitle);
    await expectNoAxeViolations(staff, "proposal page with an error");

    const forslag = await phoneB.newPage();
    await forslag.goto("/forslag");
    const first = forslag.locator(".proposal").first();
    expect(await first.getByRole("heading").textContent()).toBe(proposalTitle);
    expect(await first.locator(".proposal__status").textContent()).toContain("Planerat");
    expect(await first.locator(".proposal__comment").textContent()).toContain("Vi börjar nästa månad.");
    expect(await forslag.getByText("Street Minds", { exact: true }).count()).toBe(0);
    expect(await forslag.getByText("Maja").count()).toBe(0);
    await expectNoAxeViolations(forslag, "/forslag");
    await expectNoHorizontalScroll(forslag);
    await screenshot(forslag, "forslag-phone");

    // The protocol lists the action plan; the session ends and the phones say so.
    await staff.goto(`${controlUrl}/protocol`);
    expect(await staff.getByText(proposalTitle).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(staff, "protocol");
    await screenshot(staff, "protocol-desktop");
    const docx = await staff.request.get(`${baseUrl()}${controlUrl}/protocol.docx`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()["content-type"]).toContain("wordprocessingml");

    // "Avslutad" asks first, also without JavaScript: "no" keeps the session going, "yes" ends it.
    const noScripts = await withoutScripts(facilitatorContext, PHONE);
    const plain = await noScripts.newPage();
    await plain.goto(controlUrl);
    await plain.getByRole("button", { name: "Avslutad" }).click();
    await plain.getByRole("heading", { name: "Vill du avsluta träffen?" }).waitFor();
    // On the facilitator's phone the question is on the first screen after the reload, with its "yes" button.
    const yes = (await plain.getByRole("button", { name: "Ja, avsluta träffen" }).boundingBox())!;
    expect(yes.y + yes.height).toBeLessThanOrEqual(PHONE.height);
    await expectNoHorizontalScroll(plain);
    await expectNoAxeViolationsWithoutScripts(browser, plain, "end-session question without scripts");
    await screenshot(plain, "workshop-end-confirm-no-js");
    await plain.getByRole("link", { name: "Nej, fortsätt träffen" }).click();
    // The question shares its page with the phase line, so the state that shows "no" went through is the question gone.
    await expect.poll(() => plain.getByRole("heading", { name: "Vill du avsluta träffen?" }).count()).toBe(0);
    await plain.getByText("Nu: Förverkligandefas").waitFor();
    expect((await a.request.get(`${baseUrl()}/w/${code}`)).status()).toBe(200);
    await plain.getByRole("button", { name: "Avslutad" }).click();
    await plain.getByRole("button", { name: "Ja, avsluta träffen" }).click();
    await plain.getByText("Fasen är ändrad till Avslutad.").waitFor();
    await noScripts.close();
    expect((await a.request.get(`${baseUrl()}/w/${code}`)).status()).toBe(410);
    // With JavaScript the question is the same, and focus lands on it.
    await staff.goto(controlUrl);
    await staff.getByRole("button", { name: "Förverkligandefas" }).click();
    await expect.poll(() => staff.getByText("Fasen är ändrad till Förverkligandefas.").count()).toBe(1);
    await staff.getByRole("button", { name: "Avslutad" }).click();
    await expect.poll(() => staff.getByRole("heading", { name: "Vill du avsluta träffen?" }).count()).toBe(1);
    await expect
      .poll(() => staff.evaluate(() => document.activeElement?.getAttribute("aria-labelledby")))
      .toBe("confirm-end-title");
    await expectNoAxeViolations(staff, "end-session question");
    await staff.getByRole("button", { name: "Ja, avsluta träffen" }).click();
    await expect.poll(() => staff.getByText("Fasen är ändrad till Avslutad.").count()).toBe(1);
    const ended = await a.goto(`/w/${code}`);
    expect(ended?.status()).toBe(410);
    expect(await a.getByRole("heading", { level: 1 }).textContent()).toBe("Framtidsverkstaden är slut");
    await expectNoAxeViolations(a, "session ended");
    await screenshot(a, "participant-ended-phone");

    await phoneA.close();
    await phoneB.close();
    await facilitatorContext.close();
  });

  it("opens the demo session FRAMTID on a phone and its board with the board key, and 404s an unknown code", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const response = await page.goto("/w/FRAMTID");
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("heading", { name: "Hur skulle det se ut om allt var möjligt?" }).count()).toBe(1);
    // The demo session is called just "Framtidsverkstad": said once, not twice.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Framtidsverkstad");
    expect(await page.getByText("Framtidsverkstad").count()).toBe(1);
    await expectNoAxeViolations(page, "FRAMTID phone");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "framtid-phone");

    // In English nothing Swedish is left over: not the heading, not the session's name.
    const english = await newContext(browser, PHONE);
    await english.addCookies([{ name: "lang", value: "en", url: baseUrl() }]);
    const en = await english.newPage();
    await en.goto("/w/FRAMTID");
    expect(await en.getByRole("heading", { level: 1 }).textContent()).toBe("Future workshop");
    expect(await en.getByText("Framtidsverkstad").count()).toBe(0);
    expect(await en.getByRole("heading", { name: "What would it look like if anything were possible?" }).count()).toBe(
      1,
    );
    await expectNoAxeViolations(en, "FRAMTID phone in English");
    await english.close();

    const missing = await page.goto("/w/FINNSINTE");
    expect(missing?.status()).toBe(404);

    const noKey = await fetch(`${baseUrl()}/w/FRAMTID/board?key=wrong`, { redirect: "manual" });
    expect(noKey.status).toBe(403);

    const { context: staffContext, page: staff } = await signedInPage("facilitator@demo.local", DESKTOP);
    await staff.goto("/staff/workshops");
    await staff.getByRole("table").getByRole("link", { name: "Framtidsverkstad", exact: true }).click();
    await staff.waitForURL(/\/staff\/workshops\/\d+$/);
    const keyUrl = (await staff.locator("a.key-link").getAttribute("href"))!;
    const board = await context.newPage();
    await board.setViewportSize({ width: 1280, height: 800 });
    await board.goto(keyUrl);
    expect(await board.locator(".board__note").count()).toBeGreaterThan(0);
    expect(await board.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Hur skulle det se ut om allt var möjligt?",
    );
    await expectNoAxeViolations(board, "FRAMTID board with key");
    await screenshot(board, "framtid-board-key");

    const forslag = await context.newPage();
    await forslag.goto("/forslag");
    expect(await forslag.getByText("Längre öppettider på Mallis").count()).toBe(1);
    expect(await forslag.getByText("Går inte att göra").count()).toBeGreaterThan(0);
    await staffContext.close();
    await context.close();
  });

  it("fills a 1920×1080 projector with a typical session: 24 notes in 4 themes and the vote, no scrolling, readable", async () => {
    const { context, page: staff } = await signedInPage("facilitator@demo.local", DESKTOP);
    await staff.goto("/staff/workshops/new");
    await staff.getByLabel("Namn på träffen").fill(`Tavla ${Date.now()}`);
    await staff.getByRole("button", { name: "Skapa" }).click();
    await staff.waitForURL(/\/staff\/workshops\/\d+$/);
    const controlUrl = new URL(staff.url()).pathname;
    const workshopId = Number(controlUrl.split("/").pop());
    const code = (await staff.locator(".join-code").textContent())!.trim();
    const post = async (path: string, form: Record<string, string>) => {
      const res = await staff.request.post(`${baseUrl()}${path}`, { form, headers: { Origin: baseUrl() } });
      expect(res.status(), `${path} ${JSON.stringify(form)}`).toBeLessThan(400);
    };
    await post(controlUrl, { intent: "phase", phase: "kritik" });
    const themes: Record<string, string[]> = {
      Öppettider: [
        "Det är stängt på kvällarna",
        "Helgerna är långa och ensamma",
        "Öppna tidigare på morgonen",
        "Stängt i juli när man behöver det mest",
        "Ingen plats att vara på söndagar",
        "Kort lunchöppet",
      ],
      Information: [
        "Jag visste inte att Mallis fanns",
        "Schemat är svårt att hitta",
        "Skriv schemat på lätt svenska",
        "Sms när något ändras",
        "Affischerna sitter för högt",
        "Ingen berättar om nya aktiviteter",
      ],
      Mat: [
        "Maten tar slut för tidigt",
        "Mer grönsaker",
        "Vi vill laga mat själva",
        "Frukosten är för liten",
        "Kaffet är dåligt",
        "Inget för den som inte äter fläsk",
      ],
      Bemötande: [
        "Personalen har för lite tid",
        "Man blir inte alltid hälsad välkommen",
        "Svårt att prata ostört",
        "Nya besökare känner sig utanför",
        "Det är för mycket regler",
        "Bra personal men för få",
      ],
    };
    for (const title of Object.keys(themes)) await post(controlUrl, { intent: "add-theme", phase: "kritik", title });
    for (const text of Object.values(themes).flat())
      await post(controlUrl, { intent: "add-note", phase: "kritik", text, channel: "facilitator" });
    const themeRows: { id: number; title: string }[] = await e2eDb()("workshop_themes")
      .where({ workshop_id: workshopId })
      .select("id", "title");
    const noteRows: { id: number; text: string }[] = await e2eDb()("workshop_notes")
      .where({ workshop_id: workshopId })
      .select("id", "text");
    for (const note of noteRows) {
      const theme = Object.entries(themes).find(([, texts]) => texts.includes(note.text))![0];
      const themeId = themeRows.find((t) => t.title === theme)!.id;
      await post(controlUrl, {
        intent: "save-note",
        noteId: String(note.id),
        text: note.text,
        themeId: String(themeId),
      });
    }
    await post(`${controlUrl}/voting`, { intent: "open", target: "critique_themes", dots: "3" });

    const board = await context.newPage();
    await board.setViewportSize({ width: 1920, height: 1080 });
    await board.goto(`/w/${code}/board`);
    await expect.poll(() => board.locator(".board__note").count()).toBe(24);
    await expect.poll(() => board.getByRole("heading", { name: "Röstning" }).count()).toBe(1);
    // The projector shows the board only: no site header or footer, no scrolling.
    expect(await board.getByRole("banner").count()).toBe(0);
    expect(await board.getByRole("contentinfo").count()).toBe(0);
    const fit = await board.evaluate(() => {
      const notes = [...document.querySelectorAll(".board__note")].map((n) => n.getBoundingClientRect());
      const themesShown = [...document.querySelectorAll(".board__theme")].map((h) => h.getBoundingClientRect());
      return {
        scrollHeight: document.documentElement.scrollHeight,
        scrollWidth: document.documentElement.scrollWidth,
        lowestNote: Math.max(...notes.map((r) => r.bottom)),
        noteColumns: new Set(notes.map((r) => Math.round(r.left))).size,
        themeColumns: new Set(themesShown.map((r) => Math.round(r.left))).size,
        noteFontPx: parseFloat(getComputedStyle(document.querySelector(".board__note")!).fontSize),
        questionFontPx: parseFloat(getComputedStyle(document.querySelector(".board__question")!).fontSize),
        codeFontPx: parseFloat(getComputedStyle(document.querySelector(".board__code")!).fontSize),
      };
    });
    expect(fit.scrollHeight).toBeLessThanOrEqual(1080);
    expect(fit.scrollWidth).toBeLessThanOrEqual(1920);
    expect(fit.lowestNote).toBeLessThanOrEqual(1080);
    // The four themes stand side by side, not one long column.
    expect(fit.themeColumns).toBe(4);
    expect(fit.noteColumns).toBeGreaterThanOrEqual(4);
    // Readable from the back of a room: notes at least 24 px, the question and the code larger still.
    expect(fit.noteFontPx).toBeGreaterThanOrEqual(24);
    expect(fit.questionFontPx).toBeGreaterThan(fit.noteFontPx);
    expect(fit.codeFontPx).toBeGreaterThanOrEqual(fit.noteFontPx);
    await expectNoAxeViolations(board, "board 1920×1080");
    await screenshot(board, "board-1920x1080");
    await context.close();
  });

  it("reflows at 320 CSS px without sideways scrolling", async () => {
    const context = await newContext(browser, { width: 320, height: 640 });
    const page = await context.newPage();
    for (const path of ["/w/FRAMTID", "/forslag"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
    }
    await login(page, "facilitator@demo.local");
    for (const path of ["/staff/workshops", "/w/FRAMTID/board"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
    }
    await context.close();
  });
});
