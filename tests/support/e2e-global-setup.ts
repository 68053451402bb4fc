import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { buildApp, startServer } from "./start-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The SQLite file the e2e server uses, for tests that check what was stored. */
    e2eDatabase: string;
    /** The e2e server's stderr as it grows: each test file fails on a line of it that is not allowed. */
    e2eServerStderr: string;
  }
}

/** The e2e server's secret: tests that must sign what the server signs (a page handed out yesterday) use it. */
export const E2E_SESSION_SECRET = "e2e-test-secret-0123456789abcdef";

/** Builds the app once and serves it, as `npm start` does, on a fresh SQLite file with the demo data. */
export default async function setup(project: TestProject) {
  buildApp();
  const server = await startServer({ env: { SESSION_SECRET: E2E_SESSION_SECRET } });
  project.provide("baseUrl", server.baseUrl);
  project.provide("e2eDatabase", server.databaseFile);
  project.provide("e2eServerStderr", server.stderrFile);
  return async () => {
    if (process.env.E2E_SERVER_LOG) fs.writeFileSync(process.env.E2E_SERVER_LOG, server.output());
    await server.stop();
  };
}
