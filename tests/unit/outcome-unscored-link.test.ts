import { describe, expect, it } from "vitest";
import { computeOutcomeFigures, type FigureInputs } from "~/outcomes/figures";
import { measureFor } from "~/outcomes/measures";

/**
 * Item non-response is not protected (decision 0055). Seen on the demo page: UCLA-3 hidden whole for Brukarenkät 2024
 * and 2025 while every other measure's skipped count could be read off "66 svar" and "n svarade". How many did not
 * answer a question, wholly or some of a scale's items, is known to the suppression (nothing is hidden to keep it
 * secret) but, like every count of persons, 1–4 is printed as "färre än 5"; what people answered stays protected, also
 * against a reader who knows every non-response count.
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
  it('hides nothing else for it: the responses and the scored show, the 1 not scored reads "färre än 5"', () => {
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
    expect(responses.get(1)).toEqual({ n: 66, status: "shown" });
    expect(wave.respondents).toEqual({ n: 65, status: "shown" });
    expect(wave.notScored).toEqual({ n: null, status: "small" });
  });

  it("still protects what people answered: a lonely count of 1–4 cannot be worked out through the responses", () => {
    // 67 responses, 1 not scored, 3 who answered no item (known to the reader), so 63 scored whatever is printed:
    // 60 not lonely and 3 lonely. Printing the 60 would give the 3 away.
    const { measures, responses } = computeOutcomeFigures(
      inputs(
        [
          { score: 4, n: 60 },
          { score: 7, n: 3 },
        ],
        1,
        67,
      ),
    );
    const wave = measures[0].waves[0].all;
    expect(responses.get(1)).toEqual({ n: 67, status: "shown" });
    expect(wave.notScored).toEqual({ n: null, status: "small" });
    expect(wave.positive).toEqual({ n: null, status: "small" });
    const notLonely = wave.distribution.find((d) => d.count.n !== null && d.count.n >= 5);
    expect(notLonely).toBeUndefined();
  });
});
