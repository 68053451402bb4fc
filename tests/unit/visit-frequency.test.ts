import { describe, expect, it } from "vitest";
import {
  answeredOn,
  frequencyOf,
  groupByVisitFrequency,
  publishByVisitFrequency,
  visitDaysBefore,
  visitWindow,
  VISIT_FREQUENCIES,
  type FrequencyWave,
  type LinkedResponse,
  type PageFigures,
  type VisitFrequency,
} from "~/outcomes/by-visit-frequency";
import { measureFor, type Measure } from "~/outcomes/measures";
import { lpSolver, lineSolver, type PublishedFigure, type PublishedSum } from "../support/disclosure-audit";

const community = measureFor("participation_community")!;
const definitions = new Map<string, Measure>([["participation_community", community]]);

/** `n` dates on distinct days counting back from the day before `on`. */
function visitsBefore(on: string, n: number, step = 1): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(`${on}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1 - i * step);
    return d.toISOString().slice(0, 10);
  });
}

const VISITS: Record<VisitFrequency, number> = { never: 0, sometimes: 4, weekly: 12 };

function response(frequency: VisitFrequency, answer: string | null, campaignId = 1): LinkedResponse {
  return {
    campaignId,
    submittedAt: "2025-04-30T10:00:00.000Z",
    visitDates: visitsBefore("2025-04-30", VISITS[frequency], 3),
    answers: answer === null ? [] : [{ question: "community", value: answer }],
  };
}

function responses(spec: Record<VisitFrequency, [yes: number, no: number]>, campaignId = 1): LinkedResponse[] {
  return VISIT_FREQUENCIES.flatMap((f) => [
    ...Array.from({ length: spec[f][0] }, () => response(f, "ja", campaignId)),
    ...Array.from({ length: spec[f][1] }, () => response(f, "nej", campaignId)),
  ]);
}

function page(responsesN: number, n: number, pos: number, usesParticipantCodes = true): PageFigures {
  return {
    waves: [{ campaignId: 1, usesParticipantCodes, responses: { n: responsesN, status: "shown" } }],
    measures: [
      {
        tag: "participation_community",
        name: community.name,
        statement: community.statement,
        questions: ["community"],
        all: [{ campaignId: 1, respondents: { n, status: "shown" }, positive: { n: pos, status: "shown" } }],
      },
    ],
  };
}

describe("visit frequency: the period and the thresholds", () => {
  it("counts the 84 days before the day of the answer, that day left out", () => {
    expect(visitWindow("2025-04-30")).toEqual({ from: "2025-02-05", to: "2025-04-29" });
    expect(visitDaysBefore("2025-04-30", ["2025-04-30", "2025-04-29", "2025-02-05", "2025-02-04"])).toBe(2);
  });

  it("counts a day once however many registrations carry the code that day", () => {
    expect(visitDaysBefore("2025-04-30", ["2025-04-10", "2025-04-10", "2025-04-11"])).toBe(2);
  });

  it("never: no day; sometimes: 1–11 days; weekly: 12 days or more", () => {
    expect(frequencyOf(0)).toBe("never");
    expect(frequencyOf(1)).toBe("sometimes");
    expect(frequencyOf(11)).toBe("sometimes");
    expect(frequencyOf(12)).toBe("weekly");
    expect(frequencyOf(40)).toBe("weekly");
  });

  it("takes the answer's date in Stockholm, not in UTC", () => {
    expect(answeredOn("2025-04-29T22:30:00.000Z")).toBe("2025-04-30");
    expect(answeredOn("2025-01-15T22:59:00.000Z")).toBe("2025-01-15");
  });
});

describe("visit frequency: grouping", () => {
  it("puts each response in one group and counts positive, negative and unanswered apart", () => {
    const rs = [...responses({ never: [2, 3], sometimes: [1, 0], weekly: [4, 4] }), response("weekly", null)];
    const groups = groupByVisitFrequency(rs, [
      { tag: "participation_community", measure: community, questions: ["community"] },
    ]).get(1)!;
    expect(groups.get("never")!.people).toBe(5);
    expect(groups.get("sometimes")!.people).toBe(1);
    expect(groups.get("weekly")!.people).toBe(9);
    expect(groups.get("weekly")!.measures.get("participation_community")).toEqual({ positive: 4, negative: 4 });
  });

  it("scores UCLA-3 only with all three items, lonely from 6", () => {
    const ucla = measureFor("loneliness_ucla3")!;
    const items = ["ucla_a", "ucla_b", "ucla_c"];
    const r = (values: number[]): LinkedResponse => ({
      ...response("never", null),
      answers: values.map((v, i) => ({ question: items[i], value: String(v) })),
    });
    const groups = groupByVisitFrequency(
      [r([2, 2, 2]), r([1, 2, 2]), r([3, 3])],
      [{ tag: "ucla", measure: ucla, questions: items }],
    ).get(1)!;
    expect(groups.get("never")!.measures.get("ucla")).toEqual({ positive: 1, negative: 1 });
    expect(groups.get("never")!.people).toBe(3);
  });
});

describe("visit frequency: k ≥ 5 and small counts", () => {
  it("shows nothing of a wave where a group has fewer than 5 people, not even the group sizes", () => {
    const rs = responses({ never: [10, 10], sometimes: [2, 2], weekly: [10, 10] });
    const [wave] = publishByVisitFrequency(page(80, 80, 40), rs, definitions);
    expect(wave.hiddenBecause).toBe("small_group");
    expect(wave.groups).toBeNull();
    expect(wave.measures).toEqual([]);
  });

  it("shows nothing of a measure that fewer than 5 in a group answered", () => {
    const rs = [
      ...responses({ never: [10, 10], sometimes: [2, 2], weekly: [10, 10] }),
      ...Array.from({ length: 3 }, () => response("sometimes", null)),
    ];
    const [wave] = publishByVisitFrequency(page(80, 80, 40), rs, definitions);
    expect(wave.groups?.map((g) => g.people.n)).toEqual([20, 7, 20]);
    expect(wave.measures[0].cells).toBeNull();
    expect(wave.measures[0].hiddenBecause).toBe("small_group");
  });

  it("says nothing for a wave without participant codes", () => {
    const [wave] = publishByVisitFrequency(page(80, 80, 40, false), [], definitions);
    expect(wave.hiddenBecause).toBe("anonymous");
  });

  it("shows shares where every count is 0 or at least 5", () => {
    const rs = responses({ never: [5, 10], sometimes: [6, 6], weekly: [12, 0] });
    const [wave] = publishByVisitFrequency(page(80, 70, 40), rs, definitions);
    expect(wave.hiddenBecause).toBeNull();
    const cells = wave.measures[0].cells!;
    expect(cells.map((c) => [c.positive.n, c.answered.n])).toEqual([
      [5, 15],
      [6, 12],
      [12, 12],
    ]);
    expect(cells[2].share).toBe(1);
  });

  it("hides a count of 1–4 and whatever would give it back, with the page's own totals in view", () => {
    // Everyone who answered is linked: the page's totals minus two groups would give the third group back.
    const rs = responses({ never: [3, 10], sometimes: [8, 8], weekly: [9, 7] });
    const [wave] = publishByVisitFrequency(page(45, 45, 20), rs, definitions);
    expect(wave.hiddenBecause).toBeNull();
    const cells = wave.measures[0].cells!;
    expect(cells[0].positive.status).toBe("small");
    expect(cells[0].share).toBeNull();
    expect(audit(wave, page(45, 45, 20), rs)).toEqual([]);
  });

  it("never shows a count the page hides, nor lets one be worked out: random waves audited", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 60; run++) {
      const spec = Object.fromEntries(VISIT_FREQUENCIES.map((f) => [f, [rand(12), rand(12)]])) as Record<
        VisitFrequency,
        [number, number]
      >;
      const rs = responses(spec);
      const linkedYes = VISIT_FREQUENCIES.reduce((s, f) => s + spec[f][0], 0);
      const linkedNo = VISIT_FREQUENCIES.reduce((s, f) => s + spec[f][1], 0);
      const extraYes = rand(3) === 0 ? 0 : rand(8);
      const extraNo = rand(3) === 0 ? 0 : rand(8);
      const p = page(
        linkedYes + linkedNo + extraYes + extraNo + rand(3),
        linkedYes + linkedNo + extraYes + extraNo,
        linkedYes + extraYes,
      );
      const [wave] = publishByVisitFrequency(p, rs, definitions);
      expect(audit(wave, p, rs), JSON.stringify(spec)).toEqual([]);
    }
  });
});

/**
 * What a reader can work out from the page's totals and the breakdown as printed, by the outsider's solvers.
 * Every count that is 1–4 and not printed is marked "färre än 5" for the reader (a stronger reader than the real
 * one): none of them may be derived.
 */
function audit(wave: FrequencyWave, p: PageFigures, rs: LinkedResponse[]): string[] {
  if (!wave.groups || !wave.measures[0]?.cells) return [];
  const raw = groupByVisitFrequency(rs, [
    { tag: "participation_community", measure: community, questions: ["community"] },
  ]).get(1)!;
  const figures: PublishedFigure[] = [];
  const sums: PublishedSum[] = [];
  const fig = (key: string, value: number, printed: boolean) =>
    figures.push({ key, value, status: printed ? "shown" : value > 0 && value < 5 ? "small" : "complementary" });
  const all = p.measures[0].all[0];
  fig("responses", p.waves[0].responses.n!, true);
  fig("n", all.respondents.n!, true);
  fig("pos", all.positive!.n!, true);
  fig("neg", all.respondents.n! - all.positive!.n!, true);
  sums.push({ total: "n", parts: ["pos", "neg"] });
  const cells = wave.measures[0].cells;
  VISIT_FREQUENCIES.forEach((f, i) => {
    const g = raw.get(f)!;
    const c = g.measures.get("participation_community")!;
    fig(`people|${f}`, g.people, wave.groups![i].people.n !== null);
    fig(`n|${f}`, c.positive + c.negative, cells[i].answered.n !== null);
    fig(`pos|${f}`, c.positive, cells[i].positive.n !== null);
    fig(`neg|${f}`, c.negative, cells[i].positive.n !== null && cells[i].answered.n !== null);
    sums.push({ total: `n|${f}`, parts: [`pos|${f}`, `neg|${f}`] });
    sums.push({ total: `people|${f}`, parts: [`n|${f}`, `unanswered|${f}`] });
  });
  sums.push({ total: "responses", parts: [...VISIT_FREQUENCIES.map((f) => `people|${f}`), "unlinked"] });
  for (const part of ["n", "pos", "neg"])
    sums.push({ total: part, parts: [...VISIT_FREQUENCIES.map((f) => `${part}|${f}`), `unlinked|${part}`] });
  sums.push({ total: "unlinked|n", parts: ["unlinked|pos", "unlinked|neg"] });
  return [...new Set([...lineSolver(figures, sums), ...lpSolver(figures, sums)])];
}
