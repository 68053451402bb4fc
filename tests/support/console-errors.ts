import { afterEach, beforeEach, vi, type MockInstance } from "vitest";

/**
 * A test fails when something calls `console.error` it did not expect (as in the Epic Stack's test setup):
 * an error the app only logs is still an error. A test that expects one takes it with `takeConsoleErrors()`
 * and asserts on what it got; whatever is left at the end fails the test.
 */
let spy: MockInstance<typeof console.error> | null = null;

beforeEach(() => {
  spy = vi.spyOn(console, "error");
});

afterEach(() => {
  // A test that mocks console.error itself has said what it expects and checks it.
  const mockedByTest = spy?.getMockImplementation() !== undefined;
  const calls = mockedByTest ? [] : (spy?.mock.calls ?? []);
  spy?.mockRestore();
  spy = null;
  if (calls.length > 0)
    throw new Error(
      `console.error was called ${calls.length} time(s) unexpectedly:\n${calls.map((c) => c.map(String).join(" ")).join("\n")}`,
    );
});

/** The console.error calls so far in this test, which then no longer count as unexpected. */
export function takeConsoleErrors(): unknown[][] {
  const calls = [...(spy?.mock.calls ?? [])];
  spy?.mockClear();
  return calls;
}
