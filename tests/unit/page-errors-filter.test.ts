import { describe, expect, it } from "vitest";
import { isNavigationCutShort } from "../support/page-errors";

const BUILD = "http://127.0.0.1:41591/build/_shared/chunk-HSX5B7HI.js";

describe("the page-error check lets through only Remix's line for a navigation it cut short (decision 0058)", () => {
  it("lets through the abort as the app's build logs it, with or without its stack", () => {
    expect(isNavigationCutShort("AbortError: signal is aborted without reason", BUILD)).toBe(true);
    expect(
      isNavigationCutShort("AbortError: signal is aborted without reason\n    at $r (chunk.js:1:22416)", BUILD),
    ).toBe(true);
  });

  it("still counts any other message, or the same one from elsewhere", () => {
    expect(isNavigationCutShort("AbortError: The user aborted a request.", BUILD)).toBe(false);
    expect(isNavigationCutShort("TypeError: Failed to fetch", BUILD)).toBe(false);
    expect(isNavigationCutShort("Warning: AbortError: signal is aborted without reason", BUILD)).toBe(false);
    expect(isNavigationCutShort("AbortError: signal is aborted without reason", "http://127.0.0.1:41591/s/DEMO")).toBe(
      false,
    );
    expect(isNavigationCutShort("AbortError: signal is aborted without reason", "https://example.org/build/x.js")).toBe(
      false,
    );
  });
});
