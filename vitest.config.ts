import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          setupFiles: ["tests/support/console-errors.ts"],
          // CPU-bound tests (disclosure proofs over random pages, password hashing) run beside the e2e browser in
          // `npm test`; a budget for a busy machine, not a wait on time.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          pool: "forks",
          globalSetup: ["tests/support/integration-global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts", "tests/support/console-errors.ts"],
          // A backstop for a CPU-bound test (password hashing in the login tests, the demo seed, a whole survey walked
          // page by page) when the integration files run beside the e2e browser or other work: at load 20 several took
          // 20-25 s. A budget, not a wait: polls have their own 15 s below (decision 0036).
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // expect.poll waits for a state; its default of one second is a wait on time on a busy machine.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          pool: "forks",
          fileParallelism: false,
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          // As in the unit and integration tests: an unexpected console.error in a test fails it; and an e2e file
          // fails when the server wrote an error to stderr meanwhile (tests/support/server-errors.ts).
          setupFiles: ["tests/support/console-errors.ts", "tests/support/e2e-server-stderr.ts"],
          // A backstop for a whole flow on a loaded machine, well above one step's budget (50 s for an action or a
          // navigation, 30 s for a poll): a stuck step then fails with its own locator and message, not as a bare
          // "test timed out". Tests wait for states (decision 0036); no budget here is a wait.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // expect.poll waits for a state (a page, a stored row); its default of one second is a wait on time on a
          // busy machine, where a page can take several seconds.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
