import { describe, expect, it } from "vitest";
import { computeOutcomeFigures, type FigureInputs } from "~/outcomes/figures";
import { measureFor } from "~/outcomes/measures";

/**
 * Seen on the demo page (Brukarenkät 2025): "66 svar" above the figures, UCLA-3 "65 svarade" and "färre än 5 svarade
 * inte på alla". A reader knows the not scored are at most 66 − 65 = 1 and at least 1 (the label): the 1 is worked
 * out. The wave's responses are the scored, the not scored and those who answered no item, so that sum is known to
 * the suppression and something more is hidden.
 */
const UCLA = ["ucla_companionship", "ucla_left_out", "ucla_isolated"];

function inputs(scored: { score: number; n: number }[], notScored: number, responses: number): FigureInputs {
  return {
    campaignIds: [1],
    measures: [
      {
        measure: measureFor("loneliness_ucla3")!,
        questions: UCLA.map((name) => ({ name, title: { sv: name, en: name } })),
        options: ["1", "2", "3"].map((v) => ({ value: v, label: { sv: v, en: v } })),
      },
    ],
    breakdown: null,
    axes: [],
    valueCounts: [],
    respondentCounts: [],
    scaleCounts: new Map([
      [
        "loneliness_ucla3",
        [
          ...scored.map((s) => ({ campaignId: 1, group: null, answered: 3, score: s.score, n: s.n })),
          { campaignId: 1, group: null, answered: 2, score: 4, n: notScored },
        ],
      ],
    ]),
    compare: null,
    responseCounts: [{ campaignId: 1, n: responses }],
    paired: null,
  };
}

describe("a scale's not-scored count beside the wave's responses", () => {
  it("is not worked out from the responses minus the scored", () => {
    const { measures, responses } = computeOutcomeFigures(
      inputs(
        [
          { score: 4, n: 30 },
          { score: 7, n: 35 },
        ],
        1,
        66,
      ),
    );
    const wave = measures[0].waves[0].all;
    expect(wave.notScored?.status).toBe("small");
    const shownResponses = responses.get(1)!.n;
    const shownScored = wave.respondents.n;
    // Either count hidden, or their difference leaves the not scored undetermined (more than one value of 1–4).
    if (shownResponses !== null && shownScored !== null) expect(shownResponses - shownScored).toBeGreaterThan(1);
  });

  it("leaves the figures alone where the difference tells nothing (2 left over, 1–2 not scored)", () => {
    const { measures, responses } = computeOutcomeFigures(
      inputs(
        [
          { score: 4, n: 30 },
          { score: 7, n: 35 },
        ],
        1,
        67,
      ),
    );
    expect(responses.get(1)!.n).toBe(67);
    expect(measures[0].waves[0].all.respondents.n).toBe(65);
    expect(measures[0].waves[0].all.notScored?.status).toBe("small");
  });
});
