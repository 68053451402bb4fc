import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import {
  fastHmac,
  newExportKey,
  participantPseudonym,
  participantPseudonyms,
  responsePseudonyms,
} from "~/privacy/pseudonym";

describe("export pseudonyms", () => {
  const hmacA = "a".repeat(64);
  const hmacB = "b".repeat(64);

  it("link the same person inside one export, and tell different people apart", () => {
    const key = newExportKey();
    expect(participantPseudonym(key, hmacA)).toBe(participantPseudonym(key, hmacA));
    expect(participantPseudonym(key, hmacA)).not.toBe(participantPseudonym(key, hmacB));
    expect(participantPseudonym(key, null)).toBeNull();
  });

  it("are the same remembered or computed again, past the memory's limit too", () => {
    const key = newExportKey();
    const pseudonym = participantPseudonyms(key, 2);
    const hmacs = ["c", "d", "e", "f"].map((c) => c.repeat(64));
    const first = hmacs.map(pseudonym);
    expect(hmacs.map(pseudonym)).toEqual(first);
    expect(first).toEqual(hmacs.map((h) => participantPseudonym(key, h)));
    expect(new Set(first).size).toBe(4);
    expect(pseudonym(null)).toBeNull();
  });

  it("are HMAC-SHA-256 whichever way they are computed", () => {
    const key = newExportKey();
    const hmac = fastHmac(key)!;
    for (const message of ["", "participant\u0000abc", "å".repeat(700), "x".repeat(2000)])
      expect(hmac(message)).toBe(createHmac("sha256", key).update(message).digest("hex"));
  });

  it("cannot be joined across exports, and never contain the stored HMAC", () => {
    const one = newExportKey();
    const two = newExportKey();
    expect(participantPseudonym(one, hmacA)).not.toBe(participantPseudonym(two, hmacA));
    expect(participantPseudonym(one, hmacA)).not.toContain("aaaa");
    expect(responsePseudonyms()()).not.toBe(responsePseudonyms()());
  });

  it("start with a letter and have 16 hex digits, so no spreadsheet takes them for numbers", () => {
    const key = newExportKey();
    const next = responsePseudonyms();
    for (let i = 0; i < 5000; i++) expect(next()).toMatch(/^R[0-9a-f]{16}$/);
    expect(participantPseudonym(key, hmacA)).toMatch(/^P[0-9a-f]{16}$/);
  });

  it("do not collide over many responses, across blocks of random bits", () => {
    const next = responsePseudonyms();
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(next());
    expect(seen.size).toBe(50_000);
  });
});
