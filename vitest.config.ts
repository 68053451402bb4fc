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
          testTimeout: 20_000,
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
          // As in the unit and integration tests: an unexpected console.error in a test fails it.
          setupFiles: ["tests/support/console-errors.ts"],
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
