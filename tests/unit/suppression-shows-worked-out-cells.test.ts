import { describe, expect, it } from "vitest";
import { Publication, cellKey, derivedFigures } from "~/privacy/small-counts";
import { lineSolver, lpSolver } from "../support/disclosure-audit";

// Visits per month by gender, as the demo's attendance statistics print them (women, men, other or not stated),
// with row and column totals. Two small counts: a reader must not work them out, and nothing else need hide.
const MONTHS = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"];
const CELLS = [
  [17, 85, 1],
  [24, 80, 12],
  [26, 81, 15],
  [50, 96, 3],
  [30, 98, 11],
  [46, 78, 8],
];
const COLUMNS = ["women", "men", "other"];

function visitsByMonth() {
  const publication = new Publication();
  publication.table({
    id: "months",
    rows: MONTHS,
    columns: COLUMNS,
    cells: CELLS,
    rowTotals: true,
    columnTotals: true,
  });
  return publication.protect();
}

describe("suppression shows again what a reader works out anyway", () => {
  it("hides no cell that the published sums give away, and still protects every small count", () => {
    const out = visitsByMonth();
    const published = out.all();
    const sums = out.equations();
    const hiddenBig = published.filter((f) => f.status === "complementary" && f.value >= 5).map((f) => f.key);
    // Each small count has a partner hidden in its row and its column: the table still needs some.
    expect(hiddenBig.length).toBeGreaterThan(0);
    // None of them is one a reader can work out from the rest: each hides something.
    const workedOut = derivedFigures(
      published.map((f) => ({ ...f })),
      sums,
    );
    expect(hiddenBig.filter((k) => workedOut.has(k))).toEqual([]);
    // The small counts stay out of reach, by the outsider's own solvers too.
    expect(lineSolver(published, sums)).toEqual([]);
    expect(lpSolver(published, sums)).toEqual([]);
    expect(out.cell(cellKey("2025-12", "other")).status).toBe("small");
    expect(out.cell(cellKey("2026-03", "other")).status).toBe("small");
  });

  it("shows a column total that is the grand total less the other columns' totals", () => {
    const out = visitsByMonth();
    const totals = COLUMNS.map((c) => out.cell(cellKey("months:total", c)));
    const grand = out.cell(cellKey("months:total", "all"));
    // With the grand total and two of the three column totals shown, the third is a subtraction away.
    const shownTotals = totals.filter((c) => c.status === "shown").length;
    expect(grand.status === "shown" && shownTotals >= 2 ? shownTotals : 3).toBe(3);
  });
});
