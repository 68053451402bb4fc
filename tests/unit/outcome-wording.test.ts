import { describe, expect, it } from "vitest";
import type { GroupFigure, PairedFigure, PublishedCount } from "~/outcomes/figures";
import { MIN_PAIRS } from "~/outcomes/figures";
import { describeNotScored, describePaired, intervalText } from "~/outcomes/wording";
import { protectedLabel, SMALL_COUNT_LIMIT } from "~/privacy/small-counts";

const fewPairs = (pairs: number): PairedFigure => ({
  fromCampaignId: 1,
  toCampaignId: 2,
  pairs,
  hiddenBecause: "few_pairs",
  kind: "share",
  first: null,
  second: null,
  difference: null,
  interval: null,
  pValue: null,
  sure: false,
});

describe("the small-count threshold in the outcome wording", () => {
  it("says 'färre än 5' for 1–4 pairs and prints zero, from the one rule in app/privacy/small-counts", () => {
    expect(SMALL_COUNT_LIMIT).toBe(5);
    expect(MIN_PAIRS).toBe(SMALL_COUNT_LIMIT);
    for (const n of [1, 2, 3, 4]) {
      const text = describePaired(fewPairs(n), "sv");
      expect(text).toContain("(färre än 5 nu)");
      expect(text).not.toMatch(new RegExp(`\\(${n} nu\\)`));
    }
    // Zero points at no one: it is printed (the small-count rule), where the old hard-coded `< 5` hid it.
    expect(describePaired(fewPairs(0), "sv")).toContain("(0 nu)");
    expect(describePaired(fewPairs(3), "en")).toContain("(fewer than 5 now)");
  });

  it("labels a small cell with the same limit the rule uses", () => {
    expect(protectedLabel({ value: 3, status: "small" }, "sv")).toBe(`färre än ${SMALL_COUNT_LIMIT}`);
    expect(protectedLabel({ value: 3, status: "small" }, "en")).toBe(`fewer than ${SMALL_COUNT_LIMIT}`);
  });
});

describe("the UCLA-3 not-scored sentence", () => {
  const group = (notScored: PublishedCount): GroupFigure => ({
    group: null,
    respondents: { n: 40, status: "shown" },
    positive: { n: 19, status: "shown" },
    share: 19 / 40,
    interval: null,
    mean: null,
    notScored,
    distribution: [],
  });

  it("states a shown count and a small one with a capital, and never starts with 'dolt'", () => {
    expect(describeNotScored(group({ n: 6, status: "shown" }), "sv")).toBe(
      "6 svarade inte på alla tre frågorna och räknas inte.",
    );
    expect(describeNotScored(group({ n: null, status: "small" }), "sv")).toBe(
      "Färre än 5 svarade inte på alla tre frågorna och räknas inte.",
    );
    const hidden = describeNotScored(group({ n: null, status: "complementary" }), "sv")!;
    expect(hidden).toBe("Några svarade inte på alla tre frågorna och räknas inte. Hur många visas inte.");
    expect(describeNotScored(group({ n: null, status: "complementary" }), "en")).not.toMatch(/^hidden/i);
    expect(describeNotScored(group({ n: 0, status: "shown" }), "sv")).toBeNull();
  });
});

describe("an interval in words", () => {
  it("joins two bounds with a dash, but says 'till' where the lower one is negative", () => {
    expect(intervalText({ lower: 4.61, upper: 6.19 }, "sv", false)).toBe("95 % konfidensintervall: 4,6–6,2");
    expect(intervalText({ lower: -1.28, upper: -0.16 }, "sv", false)).toBe("95 % konfidensintervall: −1,3 till −0,2");
    expect(intervalText({ lower: -1.28, upper: 0.5 }, "en", false)).toMatch(
      /^95 % confidence interval: .*1\.3 to 0\.5$/,
    );
  });
});
