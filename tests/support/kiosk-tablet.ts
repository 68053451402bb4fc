import type { BrowserContext, Page } from "playwright-core";
import { baseUrl, browser } from "./browser";
import { SEND, answerAll } from "./survey-participant";

/** The shared tablet's screen. */
export const TABLET = { width: 800, height: 1280 };

/** What a shared tablet says when the answers wait on it for a connection. */
export const KIOSK_OFFLINE_SAVED = "Svaren är sparade här på surfplattan";

/**
 * The shared tablet with its service worker blocked: its pages send the outbox themselves, so a test sees, holds or
 * cuts every send the page makes. It starts with nothing stored.
 */
export function tabletSendingFromItsPages(): Promise<BrowserContext> {
  return browser.newContext({ viewport: TABLET, locale: "sv-SE", baseURL: baseUrl(), serviceWorkers: "block" });
}

/**
 * A person on the tablet answers every question and sends while there is no connection: the tablet says the answers
 * wait on it (and that the next person can start).
 */
export async function answerAndSendWithoutConnection(page: Page): Promise<void> {
  await answerAll(page);
  await page.getByRole("button", { name: SEND }).click();
  await page.getByRole("heading", { name: KIOSK_OFFLINE_SAVED }).waitFor();
}
