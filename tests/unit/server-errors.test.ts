import { describe, expect, it } from "vitest";
import { expectNoServerErrors, unexpectedServerErrors } from "../support/server-errors";

describe("what an e2e server may write to stderr", () => {
  it("allows a refused request's one line, and nothing else: an error and its stack fail the file", () => {
    const refused = "GET /staff/feedback/abc: ErrorResponseImpl: Not Found\nPOST /s/DEMO: status 413\n";
    expect(unexpectedServerErrors(refused)).toEqual([]);
    expect(() => expectNoServerErrors(refused, "the e2e server")).not.toThrow();

    const fault = "Error: SQLITE_BUSY: database is locked\n    at Statement.run (node_modules/knex/…)\n";
    expect(unexpectedServerErrors(refused + fault)).toEqual([
      "Error: SQLITE_BUSY: database is locked",
      "    at Statement.run (node_modules/knex/…)",
    ]);
    expect(() => expectNoServerErrors(fault, "the e2e server")).toThrow(/2 unexpected line\(s\)[\s\S]*SQLITE_BUSY/);
    // A refused request's line says no more than one line: a second line (a stack) is not part of it.
    expect(unexpectedServerErrors("GET /x: Error: boom\n    at loader (build/index.js:1:1)")).toEqual([
      "    at loader (build/index.js:1:1)",
    ]);
  });
});
