import type { BrowserContext } from "playwright-core";

/**
 * The browser's half of "a test fails on an unexpected console.error" (tests/support/console-errors.ts is the test
 * process's half): what a page logs with console.error, an uncaught exception in a page, or a request the page's
 * Content-Security-Policy refused. React reports a failed hydration that way, so a page that only seems to work is
 * caught. Chromium's own line for a failed request ("Failed to load resource: … 404", "net::ERR_…") does not count:
 * the tests that cause one (an error page, a connection cut) assert on the status or page they expect.
 *
 * Nor does Remix's line for a navigation it cut short (decision 0058): a tap or a save while the page still loads
 * the last one starts a new navigation, the router aborts the old one (`AbortController.abort()` with no reason),
 * and its single-fetch decoder logs the abort with console.error before it rethrows (react-router issue 14203). A
 * person sees nothing, and the test still asserts what the tap did. Only that exact message, logged by the app's own
 * build, is let through; an uncaught AbortError still fails the test.
 */
const seen: string[] = [];

const NETWORK_STATUS = /^Failed to load resource: /;
const NAVIGATION_CUT_SHORT = /^AbortError: signal is aborted without reason(\n|$)/;

/** Remix's console.error for a navigation it cut short, logged by the app's own build (decision 0058). */
export function isNavigationCutShort(text: string, url: string): boolean {
  return NAVIGATION_CUT_SHORT.test(text) && /^https?:\/\/127\.0\.0\.1:\d+\/build\//.test(url);
}

/** Records the errors of every page `context` opens; `setUpBrowser` fails the test that leaves any. */
export function watchPageErrors(context: BrowserContext): void {
  context.on("console", (message) => {
    if (message.type() !== "error" || NETWORK_STATUS.test(message.text())) return;
    if (isNavigationCutShort(message.text(), message.location().url)) return;
    seen.push(`console.error on ${message.location().url || message.page()?.url()}: ${message.text()}`);
  });
  context.on("weberror", (error) => {
    seen.push(`uncaught on ${error.page()?.url()}: ${error.error().stack ?? error.error().message}`);
  });
}

/** The page errors seen so far in this test, which then no longer count as unexpected. */
export function takePageErrors(): string[] {
  return seen.splice(0);
}

/** Throws when a page logged an error this test did not take; called after every browser test. */
export function expectNoPageErrors(): void {
  const left = takePageErrors();
  if (left.length > 0)
    throw new Error(`a page reported ${left.length} error(s) the test did not expect:\n${left.join("\n")}`);
}
