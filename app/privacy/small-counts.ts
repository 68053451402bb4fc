/**
 * The small-count rule (DOMAIN.md), written once for every printed or exported figure:
 * - a count from 1 to 4 is never shown, only "färre än 5" (primary suppression);
 * - where a hidden count could be worked out from a published total and the other cells of its row or
 *   column, one more cell of that line is hidden too (complementary suppression).
 * Zero is shown: it tells nothing about any one person, and hiding it would hide more than needed.
 *
 * Staff screens show exact counts but use `status` to mark what the rule would hide; printed and
 * exported versions show `protectedLabel()` instead of the value.
 */

export const SMALL_COUNT_LIMIT = 5;

export type CellStatus = "shown" | "small" | "complementary";

export interface ProtectedCell {
  value: number;
  status: CellStatus;
}

export interface ProtectedTable {
  /** Body cells, row by row; with `rowTotals` each row ends with its total cell. */
  rows: ProtectedCell[][];
  /** With `columnTotals`: one total per column (and the grand total last when `rowTotals` too). */
  totals: ProtectedCell[] | null;
}

export interface ProtectOptions {
  /** The table shows a total at the end of each row. */
  rowTotals?: boolean;
  /** The table shows a total under each column. */
  columnTotals?: boolean;
}

const LABELS = {
  sv: { small: "färre än 5", complementary: "dolt" },
  en: { small: "fewer than 5", complementary: "hidden" },
} as const;

export function isSmallCount(value: number): boolean {
  return value > 0 && value < SMALL_COUNT_LIMIT;
}

/** How a cell reads in print or export: the number, or the words that replace it. */
export function protectedLabel(cell: ProtectedCell, locale: "sv" | "en" = "sv"): string {
  if (cell.status === "shown") return String(cell.value);
  return LABELS[locale][cell.status];
}

export function isHidden(cell: ProtectedCell): boolean {
  return cell.status !== "shown";
}

/**
 * Protects a table of counts. `cells` is the body (rows × columns, non-negative integers); totals are
 * computed here, so they always match the body. Works for a single row or column too.
 */
export function protectTable(cells: readonly (readonly number[])[], options: ProtectOptions = {}): ProtectedTable {
  const rowTotals = options.rowTotals ?? false;
  const columnTotals = options.columnTotals ?? false;
  for (const row of cells) {
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be non-negative integers, got ${v}`);
    }
  }
  const nRows = cells.length;
  const nCols = nRows === 0 ? 0 : Math.max(...cells.map((r) => r.length));
  // The full grid: body, plus a total column and/or a total row. Missing cells count as 0.
  const width = nCols + (rowTotals ? 1 : 0);
  const height = nRows + (columnTotals ? 1 : 0);
  const grid: number[][] = [];
  for (let r = 0; r < nRows; r++) {
    const row = Array.from({ length: nCols }, (_, c) => cells[r][c] ?? 0);
    if (rowTotals) row.push(sum(row));
    grid.push(row);
  }
  if (columnTotals) {
    const totalRow = Array.from({ length: width }, (_, c) => sum(grid.map((row) => row[c])));
    grid.push(totalRow);
  }

  const status: CellStatus[][] = grid.map((row) => row.map((v) => (isSmallCount(v) ? "small" : "shown")));

  // Every published total is an equation: the cells of its line add up to it.
  const lines: { cells: [number, number][]; total: [number, number] }[] = [];
  if (rowTotals) {
    for (let r = 0; r < height; r++) {
      lines.push({ cells: range(nCols).map((c) => [r, c] as [number, number]), total: [r, nCols] });
    }
  }
  if (columnTotals) {
    for (let c = 0; c < width; c++) {
      lines.push({ cells: range(nRows).map((r) => [r, c] as [number, number]), total: [nRows, c] });
    }
  }

  // A line with exactly one hidden member gives that member away; hide one more, until no line does.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const members = [...line.cells, line.total];
      const hidden = members.filter(([r, c]) => status[r][c] !== "shown");
      if (hidden.length !== 1) continue;
      const candidate =
        pickComplement(line.cells, grid, status) ??
        (status[line.total[0]][line.total[1]] === "shown" ? line.total : null);
      if (!candidate) continue;
      status[candidate[0]][candidate[1]] = "complementary";
      changed = true;
    }
  }

  const toCell = (r: number, c: number): ProtectedCell => ({ value: grid[r][c], status: status[r][c] });
  return {
    rows: range(nRows).map((r) => range(width).map((c) => toCell(r, c))),
    totals: columnTotals ? range(width).map((c) => toCell(nRows, c)) : null,
  };
}

/** A list of counts with its total (e.g. visits by gender): the one-row case of `protectTable`. */
export function protectSeries(
  values: readonly number[],
  { withTotal = true }: { withTotal?: boolean } = {},
): {
  cells: ProtectedCell[];
  total: ProtectedCell | null;
} {
  const table = protectTable([values], { rowTotals: withTotal });
  const row = table.rows[0] ?? [];
  return withTotal ? { cells: row.slice(0, -1), total: row[row.length - 1] ?? null } : { cells: row, total: null };
}

/**
 * A share in per cent that is safe to print: hidden with its count, since a share of a known total
 * would give the count back.
 */
export function protectedShare(cell: ProtectedCell, total: ProtectedCell): number | null {
  if (isHidden(cell) || isHidden(total) || total.value === 0) return null;
  return Math.round((cell.value / total.value) * 1000) / 10;
}

// The smallest shown non-zero cell costs the least information; a zero only if nothing else is left.
function pickComplement(cells: [number, number][], grid: number[][], status: CellStatus[][]): [number, number] | null {
  const shown = cells.filter(([r, c]) => status[r][c] === "shown");
  const positive = shown.filter(([r, c]) => grid[r][c] > 0);
  const pool = positive.length > 0 ? positive : shown;
  if (pool.length === 0) return null;
  return pool.reduce((best, cur) => (grid[cur[0]][cur[1]] < grid[best[0]][best[1]] ? cur : best));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
