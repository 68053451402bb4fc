import { describe, expect, it } from "vitest";
import { detectRisk } from "~/privacy/risk-words";

describe("risk words", () => {
  it.each([
    ["Jag orkar inte leva längre", "self_harm"],
    ["Ibland tänker jag på SJÄLVMORD", "self_harm"],
    ["Han misshandlade mig i trapphuset", "violence"],
    ["Grannen hotade mig igår", "violence"],
    ["Jag blir vräkt nästa vecka", "crisis"],
    ["Jag sover ute sedan i fredags", "crisis"],
  ])("flags %j", (text, category) => {
    const result = detectRisk(text);
    expect(result.flagged).toBe(true);
    expect(result.matches.map((m) => m.category)).toContain(category);
  });

  it.each([
    "Mer yoga på fredagar, tack!",
    "Kaffet är gott och personalen är snäll.",
    "Kristen musik på julfirandet vore fint.",
    "Akutmottagningen ligger långt bort från Mallis.",
    "Jag skär grönsaker på matlagningskursen.",
  ])("leaves %j unflagged", (text) => {
    expect(detectRisk(text)).toEqual({ flagged: false, matches: [] });
  });
});
