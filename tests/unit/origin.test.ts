import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "~/auth/origin.server";

const base = { method: "POST", origin: null, referer: null, host: "app.local:3000", forwardedHost: null };

describe("same-origin check for state-changing requests", () => {
  it("lets reads through whatever their origin", () => {
    expect(isSameOriginRequest({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
  });

  it("accepts our own origin and refuses any other, including the opaque 'null'", () => {
    expect(isSameOriginRequest({ ...base, origin: "http://app.local:3000" })).toBe(true);
    expect(isSameOriginRequest({ ...base, origin: "http://evil.example" })).toBe(false);
    expect(isSameOriginRequest({ ...base, origin: "http://app.local:3001" })).toBe(false);
    expect(isSameOriginRequest({ ...base, origin: "null" })).toBe(false);
  });

  it("falls back to Referer, and lets header-less clients through", () => {
    expect(isSameOriginRequest({ ...base, referer: "http://app.local:3000/staff/users" })).toBe(true);
    expect(isSameOriginRequest({ ...base, referer: "http://evil.example/x" })).toBe(false);
    expect(isSameOriginRequest(base)).toBe(true);
  });

  it("compares with the forwarded host first, as Remix does behind a proxy", () => {
    expect(
      isSameOriginRequest({ ...base, origin: "https://rost.example.se", forwardedHost: "rost.example.se, proxy" }),
    ).toBe(true);
    expect(isSameOriginRequest({ ...base, origin: "http://app.local:3000", forwardedHost: "rost.example.se" })).toBe(
      false,
    );
  });
});
