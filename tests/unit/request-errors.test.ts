import { afterEach, describe, expect, it, vi } from "vitest";
import { logRequestError } from "~/auth/refusals.server";

afterEach(() => vi.restoreAllMocks());

describe("logging errors from requests", () => {
  it("writes bad input from a request as one line without a stack", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logRequestError(new URIError("URI malformed"), { method: "GET", url: "http://x/s/%E0%A4%A" });
    logRequestError({ status: 405, statusText: "Method Not Allowed" }, { method: "PATCH", url: "http://x/forslag" });
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
    for (const [line] of warn.mock.calls) {
      expect(String(line)).not.toContain("\n");
      expect(String(line)).not.toMatch(/at .+\(/);
    }
    expect(warn.mock.calls[0][0]).toBe("GET /s/%E0%A4%A: URIError: URI malformed");
  });

  it("keeps the stack of a bug of ours", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = new Error("boom");
    logRequestError(bug, { method: "GET", url: "http://x/staff" });
    expect(error).toHaveBeenCalledWith(bug);
  });
});
