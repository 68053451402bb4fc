import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  openPage,
  screenshot,
  setUpBrowser,
  signedInPage,
} from "../support/browser";

/** Issue 10, point 15: an admin adds, renames, archives, restores and deletes a programme, in Chromium. */
setUpBrowser();

for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  describe(`the programmes page on a ${size}`, () => {
    it("adds, renames, archives and restores a programme, and deletes it while it holds nothing", async () => {
      const { context, page } = await signedInPage("admin@demo.local", viewport);
      await openPage(page, "/staff/programs", "Program");
      // The demo's programmes hold data: they can be archived, never deleted.
      expect(await page.getByRole("row", { name: /Bostad Först.*Aktivt/ }).count()).toBe(1);
      await expectNoAxeViolations(page, `programmes list (${size})`);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `programs-list-${size}`);

      // Empty name: a plain error, focus on it, nothing added.
      await page.getByRole("button", { name: "Lägg till" }).click();
      await expect.poll(() => page.getByText("Skriv ett namn, högst 200 tecken.").count()).toBe(1);
      expect(await page.getByLabel("Namn", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page, `programmes add error (${size})`);

      const name = `Testprogram ${size}`;
      await page.getByLabel("Namn", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Lägg till" }).click();
      await expect.poll(() => page.getByText(`Programmet ”${name}” är tillagt.`).count()).toBe(1);
      await page.getByRole("link", { name: `Ändra ${name}` }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Program: ${name}`);
      expect(await page.getByText("Inga uppgifter", { exact: true }).count()).toBe(1);
      await expectNoAxeViolations(page, `programme page (${size})`);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `program-page-${size}`);

      await page.getByLabel("Namn", { exact: true }).fill(`${name} Söder`);
      await page.getByRole("button", { name: "Spara namnet" }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Program: ${name} Söder`);
      expect(await page.getByText("Namnet är sparat.").count()).toBe(1);

      await page.getByRole("button", { name: "Arkivera programmet" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Återställ programmet" }).count()).toBe(1);
      expect(await page.getByText(/Programmet är arkiverat\./).count()).toBe(1);
      await expectNoAxeViolations(page, `archived programme (${size})`);
      // Gone from the pickers for something new.
      await page.goto("/staff/activities/new");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
      expect(await page.locator("option", { hasText: name }).count()).toBe(0);
      await page.goBack();
      await expect.poll(() => page.getByRole("button", { name: "Återställ programmet" }).count()).toBe(1);
      await page.getByRole("button", { name: "Återställ programmet" }).click();
      await expect.poll(() => page.getByText("Programmet är återställt och går att välja igen.").count()).toBe(1);

      await page.getByRole("button", { name: "Ta bort programmet" }).click();
      await expect.poll(() => page.getByText("Programmet är borttaget.").count()).toBe(1);
      expect(await page.getByRole("link", { name: `Ändra ${name} Söder` }).count()).toBe(0);
      await context.close();
    });
  });
}

describe("a stale programme page", () => {
  it("is refused with a plain message, shows the newer name and loses nothing typed", async () => {
    const { context, page: first } = await signedInPage("admin@demo.local", DESKTOP);
    await first.goto("/staff/programs");
    await first.getByLabel("Namn", { exact: true }).fill("Två flikar");
    await first.getByRole("button", { name: "Lägg till" }).click();
    await first.getByRole("link", { name: "Ändra Två flikar" }).click();
    await expect.poll(() => first.getByRole("heading", { level: 1 }).textContent()).toBe("Program: Två flikar");
    const second = await context.newPage();
    await second.goto(first.url());
    await expect.poll(() => second.getByRole("heading", { level: 1 }).textContent()).toBe("Program: Två flikar");

    await first.getByLabel("Namn", { exact: true }).fill("Två flikar A");
    await first.getByRole("button", { name: "Spara namnet" }).click();
    await expect.poll(() => first.getByText("Namnet är sparat.").count()).toBe(1);

    await second.getByLabel("Namn", { exact: true }).fill("Två flikar B");
    await second.getByRole("button", { name: "Spara namnet" }).click();
    await expect.poll(() => second.getByText(/Någon annan ändrade programmet/).count()).toBe(1);
    await expect.poll(() => second.getByRole("heading", { level: 1 }).textContent()).toBe("Program: Två flikar A");
    expect(await second.getByLabel("Namn", { exact: true }).inputValue()).toBe("Två flikar B");
    await expectNoAxeViolations(second, "stale programme page");
    // Saved again from the fresh page, it goes through; then the test leaves nothing behind.
    await second.getByRole("button", { name: "Spara namnet" }).click();
    await expect.poll(() => second.getByRole("heading", { level: 1 }).textContent()).toBe("Program: Två flikar B");
    await second.getByRole("button", { name: "Ta bort programmet" }).click();
    await expect.poll(() => second.getByText("Programmet är borttaget.").count()).toBe(1);
    await context.close();
  });
});
