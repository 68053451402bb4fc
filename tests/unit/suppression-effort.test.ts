import { beforeEach, describe, expect, it, vi } from "vitest";
import { OUTCOME_EFFORT_LIMIT } from "~/outcomes/figures";
import { derivedFigures, isSmallCount, Publication, type ProtectedPublication } from "~/privacy/small-counts";
import { lineSolver, lpSolver } from "../support/disclosure-audit";
import { seededRandom } from "../support/random-attendance";

/**
 * The suppression search is bounded by counted work, not by time (issue 15's defect: after a few survey answers
 * the outcome page's search ran for a minute). The linear programs the reader solves are counted here from the
 * outside, so the regression test means the same on code without an effort bound.
 */
const lp = vi.hoisted(() => ({ calls: 0 }));
vi.mock("~/privacy/linear-program", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/privacy/linear-program")>();
  return {
    ...real,
    maximise: (...args: Parameters<typeof real.maximise>) => {
      lp.calls += 1;
      return real.maximise(...args);
    },
  };
});

beforeEach(() => {
  lp.calls = 0;
});

/**
 * One measure in one wave split into groups, registered as `app/outcomes/figures.ts` does: per group the answer
 * counts, the respondents (their sum) and, with several positive answers, the positive count (kept shown where
 * possible); every part of the whole wave is the sum of the groups'.
 */
function outcomeMeasure(groups: number[][], positives: number[]): Publication {
  const pub = new Publication();
  const all = groups[0].map((_, c) => groups.reduce((s, g) => s + g[c], 0));
  const names = ["all", ...groups.map((_, i) => `g${i}`)];
  const multi = positives.length !== 1;
  [all, ...groups].forEach((counts, i) => {
    const g = names[i];
    const cells = counts.map((v, c) => pub.figure(`${g}|v:${c}`, v, { keepShown: positives.includes(c) }));
    pub.sum(
      pub.figure(
        `${g}|n`,
        counts.reduce((a, b) => a + b, 0),
      ),
      cells,
    );
    if (multi) {
      const pos = pub.figure(
        `${g}|pos`,
        positives.reduce((s, c) => s + counts[c], 0),
        { keepShown: true },
      );
      pub.sum(
        pos,
        positives.map((c) => `${g}|v:${c}`),
      );
    }
  });
  const parts = ["n", ...all.map((_, c) => `v:${c}`), ...(multi ? ["pos"] : [])];
  for (const part of parts)
    pub.sum(
      `all|${part}`,
      groups.map((_, i) => `g${i}|${part}`),
    );
  return pub;
}

function expectNothingDerivable(out: ProtectedPublication, context: string) {
  const figures = out.all();
  const sums = out.equations();
  for (const f of figures) if (isSmallCount(f.value)) expect(f.status, `${context} ${f.key}`).not.toBe("shown");
  expect({ line: lineSolver(figures, sums), lp: lpSolver(figures, sums) }, context).toEqual({ line: [], lp: [] });
  const small = new Set(figures.filter((f) => isSmallCount(f.value)).map((f) => f.key));
  expect(
    [...derivedFigures(figures, sums)].filter((k) => small.has(k)),
    context,
  ).toEqual([]);
}

/** Five groups where most answers are 1–4: the search tried cell after cell, each with two linear programs. */
const PATHOLOGICAL = [
  [0, 23, 1, 4, 1, 14, 3, 1, 4, 1, 2],
  [4, 0, 1, 26, 11, 4, 5, 22, 2, 4, 1],
  [4, 4, 4, 2, 4, 2, 3, 8, 2, 10, 4],
  [0, 0, 1, 6, 4, 0, 2, 3, 0, 2, 1],
  [0, 3, 2, 4, 3, 3, 4, 2, 28, 4, 1],
];

describe("the suppression search is bounded by effort, with a safe fallback", () => {
  it("stops a search that grows out of hand, and what it publishes still gives nothing away", () => {
    const out = outcomeMeasure(PATHOLOGICAL, [0, 1]).protect({ effortLimit: OUTCOME_EFFORT_LIMIT });
    // Without the bound this one publication took 526 million steps and 80 linear programs (5 s of CPU here; a
    // page has dozens of publications). With it the search stops at the bound.
    expect(out.effort.fellBack).toBe(true);
    expect(out.effort.used).toBeLessThan(OUTCOME_EFFORT_LIMIT * 1.01);
    expect(lp.calls).toBeLessThan(40);
    // The fallback hid the whole linked system: nothing of it is left to reason from.
    expect(out.all().filter((f) => f.status === "shown" && f.value > 0)).toEqual([]);
    expectNothingDerivable(out, "pathological");
  });

  it("suppresses the same figures the same way every time (the bound is counted work, not a clock)", () => {
    const runs = [0, 1].map(() => outcomeMeasure(PATHOLOGICAL, [0, 1]).protect({ effortLimit: 3_000_000 }));
    expect(runs[1].all()).toEqual(runs[0].all());
    expect(runs[1].effort.used).toBe(runs[0].effort.used);
  });

  it("leaves the usual measure alone: a few small groups are protected without falling back", () => {
    const out = outcomeMeasure(
      [
        [6, 10, 4],
        [9, 12, 3],
        [1, 2, 0],
      ],
      [0],
    ).protect({ effortLimit: OUTCOME_EFFORT_LIMIT });
    expect(out.effort.fellBack).toBe(false);
    expect(out.effort.used).toBeLessThan(OUTCOME_EFFORT_LIMIT / 10);
    expect(out.cell("all|n")).toEqual({ value: 47, status: "shown" });
    expect(out.cell("g2|v:0").status).toBe("small");
    expectNothingDerivable(out, "usual");
  });

  it("gives nothing away when the bound cuts the search at any point, on random measures", () => {
    const rand = seededRandom(15);
    for (let i = 0; i < 40; i++) {
      const nGroups = 2 + Math.floor(rand() * 4);
      const nValues = 2 + Math.floor(rand() * 6);
      const groups = Array.from({ length: nGroups }, () =>
        Array.from({ length: nValues }, () => {
          const r = rand();
          return r < 0.25 ? 0 : r < 0.65 ? 1 + Math.floor(rand() * 4) : Math.floor(rand() * 30);
        }),
      );
      const positives = rand() < 0.5 ? [0] : [0, 1];
      // From almost nothing to enough: the search is cut early, midway or not at all.
      const effortLimit = [10_000, 200_000, 2_000_000, 50_000_000][i % 4];
      const out = outcomeMeasure(groups, positives).protect({ effortLimit });
      expect(out.effort.fellBack || out.effort.used <= effortLimit).toBe(true);
      expectNothingDerivable(out, JSON.stringify({ groups, positives, effortLimit }));
    }
  }, 120_000);
});
