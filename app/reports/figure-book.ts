import { protectTable, type ProtectedCell, type ProtectedTable } from "~/privacy/small-counts";
import type { Figure, Part } from "./draft-types";
import { capitalise } from "./swedish";

/** What every small count reads as in the report's running text. */
export const FEWER_THAN_FIVE = "färre än fem";

/**
 * Collects the figures a draft states. Each figure has one name, its computation, filters and n; the text
 * only ever mentions a figure through `ref`, so every number on the page can say where it comes from.
 */
export class FigureBook {
  readonly figures: Record<string, Figure> = {};

  add(figure: Figure): Figure {
    const existing = this.figures[figure.key];
    if (existing) {
      if (existing.text !== figure.text || existing.value !== figure.value)
        throw new Error(`figure ${figure.key} defined twice with different values`);
      return existing;
    }
    this.figures[figure.key] = figure;
    return figure;
  }

  ref(key: string, { cap = false }: { cap?: boolean } = {}): Part {
    if (!this.figures[key]) throw new Error(`unknown figure ${key}`);
    return cap ? { f: key, cap: true } : { f: key };
  }

  text(key: string): string {
    const figure = this.figures[key];
    if (!figure) throw new Error(`unknown figure ${key}`);
    return figure.text;
  }
}

/** A part's text as printed. */
export function partText(part: Part, figures: Record<string, Figure>): string {
  if (typeof part === "string") return part;
  const text = figures[part.f]?.text ?? "";
  return part.cap ? capitalise(text) : text;
}

/**
 * Every table of person counts the report publishes, protected in one pass. A count shown in a sentence
 * is always a cell of one of these tables, so the text can never give away what a table hides.
 */
export class Publication {
  private readonly tables = new Map<string, { cells: number[][]; rowTotals: boolean; columnTotals: boolean }>();
  private protectedTables: Map<string, ProtectedTable> | null = null;

  table(key: string, cells: number[][], options: { rowTotals?: boolean; columnTotals?: boolean } = {}): void {
    if (this.protectedTables) throw new Error("publication already protected");
    this.tables.set(key, {
      cells,
      rowTotals: options.rowTotals ?? false,
      columnTotals: options.columnTotals ?? false,
    });
  }

  protect(): void {
    const out = new Map<string, ProtectedTable>();
    for (const [key, t] of this.tables) {
      out.set(key, protectTable(t.cells, { rowTotals: t.rowTotals, columnTotals: t.columnTotals }));
    }
    this.protectedTables = out;
  }

  get(key: string): ProtectedTable {
    const table = this.protectedTables?.get(key);
    if (!table) throw new Error(`table ${key} not protected`);
    return table;
  }

  /** A body cell; with row totals the last column of each row is its total. */
  cell(key: string, row: number, column: number): ProtectedCell {
    return this.get(key).rows[row][column];
  }

  /** The column total under `column` (needs column totals). */
  columnTotal(key: string, column: number): ProtectedCell {
    const totals = this.get(key).totals;
    if (!totals) throw new Error(`table ${key} has no column totals`);
    return totals[column];
  }
}
