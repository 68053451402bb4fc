import fs from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { expectNoServerErrors } from "./server-errors";

/**
 * An e2e test file fails when the shared e2e server wrote a line to stderr while it ran that no exception in
 * `server-errors.ts` allows (the files run one after another, so what the server wrote meanwhile is theirs).
 */
const file = inject("e2eServerStderr");
let from = 0;

beforeAll(() => {
  from = fs.statSync(file).size;
});

afterAll(() => {
  const written = fs.readFileSync(file).subarray(from).toString("utf8");
  expectNoServerErrors(written, "the e2e server");
});
