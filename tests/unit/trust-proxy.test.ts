import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "~/http/trust-proxy";

describe("TRUST_PROXY", () => {
  it("accepts the documented values", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("TRUE")).toBe(1);
    expect(parseTrustProxy("yes")).toBe(1);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8,::1")).toEqual(["127.0.0.1", "10.0.0.0/8", "::1"]);
    expect(parseTrustProxy("uniquelocal,fd00::/8")).toEqual(["uniquelocal", "fd00::/8"]);
  });

  it("refuses anything else with a readable message", () => {
    for (const bad of ["maybe", "10.0.0.0/33", "300.1.1.1", "1.2.3.4/8/9", "99", "*"])
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
  });
});
