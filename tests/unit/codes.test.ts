import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, generateJoinCode, normalizeJoinCode, uniqueJoinCode } from "~/surveys/join-code.server";
import { normalizeParticipantCode, participantCodeHmac } from "~/privacy/participant-code.server";
import { qrSvg } from "~/reports/qr.server";

describe("join codes", () => {
  it("use no characters that look alike", () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[0O1I]/);
    for (let i = 0; i < 200; i++) expect(generateJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
  });

  it("are compared without case, spaces or dashes", () => {
    expect(normalizeJoinCode(" ab-c d ")).toBe("ABCD");
  });

  it("skip codes already taken", async () => {
    const seen: string[] = [];
    const code = await uniqueJoinCode(async (c) => {
      seen.push(c);
      return seen.length < 3;
    });
    expect(seen).toHaveLength(3);
    expect(code).toBe(seen[2]);
    await expect(uniqueJoinCode(async () => true)).rejects.toThrow();
  });
});

describe("participant codes", () => {
  it("hash the same code typed differently to the same value, and never contain it", () => {
    process.env.SESSION_SECRET ??= "unit-test-secret-0123456789abcdef";
    expect(normalizeParticipantCode("ka 03-vä")).toBe("KA03VÄ");
    const a = participantCodeHmac("KA03VÄ");
    expect(participantCodeHmac("ka 03 vä")).toBe(a);
    expect(participantCodeHmac("KA03VA")).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("QR codes", () => {
  it("render as a standalone SVG", async () => {
    const svg = await qrSvg("https://example.se/s/DEMO");
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
    expect(svg).not.toMatch(/<script/i);
  });
});

describe("route params", async () => {
  const { isIsoDate, parseId } = await import("~/http/params");
  it("parse ids strictly and check that dates exist", () => {
    expect(parseId("12")).toBe(12);
    for (const bad of ["0", "-1", "1.5", "abc", "", undefined, "99999999999999999999"])
      expect(() => parseId(bad)).toThrow();
    expect(isIsoDate("2024-02-29")).toBe(true);
    for (const bad of ["2023-02-29", "2024-02-31", "2024-13-01", "24-01-01", "2024-1-1"])
      expect(isIsoDate(bad), bad).toBe(false);
  });
});
