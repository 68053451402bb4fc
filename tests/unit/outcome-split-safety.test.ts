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

const AXES: BreakdownKind[] = ["gender", "program", "channel"];
const axis = (kind: BreakdownKind) => ({
  kind,
  groups: groupsOf(kind, kind === "gender" ? opts(GENDER) : kind === "program" ? opts(PROGRAM) : []),
});

/**
 * The counts the SQL in `app/models/outcome.server.ts` returns for these people: with a breakdown, split by every
 * axis at once (`groups`), as the loader asks for them.
 */
function inputs(people: Person[], kind: BreakdownKind | null, splitEffortLimit?: number): FigureInputs {
  const groupsOfPerson = (p: Person) =>
    kind === null ? null : { gender: p.gender, program: p.program, channel: p.channel };
  const valueCounts = new Map<string, FigureInputs["valueCounts"][number]>();
  for (const p of people)
    for (const m of MEASURES) {
      const value = p[m.field];
      if (value === null) continue;
      const groups = groupsOfPerson(p);
      const k = `${JSON.stringify(groups)}|${m.question}|${value}`;
      const row = valueCounts.get(k) ?? { campaignId: CAMPAIGN, groups, question: m.question, value, n: 0 };
      row.n += 1;
      valueCounts.set(k, row);
    }
  return {
    campaignIds: [CAMPAIGN],
    measures: MEASURES.map((m) => ({
      measure: measureFor(m.tag)!,
      questions: [{ name: m.question, title: { sv: m.question, en: m.question } }],
      options: opts(m.values),
    })),
    breakdown: kind === null ? null : axis(kind),
    axes: kind === null ? [] : AXES.map(axis),
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

/** What one view prints (the page, or its CSV, with this breakdown or none): its figures and the sums among them. */
function view(people: Person[], kind: BreakdownKind | null, splitEffortLimit?: number) {
  const { publication } = computeOutcomeFigures(inputs(people, kind, splitEffortLimit));
  return { figures: publication.all(kind), sums: publication.equations(kind) };
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

const tagOf = (k: string) => k.split("|")[0];
const groupOfKey = (k: string) => k.split("|")[2];

/** Measures of a view whose every group figure is hidden (the axis could not be protected with the others). */
function allGroupsHidden(v: { figures: Figure[] }): string[] {
  return MEASURES.map((m) => m.tag).filter((tag) =>
    v.figures.every((f) => tagOf(f.key) !== tag || groupOfKey(f.key) === "all" || f.status !== "shown"),
  );
}

describe("what one reader sees across the views of one selection gives no count under 5 away", () => {
  it("one breakdown's page beside the page without one", () => {
    const rand = seededRandom(3434);
    let allHidden = 0;
    for (let i = 0; i < 12; i++) {
      const people = randomPeople(rand);
      const kind = AXES[i % 3];
      const views = [view(people, null), view(people, kind)];
      allHidden += allGroupsHidden(views[1]).length;
      expect(workedOut(views), `${kind} ${JSON.stringify(people)}`).toEqual(NOTHING);
      // The whole wave reads the same on both: a figure shown on one is shown, with its value, on the other.
      const whole = (v: { figures: Figure[] }) =>
        v.figures.filter((f) => groupOfKey(f.key) === "all").map((f) => [f.key, f.value, f.status]);
      expect(whole(views[1])).toEqual(whole(views[0]));
    }
    // Most random splits keep some group figure shown (24 measure splits).
    expect(allHidden).toBeLessThan(12);
  }, 600_000);

  // The fallback found counts under 5 before two fixes (decision 0034): the split printed a whole-wave "färre än 5"
  // as "dolt", and the channel split had no "Annat" group, so its groups did not add up to the wave.
  it("the fallback ('dolt' for every group of every axis) against every solver", () => {
    const rand = seededRandom(34);
    for (let i = 0; i < 60; i++) {
      const people = randomPeople(rand);
      const kind = AXES[i % 3];
      // A bound of one step: every axis falls back, so the fallback itself is what is audited.
      const forced = view(people, kind, 1);
      expect(workedOut([view(people, null), forced]), `fallback ${kind} ${JSON.stringify(people)}`).toEqual(NOTHING);
    }
  }, 120_000);

  // The gap of decision 0034, closed by decision 0039: each view was protected on its own, and the outsider's LP
  // worked out whole-wave and group counts under 5 from the four views together.
  it("every split view prints part of the same publication, whichever breakdown was asked for", () => {
    const rand = seededRandom(39);
    for (let i = 0; i < 4; i++) {
      const people = randomPeople(rand);
      const full = AXES.map((kind) => computeOutcomeFigures(inputs(people, kind)).publication.all());
      expect(full[1]).toEqual(full[0]);
      expect(full[2]).toEqual(full[0]);
    }
  }, 600_000);

  it("the page without a breakdown and the gender, programme and channel pages of the same waves, read together", () => {
    const rand = seededRandom(3434);
    for (let i = 0; i < 24; i++) {
      const people = randomPeople(rand);
      // One computation serves the three split views (the test above shows each request computes the same).
      const { publication } = computeOutcomeFigures(inputs(people, "gender"));
      const views = [
        view(people, null),
        ...AXES.map((kind) => ({ figures: publication.all(kind), sums: publication.equations(kind) })),
      ];
      expect(workedOut(views), `all views ${JSON.stringify(people)}`).toEqual(NOTHING);
    }
  }, 600_000);
});

// ---- hand-made waves, every figure worked out by hand ------------------------------------------------------------

/** People: [gender, programme, channel, support answer], `count` times each. */
function crowd(...rows: [string, string, string, string, number][]): Person[] {
  return rows.flatMap(([gender, program, channel, support, count]) =>
    Array.from({ length: count }, () => ({ gender, program, channel, support, satisfaction: null })),
  );
}

/** One view's support figures as printed: `${group}|${part}` → label ("20", "färre än 5", "dolt"). */
function printed(people: Person[], kind: BreakdownKind | null, splitEffortLimit?: number): Record<string, string> {
  const { publication } = computeOutcomeFigures(inputs(people, kind, splitEffortLimit));
  const out: Record<string, string> = {};
  for (const f of publication.all(kind)) {
    const [tag, , group, part] = f.key.split("|");
    if (tag !== "support_need_daytime") continue;
    out[`${group}|${part}`] = f.status === "shown" ? String(f.value) : f.status === "small" ? "färre än 5" : "dolt";
  }
  return out;
}

/** A row of figures: answered, ja, nej, vet inte. */
const row = (group: string, n: string, ja: string, nej: string, vetInte: string) => ({
  [`${group}|n`]: n,
  [`${group}|v:ja`]: ja,
  [`${group}|v:nej`]: nej,
  [`${group}|v:vet_inte`]: vetInte,
});
const zeros = (...groups: string[]) => Object.assign({}, ...groups.map((g) => row(g, "0", "0", "0", "0")));

describe("hand-made waves: exactly what each view prints", () => {
  it("nothing small: every view shows every figure", () => {
    const people = crowd(["kvinna", "bostad_forst", "kiosk", "ja", 6], ["man", "fot", "phone", "nej", 7]);
    expect(printed(people, null)).toEqual(row("all", "13", "6", "7", "0"));
    expect(printed(people, "gender")).toEqual({
      ...row("all", "13", "6", "7", "0"),
      ...row("gender:kvinna", "6", "6", "0", "0"),
      ...row("gender:man", "7", "0", "7", "0"),
      ...zeros("gender:other"),
    });
    expect(printed(people, "channel")).toEqual({
      ...row("all", "13", "6", "7", "0"),
      ...row("channel:phone", "7", "0", "7", "0"),
      ...row("channel:kiosk", "6", "6", "0", "0"),
      ...zeros("channel:staff", "channel:paper", "channel:other"),
    });
  });

  // 3 of 20 say "ja": the whole wave hides "nej" beside it (else 20 − 17 gives the 3 back). Every axis puts the 3
  // in one group, whose "nej" is hidden for the same reason; the answered counts stay shown. Read together, the
  // views leave one unknown free (the 3, anything from 1 to 4), and nothing else is hidden.
  it("three 'ja' in one group of every axis: one more 'dolt' per axis, no more", () => {
    const people = crowd(
      ["kvinna", "bostad_forst", "kiosk", "ja", 3],
      ["kvinna", "bostad_forst", "kiosk", "nej", 7],
      ["man", "bostad_forst", "kiosk", "nej", 10],
    );
    const whole = row("all", "20", "färre än 5", "dolt", "0");
    expect(printed(people, null)).toEqual(whole);
    expect(printed(people, "gender")).toEqual({
      ...whole,
      ...row("gender:kvinna", "10", "färre än 5", "dolt", "0"),
      ...row("gender:man", "10", "0", "10", "0"),
      ...zeros("gender:other"),
    });
    expect(printed(people, "program")).toEqual({
      ...whole,
      ...row("program:bostad_forst", "20", "färre än 5", "dolt", "0"),
      ...zeros("program:fot", "program:other"),
    });
    expect(printed(people, "channel")).toEqual({
      ...whole,
      ...row("channel:kiosk", "20", "färre än 5", "dolt", "0"),
      ...zeros("channel:phone", "channel:staff", "channel:paper", "channel:other"),
    });
  });

  // With no effort left for the search, every axis is dropped: each group figure is "dolt" (zeros too, since a
  // zero among hidden ones would narrow them), and the whole wave reads exactly as on the page without a breakdown.
  it("an axis that cannot be protected is hidden whole, beside the wave as it reads without a breakdown", () => {
    const people = crowd(["kvinna", "fot", "staff", "ja", 2], ["man", "bostad_forst", "phone", "nej", 9]);
    const whole = row("all", "11", "färre än 5", "dolt", "0");
    expect(printed(people, null)).toEqual(whole);
    const hidden = (...groups: string[]) =>
      Object.assign({}, ...groups.map((g) => row(g, "dolt", "dolt", "dolt", "dolt")));
    expect(printed(people, "gender", 1)).toEqual({
      ...whole,
      ...hidden("gender:kvinna", "gender:man", "gender:other"),
    });
    expect(printed(people, "channel", 1)).toEqual({
      ...whole,
      ...hidden("channel:phone", "channel:kiosk", "channel:staff", "channel:paper", "channel:other"),
    });
  });
});
