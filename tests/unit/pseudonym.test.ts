import { describe, expect, it } from "vitest";
import { newExportKey, participantPseudonym, responsePseudonym } from "~/privacy/pseudonym";

describe("export pseudonyms", () => {
  const hmacA = "a".repeat(64);
  const hmacB = "b".repeat(64);

  it("link the same person inside one export, and tell different people apart", () => {
    const key = newExportKey();
    expect(participantPseudonym(key, hmacA)).toBe(participantPseudonym(key, hmacA));
    expect(participantPseudonym(key, hmacA)).not.toBe(participantPseudonym(key, hmacB));
    expect(participantPseudonym(key, null)).toBeNull();
  });

  it("cannot be joined across exports, and never contain the stored HMAC or response id", () => {
    const one = newExportKey();
    const two = newExportKey();
    expect(participantPseudonym(one, hmacA)).not.toBe(participantPseudonym(two, hmacA));
    const id = "0b9c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    expect(responsePseudonym(one, id)).not.toBe(responsePseudonym(two, id));
    expect(responsePseudonym(one, id)).not.toContain(id.slice(0, 8));
    expect(participantPseudonym(one, hmacA)).not.toContain("aaaa");
  });

  it("start with a letter and have 16 hex digits, so no spreadsheet takes them for numbers", () => {
    const key = newExportKey();
    expect(responsePseudonym(key, "x")).toMatch(/^R[0-9a-f]{16}$/);
    expect(participantPseudonym(key, hmacA)).toMatch(/^P[0-9a-f]{16}$/);
  });

  it("do not collide over many responses", () => {
    const key = newExportKey();
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(responsePseudonym(key, `id-${i}`));
    expect(seen.size).toBe(50_000);
  });
});
