import { describe, expect, it } from "vitest";
import { Publication, derivedFigures } from "~/privacy/small-counts";
import { lineSolver, lpSolver } from "../support/disclosure-audit";

const COLUMNS = ["women", "men", "other"];

/** A small deterministic random source (mulberry32), so every run checks the same publications. */
function randomSource(seed: number) {
  let a = seed;
  return (below: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/**
 * Visits by gender as the attendance statistics publish them together: per month and per activity, both tables
 * summing to the same total row ("visits"), with row totals. A few cells are small (1–4).
 */
function linkedVisitTables(seed: number) {
  const random = randomSource(seed);
  const cell = () => (random(6) === 0 ? 1 + random(4) : random(3) === 0 ? 5 + random(20) : 20 + random(80));
  const grid = (rows: number) => Array.from({ length: rows }, () => COLUMNS.map(() => cell()));
  const months = grid(3 + random(4));
  const activities = grid(2 + random(3));
  // Both tables count the same visits: the last activity takes what the others leave of each column.
  const columnSum = (g: number[][], c: number) => g.reduce((acc, row) => acc + row[c], 0);
  COLUMNS.forEach((_, c) => {
    const rest = columnSum(activities.slice(0, -1), c);
    const need = columnSum(months, c) - rest;
    if (need < 0) months[0][c] += -need;
    activities[activities.length - 1][c] = Math.max(0, columnSum(months, c) - rest);
  });
  const publication = new Publication();
  const both = { rowTotals: true, columnTotals: true, columns: COLUMNS, totalRow: "visits" };
  publication.table({ id: "byMonth", ...both, rows: months.map((_, i) => `month:${i}`), cells: months });
  publication.table({ id: "perActivity", ...both, rows: activities.map((_, i) => `activity:${i}`), cells: activities });
  return publication.protect();
}

describe("suppression shows again what a reader works out anyway", () => {
  it("hides no count the published sums give away, and still protects every small count (60 linked pages)", () => {
    let hiddenInAll = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const out = linkedVisitTables(seed);
      const published = out.all();
      const sums = out.equations();
      const hiddenBig = published.filter((f) => f.status === "complementary" && f.value >= 5).map((f) => f.key);
      hiddenInAll += hiddenBig.length;
      // No count hidden only to be worked out from the rest of the page: each one hides something.
      const workedOut = derivedFigures(published, sums);
      expect(
        hiddenBig.filter((k) => workedOut.has(k)),
        `seed ${seed}`,
      ).toEqual([]);
      // And the small counts stay out of reach, by the outsider's own solvers too.
      expect(lineSolver(published, sums), `seed ${seed}`).toEqual([]);
      expect(lpSolver(published, sums), `seed ${seed}`).toEqual([]);
    }
    // The pages do need partners hidden: the check above is not vacuous.
    expect(hiddenInAll).toBeGreaterThan(20);
  });
});
