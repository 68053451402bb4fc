import { beforeEach, describe, expect, it } from "vitest";
import { loadOutcomeReport } from "~/outcomes/load-outcomes.server";
import { countPairedChange } from "~/models/outcome-pairs.server";
import { newcombePairedDifference } from "~/outcomes/statistics";
import type { MeasureFigures } from "~/outcomes/figures";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import { storeResponses, type FixtureResponse } from "../support/outcomes";

/**
 * Paired change counted in SQL (decision 0051), on a fixture worked out by hand.
 *
 * 24 people (P0–P23) answer both waves with their participant code. Besides them: 6 people without a code in each
 * wave, one code in the first wave only, P0 once more in the first wave a month EARLIER (answers that must not
 * count: the later response does), and P1 once more in the second wave LATER but partial (a walked-away kiosk
 * answer: not an answer, so P1's full response counts).
 *
 * support_daytime ("ja" is positive):  P0–P5 ja→ja (6), P6–P10 ja→nej (5), P11–P17 nej→ja (7),
 *   P18–P19 vet_inte→nej, P20 nej→vet_inte, P21–P23 nej→nej (6 neither) → first 11/24, second 13/24, +2/24;
 *   McNemar exact on 5 and 7: 2·(1+12+66+220+495+792)/4096 = 0.7744140625.
 * UCLA-3 (3–9):  P0–P9 9→6 (d −3), P10–P19 3→4 (d +1), P20–P21 6→6 (d 0), P22 an item skipped in the second wave,
 *   P23 in the first: not scored, not paired → 22 pairs, Σd = −20, Σd² = 100, mean −20/22 = −0.90909,
 *   sd √((100 − 22·(20/22)²)/21) = 1.97386, t(0.975, 21) = 2.0796 → −0.90909 ± 0.87516 = −1.78425 to −0.03393;
 *   first mean 132/22 = 6, second 112/22 = 5.0909.
 * Programme: everyone says bostad_forst, except P18–P23, who say fot in the second wave: within Bostad Först the
 *   pairs are P0–P17 → daytime 6 / 5 / 7 / 0; UCLA-3 18 pairs, Σd = −22, mean −1.2222, sd 2.04524,
 *   t(0.975, 17) = 2.1098 → −2.2393 to −0.2051.
 */
let first: number;
let second: number;
let programs: { bf: number };

const daytime = (i: number, wave: 1 | 2) => {
  if (i < 6) return "ja";
  if (i < 11) return wave === 1 ? "ja" : "nej";
  if (i < 18) return wave === 1 ? "nej" : "ja";
  if (i < 20) return wave === 1 ? "vet_inte" : "nej";
  if (i === 20) return wave === 1 ? "nej" : "vet_inte";
  return "nej";
};

const ucla = (i: number, wave: 1 | 2): Record<string, number> => {
  const items = (a: number, b: number, c: number) => ({ ucla_companionship: a, ucla_left_out: b, ucla_isolated: c });
  if (i < 10) return wave === 1 ? items(3, 3, 3) : items(2, 2, 2);
  if (i < 20) return wave === 1 ? items(1, 1, 1) : items(1, 2, 1);
  if (i < 22) return items(2, 2, 2);
  if (i === 22) return wave === 1 ? items(1, 1, 1) : { ucla_companionship: 1, ucla_left_out: 1 };
  return wave === 1 ? { ucla_companionship: 1, ucla_left_out: 1 } : items(3, 3, 3);
};

const person = (i: number, wave: 1 | 2): FixtureResponse => ({
  answers: {
    gender: i % 2 ? "man" : "kvinna",
    program: wave === 2 && i >= 18 ? "fot" : "bostad_forst",
    support_daytime: daytime(i, wave),
    ...ucla(i, wave),
    satisfaction: 4,
  },
  code: `PAR${i}`,
});

const anonymous = (n: number): FixtureResponse[] =>
  Array.from({ length: n }, () => ({
    answers: { gender: "man", program: "bostad_forst", support_daytime: "ja", satisfaction: 2 },
  }));

beforeEach(async () => {
  await resetDatabase();
  const [bf] = await makePrograms();
  programs = { bf: bf.id };
  first = await makeCampaign({ programId: bf.id, code: "P25", mode: "participant_code" });
  second = await makeCampaign({ programId: bf.id, code: "P26", mode: "participant_code" });
  await storeResponses(first, [
    ...Array.from({ length: 24 }, (_, i) => person(i, 1)),
    ...anonymous(6),
    { answers: { gender: "man", program: "bostad_forst", support_daytime: "ja", satisfaction: 5 }, code: "ONLYFIRST" },
    // P0 a month before: "nej" and a UCLA-3 of 3 would make P0 a "nej→ja" pair with d +3 if it counted.
    {
      answers: { gender: "man", program: "bostad_forst", support_daytime: "nej", ...ucla(10, 1), satisfaction: 1 },
      code: "PAR0",
      submittedAt: "2025-03-01T10:00:00.000Z",
    },
  ]);
  await storeResponses(second, [
    ...Array.from({ length: 24 }, (_, i) => person(i, 2)),
    ...anonymous(6),
    {
      answers: { gender: "man", program: "bostad_forst", support_daytime: "ja", ...ucla(0, 1), satisfaction: 1 },
      code: "PAR1",
      submittedAt: "2025-05-01T10:00:00.000Z",
    },
  ]);
  // P1's later answer in the second wave was left on a shared tablet: partial, so no answer.
  await db("responses")
    .where({ campaign_id: second, participant_code_hmac: participantCodeHmac("PAR1") })
    .where("submitted_at", "2025-05-01T10:00:00.000Z")
    .update({ partial: true });
});

const measure = (ms: MeasureFigures[], tag: string) => ms.find((m) => m.tag === tag)!;

describe("paired change, counted in SQL", () => {
  it("folds the pairs' answers into McNemar's table: the later response counts, a partial one does not", async () => {
    const report = await loadOutcomeReport({ campaignIds: [first, second], scope: undefined });
    const paired = measure(report.measures, "support_need_daytime").paired!;
    expect(paired).toMatchObject({ pairs: 24, hiddenBecause: null, kind: "share" });
    expect(paired.first).toBeCloseTo(11 / 24, 12);
    expect(paired.second).toBeCloseTo(13 / 24, 12);
    expect(paired.difference).toBeCloseTo(2 / 24, 12);
    expect(paired.pValue).toBeCloseTo(0.7744140625, 12);
    const d = newcombePairedDifference({ both: 6, firstOnly: 5, secondOnly: 7, neither: 6 });
    expect(paired.interval!.lower).toBeCloseTo(-d.upper, 12);
    expect(paired.interval!.upper).toBeCloseTo(-d.lower, 12);
    expect(paired.sure).toBe(false);
  });

  it("gives UCLA-3's paired mean difference over the pairs scored in both waves, with its t interval", async () => {
    const report = await loadOutcomeReport({ campaignIds: [first, second], scope: undefined });
    const paired = measure(report.measures, "loneliness_ucla3").paired!;
    expect(paired).toMatchObject({ pairs: 22, hiddenBecause: null, kind: "mean", pValue: null, sure: true });
    expect(paired.first).toBeCloseTo(6, 12);
    expect(paired.second).toBeCloseTo(112 / 22, 12);
    expect(paired.difference).toBeCloseTo(-20 / 22, 12);
    expect(paired.interval!.lower).toBeCloseTo(-1.78425, 4);
    expect(paired.interval!.upper).toBeCloseTo(-0.03393, 4);
  });

  it("pairs only responses within the chosen programme, in both waves", async () => {
    const report = await loadOutcomeReport({ campaignIds: [first, second], programId: programs.bf, scope: undefined });
    const daytimePairs = measure(report.measures, "support_need_daytime").paired!;
    expect(daytimePairs).toMatchObject({ pairs: 18, hiddenBecause: null });
    expect(daytimePairs.first).toBeCloseTo(11 / 18, 12);
    expect(daytimePairs.second).toBeCloseTo(13 / 18, 12);
    const scale = measure(report.measures, "loneliness_ucla3").paired!;
    expect(scale.pairs).toBe(18);
    expect(scale.difference).toBeCloseTo(-22 / 18, 12);
    expect(scale.interval!.lower).toBeCloseTo(-2.2393, 3);
    expect(scale.interval!.upper).toBeCloseTo(-0.2051, 3);
  });

  it("returns counts, not answers: the pairs' joint answers and a scale's sums, nothing per person", async () => {
    const counts = await countPairedChange({
      firstCampaignId: first,
      secondCampaignId: second,
      measures: [
        { key: "daytime", questions: ["support_daytime"], kind: "answer" },
        { key: "ucla", questions: ["ucla_companionship", "ucla_left_out", "ucla_isolated"], kind: "scale", items: 3 },
        { key: "never asked", questions: ["no_such_question"], kind: "answer" },
      ],
    });
    const cells = counts.get("daytime");
    const byAnswers = (a: { first: string; second: string }) => `${a.first}|${a.second}`;
    expect(cells?.kind === "answer" && [...cells.cells].sort((a, b) => (byAnswers(a) < byAnswers(b) ? -1 : 1))).toEqual(
      [
        { first: "ja", second: "ja", n: 6 },
        { first: "ja", second: "nej", n: 5 },
        { first: "nej", second: "ja", n: 7 },
        { first: "nej", second: "nej", n: 3 },
        { first: "nej", second: "vet_inte", n: 1 },
        { first: "vet_inte", second: "nej", n: 2 },
      ],
    );
    expect(counts.get("ucla")).toEqual({
      kind: "scale",
      n: 22,
      sumFirst: 132,
      sumSecond: 112,
      sumDifference: -20,
      sumSquaredDifference: 100,
    });
    expect(counts.get("never asked")).toEqual({ kind: "answer", cells: [] });
  });

  it("hides paired change below 5 pairs and says how many there are", async () => {
    const third = await makeCampaign({ programId: programs.bf, code: "P27", mode: "participant_code" });
    await storeResponses(
      third,
      [0, 1, 2, 3].map((i) => person(i, 2)),
    );
    const report = await loadOutcomeReport({ campaignIds: [second, third], scope: undefined });
    expect(measure(report.measures, "loneliness_ucla3").paired).toMatchObject({
      pairs: 4,
      hiddenBecause: "few_pairs",
      difference: null,
      interval: null,
    });
    expect(measure(report.measures, "support_need_daytime").paired).toMatchObject({
      pairs: 4,
      hiddenBecause: "few_pairs",
      first: null,
    });
  });
});
