import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoAxeViolations, screenshot } from "./browser";
import { expectReadableContrast } from "./contrast";

/** The line under a text box that says how many characters are left (or too many), reading exactly `text`. */
export function countLine(page: Page, text: string): Locator {
  return page.getByRole("paragraph").and(page.getByText(text, { exact: true }));
}

/** What a screen reader is told politely about the count: a status reading exactly `text`. */
export function countSaid(page: Page, text: string): Locator {
  return page.getByRole("status").and(page.getByText(text, { exact: true }));
}

/** Statuses that say anything about characters: none while the person types on within the same state. */
export function countStatuses(page: Page): Locator {
  return page.getByRole("status").filter({ hasText: /tecken|characters/ });
}

/** The count line is said with the box: one of the ids in the box's `aria-describedby`. */
export async function expectDescribes(box: Locator, line: Locator): Promise<void> {
  const described = ((await box.getAttribute("aria-describedby")) ?? "").split(" ");
  expect(described).toContain(await line.getAttribute("id"));
}

/** No count on the page reads as a negative number ("−12 tecken kvar"). */
export async function expectNoNegativeCount(page: Page): Promise<void> {
  expect(await page.getByText(/[-−]\s*[\d\u00a0]+\s*(tecken|characters)/).count()).toBe(0);
}

/**
 * Types past `limit` in `box` and back, as a person does, and checks what they see and what a screen reader is told:
 * 5 too many says so (`over(5)`), never as a negative number, with the box, and is said once; a key more changes the
 * line and says nothing more; axe and contrast pass on that state (and it is photographed as `label`); 10 under the
 * limit says `left(10)`, and that is said too.
 */
export async function typePastTheLimitAndBack(
  page: Page,
  box: Locator,
  {
    limit,
    over,
    left,
    label,
  }: { limit: number; over: (n: number) => string; left: (n: number) => string; label: string },
): Promise<void> {
  await box.fill("x".repeat(limit + 5));
  const line = countLine(page, over(5));
  await line.waitFor();
  await expectNoNegativeCount(page);
  await expectDescribes(box, line);
  await countSaid(page, over(5)).waitFor();
  await box.press("End");
  await box.press("y");
  await countLine(page, over(6)).waitFor();
  await expect.poll(() => countStatuses(page).count()).toBe(0);
  await expectNoAxeViolations(page, `${label} too long while typing`);
  await expectReadableContrast(page, `${label} too long while typing`);
  await screenshot(page, `${label.replace(/\W+/g, "-")}-count-over-phone`);
  // Shorter again: back within the limit, and said so.
  await box.fill("x".repeat(limit - 10));
  await countLine(page, left(10)).waitFor();
  await countSaid(page, left(10)).waitFor();
  await expect.poll(() => countLine(page, over(6)).count()).toBe(0);
  await expectNoNegativeCount(page);
}
