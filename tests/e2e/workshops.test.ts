import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
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
} from "../support/browser";

setUpBrowser();

/** The board must show a new note within 3 seconds of it being sent. */
async function expectOnBoardWithin3s(board: Page, text: string) {
  await expect
    .poll(() => board.locator(".board__note", { hasText: text }).count(), { timeout: 3000, interval: 150 })
    .toBe(1);
}

async function writeNote(page: Page, text: string) {
  await page.getByLabel("Skriv din lapp").fill(text);
  await page.getByRole("button", { name: "Skicka lappen" }).click();
  await expect.poll(() => page.getByText("Tack! Din lapp finns nu på tavlan.").count()).toBe(1);
  await expect.poll(() => page.getByLabel("Skriv din lapp").inputValue()).toBe("");
}

async function giveDot(page: Page, item: string, leftAfter: number, total: number) {
  await page.getByRole("button", { name: `Ge en prick: ${item}` }).click();
  await expect.poll(() => page.getByText(`Du har ${leftAfter} av ${total} prickar kvar.`).count()).toBe(1);
}

describe("Framtidsverkstad", () => {
  it("runs a session with a facilitator and two phones, from notes to /forslag", { timeout: 150_000 }, async () => {
    const facilitatorContext = await newContext(browser, DESKTOP);
    const staff = await facilitatorContext.newPage();
    await login(staff, "facilitator@demo.local");
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
      await expect
        .poll(() => phone.getByRole("heading", { name: "Vad är dåligt eller saknas?" }).count(), { timeout: 10_000 })
        .toBe(1);
    }
    await a.getByLabel("Förnamn eller smeknamn (om du vill)").fill("Maja");
    await a.getByRole("button", { name: "Spara namnet" }).click();
    await expect.poll(() => a.getByText("Hej Maja!").count()).toBe(1);

    const htmlNote = "Det saknas <b>kvällsöppet</b>";
    await writeNote(a, htmlNote);
    await expectOnBoardWithin3s(board, htmlNote);
    expect(await board.locator(".board__note b").count()).toBe(0);
    await writeNote(b, "För få saker att göra");
    await expectOnBoardWithin3s(board, "För få saker att göra");
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
        .poll(() => phone.getByRole("heading", { name: "Hur skulle det se ut om allt var möjligt?" }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
    }
    await writeNote(a, "Filmkväll varje torsdag");
    await expectOnBoardWithin3s(board, "Filmkväll varje torsdag");
    await writeNote(b, "Ett kök där vi lagar mat ihop");
    await expectOnBoardWithin3s(board, "Ett kök där vi lagar mat ihop");
    expect(await board.locator(".board__note", { hasText: "För få saker att göra" }).count()).toBe(0);

    // Dot voting on the fantasy notes, three dots each.
    await staff.goto(`${controlUrl}/voting`);
    await expectNoAxeViolations(staff, "voting page");
    await staff.getByLabel("Prickar per deltagare").fill("3");
    await staff.getByRole("button", { name: "Öppna röstningen" }).click();
    await expect
      .poll(() => staff.getByText("Röstningen är öppen: Lappar från fantasifasen, 3 prickar per deltagare.").count())
      .toBe(1);
    for (const phone of [a, b]) {
      await expect
        .poll(() => phone.getByRole("heading", { name: "Rösta med prickar" }).count(), { timeout: 10_000 })
        .toBe(1);
    }
    await expect.poll(() => a.getByText("Du har 3 av 3 prickar kvar.").count()).toBe(1);
    await giveDot(a, "Filmkväll varje torsdag", 2, 3);
    await giveDot(a, "Filmkväll varje torsdag", 1, 3);
    await giveDot(a, "Ett kök där vi lagar mat ihop", 0, 3);
    await a.getByRole("button", { name: "Ge en prick: Filmkväll varje torsdag" }).click();
    await expect.poll(() => a.getByRole("alert").textContent()).toContain("Du har inga prickar kvar");
    expect(await a.getByText("Du har 0 av 3 prickar kvar.").count()).toBe(1);
    await expectNoAxeViolations(a, "participant voting");
    await screenshot(a, "participant-voting-phone");
    await giveDot(b, "Filmkväll varje torsdag", 2, 3);

    // The facilitator places a dot for someone without a phone.
    await staff.getByRole("button", { name: "Lägg till deltagare utan telefon" }).click();
    await staff.waitForURL(/voting\?for=\d+/);
    await staff.getByRole("button", { name: "Ge en prick: Ett kök där vi lagar mat ihop" }).click();
    await expect.poll(() => staff.getByText("Utan telefon 1 har 2 av 3 prickar kvar.").count()).toBe(1);

    await expect
      .poll(async () => (await board.locator(".board__ranking li").allTextContents()).slice(0, 2), {
        timeout: 3000,
        interval: 150,
      })
      .toEqual(["1.Filmkväll varje torsdag3 prickar", "2.Ett kök där vi lagar mat ihop2 prickar"]);
    await expectNoAxeViolations(board, "board voting");
    await screenshot(board, "board-voting-desktop");
    await staff.getByRole("button", { name: "Stäng röstningen" }).click();
    await expect.poll(() => staff.getByText("Ingen röstning är öppen.").count()).toBe(1);

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

    await staff.goto(controlUrl);
    await staff.getByRole("button", { name: "Avslutad" }).click();
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
    await expectNoAxeViolations(page, "FRAMTID phone");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "framtid-phone");

    const missing = await page.goto("/w/FINNSINTE");
    expect(missing?.status()).toBe(404);

    const noKey = await fetch(`${baseUrl()}/w/FRAMTID/board?key=wrong`, { redirect: "manual" });
    expect(noKey.status).toBe(403);

    const staffContext = await newContext(browser, DESKTOP);
    const staff = await staffContext.newPage();
    await login(staff, "facilitator@demo.local");
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
