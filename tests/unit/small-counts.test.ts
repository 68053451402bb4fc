import { describe, expect, it } from "vitest";
import {
  isSmallCount,
  protectSeries,
  protectTable,
  protectedLabel,
  protectedShare,
  type ProtectedCell,
  type ProtectedTable,
} from "~/privacy/small-counts";

const statuses = (table: ProtectedTable) => ({
  rows: table.rows.map((r) => r.map((c) => c.status[0])),
  totals: table.totals?.map((c) => c.status[0]) ?? null,
});

/** Everything an outsider could work out: for every line with a published total, solve it if one member is unknown. */
function derivable(table: ProtectedTable, opts: { rowTotals: boolean; columnTotals: boolean }): number {
  const grid: ProtectedCell[][] = [...table.rows, ...(table.totals ? [table.totals] : [])];
  const known = grid.map((row) => row.map((c) => c.status === "shown"));
  const width = grid[0]?.length ?? 0;
  let solved = 0;
  for (let changed = true; changed;) {
    changed = false;
    const lines: [number, number][][] = [];
    if (opts.rowTotals)
      for (let r = 0; r < grid.length; r++) lines.push(Array.from({ length: width }, (_, c) => [r, c]));
    if (opts.columnTotals)
      for (let c = 0; c < width; c++) lines.push(Array.from({ length: grid.length }, (_, r) => [r, c]));
    for (const line of lines) {
      const unknown = line.filter(([r, c]) => !known[r][c]);
      if (unknown.length === 1) {
        const [r, c] = unknown[0];
        known[r][c] = true;
        if (grid[r][c].status === "small") solved += 1;
        changed = true;
      }
    }
  }
  return solved;
}

describe("isSmallCount", () => {
  it("is true for 1 to 4 only", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 100].map(isSmallCount)).toEqual([false, true, true, true, true, false, false, false]);
  });
});

describe("protectedLabel", () => {
  it("says 'färre än 5' for a small count and hides a complementary cell, in Swedish and English", () => {
    expect(protectedLabel({ value: 3, status: "small" })).toBe("färre än 5");
    expect(protectedLabel({ value: 3, status: "small" }, "en")).toBe("fewer than 5");
    expect(protectedLabel({ value: 12, status: "complementary" })).toBe("dolt");
    expect(protectedLabel({ value: 12, status: "shown" })).toBe("12");
    expect(protectedLabel({ value: 0, status: "shown" })).toBe("0");
  });
});

describe("protectSeries (a row with its total)", () => {
  it("leaves a series without small counts alone", () => {
    const out = protectSeries([34, 97]);
    expect(out.cells.map((c) => c.status)).toEqual(["shown", "shown"]);
    expect(out.total).toEqual({ value: 131, status: "shown" });
  });

  it("hides a small count and the smallest other non-zero count, so the total gives nothing away", () => {
    // women 12, men 30, other 3, not stated 0: total 45
    const out = protectSeries([12, 30, 3, 0]);
    expect(out.cells.map((c) => c.status)).toEqual(["complementary", "shown", "small", "shown"]);
    expect(out.total?.status).toBe("shown");
    expect(out.total?.value).toBe(45);
  });

  it("needs no second cell when two counts are already small", () => {
    const out = protectSeries([2, 40, 3]);
    expect(out.cells.map((c) => c.status)).toEqual(["small", "shown", "small"]);
  });

  it("hides a small total too", () => {
    const out = protectSeries([1, 2, 0, 0]);
    expect(out.cells.map((c) => c.status)).toEqual(["small", "small", "shown", "shown"]);
    expect(out.total?.status).toBe("small");
  });

  it("hides the total when the only other members are zero", () => {
    // 3 + 0 + 0 = 3 is small anyway; 4 + 0 with total 4 as well; but 0 + 3 of a total 3 with one more zero:
    const out = protectSeries([0, 3]);
    expect(out.cells[1].status).toBe("small");
    expect(out.total?.status).toBe("small");
  });

  it("without a total, only hides the small counts", () => {
    const out = protectSeries([12, 3, 40], { withTotal: false });
    expect(out.cells.map((c) => c.status)).toEqual(["shown", "small", "shown"]);
    expect(out.total).toBeNull();
  });

  it("refuses negative or fractional counts", () => {
    expect(() => protectSeries([1, -1])).toThrow(RangeError);
    expect(() => protectSeries([1.5])).toThrow(RangeError);
  });
});

describe("protectTable (rows and columns with totals)", () => {
  it("keeps exact values for staff while marking what print would hide", () => {
    const out = protectTable(
      [
        [10, 3],
        [20, 30],
      ],
      { rowTotals: true, columnTotals: true },
    );
    expect(out.rows[0].map((c) => c.value)).toEqual([10, 3, 13]);
    expect(out.totals?.map((c) => c.value)).toEqual([30, 33, 63]);
  });

  it("suppresses across rows and columns until no hidden cell can be worked out", () => {
    const table = [
      [10, 3, 20],
      [15, 12, 18],
      [9, 25, 7],
    ];
    const out = protectTable(table, { rowTotals: true, columnTotals: true });
    const s = statuses(out);
    expect(s.rows[0][1]).toBe("s");
    // The row and the column of the small cell each lose one more cell.
    expect(s.rows[0].filter((x) => x === "c").length).toBeGreaterThanOrEqual(1);
    expect(out.rows.map((r) => r[1]).filter((c) => c.status === "complementary").length).toBeGreaterThanOrEqual(1);
    expect(derivable(out, { rowTotals: true, columnTotals: true })).toBe(0);
  });

  it("leaves no small cell derivable in many random tables", () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const rows = 1 + Math.floor(rand() * 5);
      const cols = 1 + Math.floor(rand() * 5);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Math.floor(rand() * (rand() < 0.4 ? 5 : 30))),
      );
      for (const opts of [
        { rowTotals: true, columnTotals: true },
        { rowTotals: true, columnTotals: false },
        { rowTotals: false, columnTotals: true },
      ]) {
        const out = protectTable(cells, opts);
        expect(derivable(out, opts), JSON.stringify({ cells, opts })).toBe(0);
        for (const row of out.rows) for (const c of row) if (isSmallCount(c.value)) expect(c.status).toBe("small");
      }
    }
    // 900 tables: seconds of CPU on a busy machine, so no 5-second limit.
  }, 60_000);

  it("only protects columns when only column totals are published", () => {
    const out = protectTable([[2], [50], [60]], { columnTotals: true });
    expect(out.rows.map((r) => r[0].status)).toEqual(["small", "complementary", "shown"]);
    expect(out.totals?.[0]).toEqual({ value: 112, status: "shown" });
  });

  it("handles an empty table", () => {
    expect(protectTable([], { rowTotals: true, columnTotals: true })).toEqual({
      rows: [],
      totals: [{ value: 0, status: "shown" }],
    });
  });
});

describe("protectedShare", () => {
  it("gives a share with one decimal, or nothing where the count is hidden", () => {
    const out = protectSeries([34, 97]);
    expect(protectedShare(out.cells[0], out.total!)).toBe(26);
    const small = protectSeries([3, 40, 10]);
    expect(protectedShare(small.cells[0], small.total!)).toBeNull();
    expect(protectedShare(small.cells[1], small.total!)).toBe(75.5);
  });
});
