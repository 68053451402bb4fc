import { describe, expect, it } from "vitest";
import { groupsOf, type BreakdownKind } from "~/outcomes/breakdowns";
import { computeOutcomeFigures, type FigureInputs } from "~/outcomes/figures";
import { measureFor } from "~/outcomes/measures";
import { derivedFigures, isSmallCount, type CellStatus } from "~/privacy/small-counts";
import { lineSolver, lpSolver } from "../support/disclosure-audit";
import { seededRandom } from "../support/random-attendance";

/**
 * The reader of the outcome pages (decision 0034). The project's own solver (`derivedFigures`: exact elimination,
 * bounds that know "dolt" on a count that is not small is 0 or at least 5, and linear programs) plays a reader who
 * knows several views of one selection of waves at once, taking the most telling label any view prints for a
 * figure; the outsider's line and LP solvers check again. Holds: a breakdown's page with the page without one, and
 * the split's fallback. Known gap, kept as a failing specification: every breakdown of one selection together.
 */

const GENDER = ["kvinna", "man", "annan", "vill_inte"];
const PROGRAM = ["bostad_forst", "fot", "vet_inte"];
const CHANNEL = ["phone", "kiosk", "staff", "paper", "import"];
const opts = (values: string[]) => values.map((value) => ({ value, label: { sv: value, en: value } }));

interface Person {
  gender: string | null;
  program: string | null;
  channel: string;
  /** support_daytime (ja/nej/vet_inte) and satisfaction (1–5); null = skipped. */
  support: string | null;
  satisfaction: string | null;
}

function randomPeople(rand: () => number): Person[] {
  const pick = <T>(xs: readonly T[], skip = 0.1): T | null =>
    rand() < skip ? null : xs[Math.floor(rand() * xs.length)];
  // Skewed so some groups and answers are 1–4: a few dozen people, most in one or two groups.
  const n = 6 + Math.floor(rand() * 40);
  const weights = (k: number) => Array.from({ length: k }, () => rand() ** 2);
  const skewed = <T>(xs: readonly T[], w: number[], skip = 0.1): T | null => {
    if (rand() < skip) return null;
    let r = rand() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < xs.length; i++) if ((r -= w[i]) <= 0) return xs[i];
    return xs[xs.length - 1];
  };
  const [gw, pw, cw, sw, aw] = [weights(4), weights(3), weights(5), weights(3), weights(5)];
  return Array.from({ length: n }, () => ({
    gender: skewed(GENDER, gw),
    program: skewed(PROGRAM, pw),
    channel: skewed(CHANNEL, cw, 0)!,
    support: skewed(["ja", "nej", "vet_inte"], sw, 0.15),
    satisfaction: rand() < 0.5 ? skewed(["1", "2", "3", "4", "5"], aw, 0.15) : pick(["4", "5"], 0.15),
  }));
}

const CAMPAIGN = 7;
const MEASURES = [
  {
    tag: "support_need_daytime",
    question: "support_daytime",
    field: "support" as const,
    values: ["ja", "nej", "vet_inte"],
  },
  { tag: "satisfaction", question: "satisfaction", field: "satisfaction" as const, values: ["1", "2", "3", "4", "5"] },
];

/** The counts the SQL in `app/models/outcome.server.ts` would return for these people, split or not. */
function inputs(people: Person[], kind: BreakdownKind | null, splitEffortLimit?: number): FigureInputs {
  const groupOfPerson = (p: Person) => (kind === null ? null : kind === "channel" ? p.channel : p[kind]);
  const valueCounts = new Map<string, FigureInputs["valueCounts"][number]>();
  for (const p of people)
    for (const m of MEASURES) {
      const value = p[m.field];
      if (value === null) continue;
      const group = groupOfPerson(p);
      const k = `${group}|${m.question}|${value}`;
      const row = valueCounts.get(k) ?? { campaignId: CAMPAIGN, group, question: m.question, value, n: 0 };
      row.n += 1;
      valueCounts.set(k, row);
    }
  const groupOptions = kind === "gender" ? opts(GENDER) : kind === "program" ? opts(PROGRAM) : [];
  return {
    campaignIds: [CAMPAIGN],
    measures: MEASURES.map((m) => ({
      measure: measureFor(m.tag)!,
      questions: [{ name: m.question, title: { sv: m.question, en: m.question } }],
      options: opts(m.values),
    })),
    breakdown: kind === null ? null : { kind, groups: groupsOf(kind, groupOptions) },
    valueCounts: [...valueCounts.values()],
    respondentCounts: [],
    scaleCounts: new Map(),
    compare: null,
    responseCounts: [{ campaignId: CAMPAIGN, n: people.length }],
    paired: null,
    splitEffortLimit,
  };
}

interface Figure {
  key: string;
  value: number;
  status: CellStatus;
}

/** One view's figures and sums, with its group keys named by the axis (the "other" groups of two axes differ). */
function view(people: Person[], kind: BreakdownKind | null, splitEffortLimit?: number) {
  const { publication } = computeOutcomeFigures(inputs(people, kind, splitEffortLimit));
  const rename = (k: string) => {
    const parts = k.split("|");
    if (parts.length > 3 && parts[2] !== "all") parts[2] = `${kind}:${parts[2]}`;
    return parts.join("|");
  };
  return {
    figures: publication.all().map((f) => ({ ...f, key: rename(f.key) })),
    sums: publication.equations().map((e) => ({ total: rename(e.total), parts: e.parts.map(rename) })),
  };
}

/** What a reader of all these views knows of each figure: the most telling label any of them prints. */
function merged(views: { figures: Figure[] }[]): Map<string, Figure> {
  const rank = { complementary: 0, small: 1, shown: 2 } as const;
  const byKey = new Map<string, Figure>();
  for (const v of views)
    for (const f of v.figures) {
      const seen = byKey.get(f.key);
      if (!seen || rank[f.status] > rank[seen.status]) byKey.set(f.key, f);
    }
  return byKey;
}

function workedOut(views: { figures: Figure[]; sums: { total: string; parts: string[] }[] }[]) {
  const figures = [...merged(views).values()];
  // The whole wave's sums are on every view: each once.
  const sums = [...new Map(views.flatMap((v) => v.sums).map((e) => [`${e.total}=${e.parts.join("+")}`, e])).values()];
  const small = new Set(figures.filter((f) => isSmallCount(f.value)).map((f) => f.key));
  return {
    shownSmall: figures.filter((f) => small.has(f.key) && f.status === "shown").map((f) => f.key),
    project: [...derivedFigures(figures, sums)].filter((k) => small.has(k)),
    // The outsider's solvers know only what a label says; "dolt" is any count ≥ 0 to them.
    line: lineSolver(figures, sums),
    lp: lpSolver(figures, sums),
  };
}

const NOTHING = { shownSmall: [], project: [], line: [], lp: [] };

describe("what one reader sees across the views of one selection gives no count under 5 away", () => {
  it("one breakdown's page beside the page without one, as the page protects them (the rule in force)", () => {
    const rand = seededRandom(3434);
    let fallbacks = 0;
    for (let i = 0; i < 45; i++) {
      const people = randomPeople(rand);
      const kind = (["gender", "program", "channel"] as const)[i % 3];
      const views = [view(people, null), view(people, kind)];
      // Measures whose split fell back ("dolt" for every group) are audited on their own below.
      const tagOf = (k: string) => k.split("|")[0];
      const fellBack = new Set(
        MEASURES.map((m) => m.tag).filter((tag) =>
          views[1].figures.every((f) => tagOf(f.key) !== tag || f.key.split("|")[2] === "all" || f.status !== "shown"),
        ),
      );
      fallbacks += fellBack.size;
      const kept = views.map((v) => ({
        figures: v.figures.filter((f) => !fellBack.has(tagOf(f.key))),
        sums: v.sums.filter((e) => !fellBack.has(tagOf(e.total))),
      }));
      expect(workedOut(kept), `${kind} ${JSON.stringify(people)}`).toEqual(NOTHING);
      // Shown whole-wave figures are the same on both: a figure shown on one is shown, with its value, on the other.
      const shown = (v: { figures: Figure[] }) =>
        v.figures.filter((f) => f.key.split("|")[2] === "all" && f.status === "shown").map((f) => [f.key, f.value]);
      expect(shown(views[1])).toEqual(shown(views[0]));
    }
    // Most random splits are protected without falling back.
    expect(fallbacks).toBeLessThan(45);
  }, 120_000);

  // The fallback found counts under 5 before two fixes (decision 0034): the split printed a whole-wave "färre än 5"
  // as "dolt", and the channel split had no "Annat" group, so its groups did not add up to the wave.
  it("the split's fallback ('dolt' for every group) against the project's own solver", () => {
    const rand = seededRandom(34);
    for (let i = 0; i < 60; i++) {
      const people = randomPeople(rand);
      const kind = (["gender", "program", "channel"] as const)[i % 3];
      // A bound of one step: every split falls back, so the fallback itself is what is audited.
      const forced = view(people, kind, 1);
      expect(workedOut([view(people, null), forced]), `fallback ${kind} ${JSON.stringify(people)}`).toEqual(NOTHING);
    }
  }, 120_000);

  // KNOWN GAP (decision 0034), kept as a failing specification: the outsider's LP works out counts under 5 from all
  // four views together. A fix turns this red (`it.fails` then fails): make it a plain `it`.
  it.fails(
    "GAP: the gender, programme and channel pages of the same waves, read together",
    () => {
      const rand = seededRandom(3434);
      for (let i = 0; i < 40; i++) {
        const people = randomPeople(rand);
        const views = [view(people, null), view(people, "gender"), view(people, "program"), view(people, "channel")];
        expect(workedOut(views), `all views ${JSON.stringify(people)}`).toEqual(NOTHING);
      }
    },
    120_000,
  );
});
