import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

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
