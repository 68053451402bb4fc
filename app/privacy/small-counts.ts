/**
 * The small-count rule (DOMAIN.md), written once for every printed or exported figure.
 *
 * ## The rule
 * - A count of persons (or visits) from 1 to 4 is never published, only "färre än 5" (primary suppression).
 *   Zero is published: it points at no one.
 * - Nothing hidden may be worked out from everything that ONE page, print, CSV or report publishes together.
 *   Tables that share figures or totals are linked (as sdcTable / τ-ARGUS protect linked tables), and a sentence
 *   ("131 inskrivna, varav 34 kvinnor") publishes figures too. So suppression is one pass over all of them.
 * - Where a hidden count could be worked out, the smallest other cell that stops it is hidden too ("dolt",
 *   secondary suppression), repeated until nothing hidden can be derived.
 * - "Annan/ickebinär" and "vill inte uppge" are merged into one category before suppressing
 *   (`toPublishedGenders`): two tiny categories side by side would otherwise hide the large ones.
 * - A figure that is already public elsewhere (the enrolment of women and men the city prints in its committee
 *   papers) is marked `keepShown`: it is never hidden as a secondary cell because of a third category.
 * - Counts that describe no person's attribute (participants per opening day, number of sessions, opening days,
 *   registrations) are not put into a publication at all: they are printed as they are.
 *
 * ## The API: a publication
 * ```ts
 * const pub = new Publication();
 * pub.table({ id: "byMonth", rows: months.map((m) => `month:${m}`), columns: PUBLISHED_GENDER_KEYS,
 *             cells, rowTotals: true, columnTotals: true, totalRow: "visits" });
 * pub.table({ id: "perActivity", rows: …, columns: PUBLISHED_GENDER_KEYS, cells, rowTotals: true,
 *             columnTotals: true, totalRow: "visits" });   // same "visits" total row: the two are linked
 * pub.figure("enrolled|gender:women", 34, { keepShown: true });   // a figure in a sentence
 * pub.sum("activity:12|gender:women", ["special:2023-12-20:12|gender:women"]); // a link the keys don't show
 * const out = pub.protect();             // the one pass
 * out.table("byMonth").rows[0][1]        // ProtectedCell { value, status }
 * out.cell("enrolled|gender:women")      // a sentence figure
 * out.label("visits|all", "sv")          // "färre än 5" / "dolt" / "131"
 * ```
 * - Every figure has a key that names WHAT it counts. A table cell's key is `${rowKey}|${columnKey}`; a row total's
 *   column key is `totalColumn` ("all" by default); the column totals form the row `totalRow` (default
 *   `${id}:total`). The same key in two tables is the same figure (its value must agree, or `table` throws), so
 *   tables that publish the same total are linked just by naming it the same.
 * - Every published total is an equation (its cells add up to it). `sum(total, parts)` adds one the keys cannot
 *   show; a part that is not published is an unknown the reader never learns.
 * - Staff screens show exact values and mark what is hidden; print, CSV and reports show `protectedLabel`.
 * - Shares: `protectedShare` gives a share only when both its count and its total are shown.
 *
 * ## What "cannot be worked out" means here
 * The reader knows every shown value, that a "färre än 5" cell is 1–4, that a "dolt" cell is 0 or at least 5
 * (else it would say "färre än 5") and that counts are non-negative. `derivedFigures` plays that reader: exact
 * linear elimination over every equation, then bounds propagated through the equations and their reduced
 * combinations. Suppression stops only when no primary cell is determined by either.
 */

import { maximise, type Spend } from "./linear-program";

export const SMALL_COUNT_LIMIT = 5;

/**
 * How much work one `protect()` may spend playing the reader, in counted steps (a matrix or tableau entry read or
 * updated): deterministic, unlike a timeout, so the same figures are always suppressed the same way. The search
 * for secondary cells can grow much faster than the page on some distributions (a random attendance page of 114
 * figures with 31 small ones takes about a billion steps, seconds of CPU); past the bound the publication falls
 * back to the safe rule (see `protect`). Callers whose publications are small pass a lower bound.
 */
export const EFFORT_LIMIT = 2_000_000_000;

class EffortExceeded extends Error {
  constructor() {
    super("the suppression search ran past its effort bound");
  }
}

/** Counts the reader's work and stops it past the limit. */
class Effort {
  used = 0;
  constructor(readonly limit: number) {}
  readonly spend = (steps: number) => {
    this.used += steps;
    if (this.used > this.limit) throw new EffortExceeded();
  };
}

export interface ProtectionEffort {
  /** Steps spent (see `EFFORT_LIMIT`). */
  used: number;
  limit: number;
  /** The search ran out of effort: linked figures of the unfinished cells were all hidden instead. */
  fellBack: boolean;
}

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

/** The gender categories a publication prints: "annan" and "vill inte uppge" merged into one. */
export const PUBLISHED_GENDERS = ["women", "men", "otherOrNotStated"] as const;
export type PublishedGender = (typeof PUBLISHED_GENDERS)[number];
export const PUBLISHED_GENDER_KEYS = PUBLISHED_GENDERS.map((g) => `gender:${g}`);

export function toPublishedGenders(c: { women: number; men: number; other: number; notStated: number }): number[] {
  return [c.women, c.men, c.other + c.notStated];
}

const LABELS = {
  sv: { small: `färre än ${SMALL_COUNT_LIMIT}`, complementary: "dolt" },
  en: { small: `fewer than ${SMALL_COUNT_LIMIT}`, complementary: "hidden" },
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
 * A share in per cent that is safe to print: hidden with its count or its total, since a rounded share of a
 * known total (or of a known count) gives the other back.
 */
export function protectedShare(cell: ProtectedCell, total: ProtectedCell): number | null {
  if (isHidden(cell) || isHidden(total) || total.value === 0) return null;
  return Math.round((cell.value / total.value) * 1000) / 10;
}

export interface FigureOptions {
  /** Primary suppression applies (a count of persons or visits). Default true. */
  sensitive?: boolean;
  /** Already public elsewhere: never hidden as a secondary cell. */
  keepShown?: boolean;
  /**
   * How another view of the same page already publishes it (the unsplit figures beside a breakdown): kept exactly
   * so, never chosen as a secondary cell, and a reader is assumed to know it when shown. A small count is hidden
   * whatever this says. The all-hidden fallback of `protect` leaves a settled figure as it is.
   */
  settled?: "shown" | "hidden";
}

export interface TableSpec extends ProtectOptions {
  id: string;
  /** Row keys: what each row counts, e.g. `month:2023-09`. */
  rows: readonly string[];
  /** Column keys, e.g. `PUBLISHED_GENDER_KEYS`. */
  columns: readonly string[];
  /** Body, rows × columns, non-negative integers (missing cells count as 0). */
  cells: readonly (readonly number[])[];
  /** Key of the row of column totals. Tables naming the same total row share its figures. */
  totalRow?: string;
  /** Column key of the row totals. Default "all". */
  totalColumn?: string;
  /** Primary suppression applies to this table's cells. Default true. */
  sensitive?: boolean;
  /** Keys of cells that are public elsewhere and must not be hidden as secondary cells. */
  keepShown?: readonly string[];
}

interface Figure {
  key: string;
  value: number;
  sensitive: boolean;
  keepShown: boolean;
  settled?: "shown" | "hidden";
  /** Order of registration: a stable tie-break. */
  order: number;
}

interface Equation {
  parts: string[];
  total: string;
}

interface TableLayout {
  rows: string[][];
  totals: string[] | null;
}

export const cellKey = (row: string, column: string) => `${row}|${column}`;

/** Everything one page, print, CSV or report publishes together; `protect()` suppresses it in one pass. */
export class Publication {
  private figures = new Map<string, Figure>();
  private equations: Equation[] = [];
  private layouts = new Map<string, TableLayout>();

  /** A single published figure (a sentence's number, a lone cell). Registering a key again returns the same. */
  figure(key: string, value: number, options: FigureOptions = {}): string {
    checkCount(value);
    const existing = this.figures.get(key);
    if (existing) {
      if (existing.value !== value) {
        throw new Error(`figure ${key} is published twice with different values (${existing.value}, ${value})`);
      }
      existing.sensitive ||= options.sensitive ?? true;
      existing.keepShown ||= options.keepShown ?? false;
      existing.settled ??= options.settled;
      return key;
    }
    this.figures.set(key, {
      key,
      value,
      sensitive: options.sensitive ?? true,
      keepShown: options.keepShown ?? false,
      settled: options.settled,
      order: this.figures.size,
    });
    return key;
  }

  /** `total` is the sum of `parts`. Parts not published are unknowns the reader never learns. */
  sum(total: string, parts: readonly string[]): void {
    if (parts.length === 0) return;
    this.equations.push({ total, parts: [...parts] });
  }

  /** A table of counts; its totals are computed here so they always match the body. */
  table(spec: TableSpec): void {
    if (this.layouts.has(spec.id)) throw new Error(`table ${spec.id} is published twice`);
    const rowTotals = spec.rowTotals ?? false;
    const columnTotals = spec.columnTotals ?? false;
    const totalRow = spec.totalRow ?? `${spec.id}:total`;
    const totalColumn = spec.totalColumn ?? "all";
    const columns = [...spec.columns];
    const options = { sensitive: spec.sensitive ?? true };
    const keep = new Set(spec.keepShown ?? []);
    const add = (key: string, value: number) =>
      this.figure(key, value, { ...options, keepShown: keep.has(key) || undefined });
    const layout: TableLayout = { rows: [], totals: null };
    const columnSums = columns.map(() => 0);
    spec.rows.forEach((rowKey, r) => {
      const keys = columns.map((columnKey, c) => {
        const value = spec.cells[r]?.[c] ?? 0;
        columnSums[c] += value;
        return add(cellKey(rowKey, columnKey), value);
      });
      if (rowTotals) {
        const total = add(cellKey(rowKey, totalColumn), sum((spec.cells[r] ?? []).slice(0, columns.length)));
        this.sum(total, keys);
        keys.push(total);
      }
      layout.rows.push(keys);
    });
    if (columnTotals) {
      const totals = columns.map((columnKey, c) => add(cellKey(totalRow, columnKey), columnSums[c]));
      columns.forEach((columnKey, c) =>
        this.sum(
          totals[c],
          layout.rows.map((row) => row[c]),
        ),
      );
      if (rowTotals) {
        const grand = add(cellKey(totalRow, totalColumn), sum(columnSums));
        this.sum(grand, totals);
        this.sum(
          grand,
          layout.rows.map((row) => row[columns.length]),
        );
        totals.push(grand);
      }
      layout.totals = totals;
    }
    this.layouts.set(spec.id, layout);
  }

  /**
   * Suppresses everything registered, in one pass over all tables, figures and sums.
   *
   * The search for secondary cells is bounded by `effortLimit` (counted steps, see `EFFORT_LIMIT`). Should it run
   * out, every figure linked by a published sum to a small cell not yet proven safe is hidden ("dolt"), the small
   * cells included. That is safe whatever the values: in a linked system where nothing is shown every sum reads
   * 0 = 0 over unknowns, so doubling every unknown fits everything published as well as the true values do (a
   * count ≥ 0 stays ≥ 0, one that is 0 or at least 5 stays so) and no count other than 0 can be pinned down.
   * (Figures `settled` as shown stay shown; where a caller settles figures it must give its own argument.)
   */
  protect({ effortLimit = EFFORT_LIMIT }: { effortLimit?: number } = {}): ProtectedPublication {
    const figures = [...this.figures.values()];
    const equations = this.equations.filter((e) => e.parts.length > 0);
    const status = new Map<string, CellStatus>();
    for (const f of figures) {
      const small = f.sensitive && isSmallCount(f.value);
      status.set(f.key, small ? "small" : f.settled === "hidden" ? "complementary" : "shown");
    }
    const primary = figures.filter((f) => status.get(f.key) === "small").map((f) => f.key);
    const effort = new Effort(effortLimit);
    const reader = new Reader(this.figures, equations, effort.spend);
    // Small cells the reader was shown unable to pin down with all its means (hiding more never undoes that).
    const proven = new Set<string>();
    try {
      this.search(figures, equations, status, primary, reader, proven);
      this.showWhatIsWorkedOutAnyway(figures, equations, status, primary, effortLimit);
    } catch (error) {
      if (!(error instanceof EffortExceeded)) throw error;
      for (const key of reader.linkedTo(primary.filter((k) => !proven.has(k)))) {
        const f = this.figures.get(key);
        if (f && !(f.settled === "shown" && status.get(key) === "shown")) status.set(key, "complementary");
      }
    }
    return new ProtectedPublication(this.figures, status, this.layouts, equations, {
      used: effort.used,
      limit: effort.limit,
      fellBack: effort.used > effort.limit,
    });
  }

  /**
   * Shows again each cell the search hid that a reader works out exactly anyway, from the published sums and what the
   * labels tell (a women's total that is the total less the men and the rest): hiding it hid nothing, and it left
   * the reader of a print to do the sum. A value the reader already pins down adds nothing to what the reader can
   * learn, so the small cells stay as protected as the search left them; as a second guard, every small cell is
   * checked again with the linear program afterwards (those printed "dolt" too), and should one be given away, nothing
   * is shown again.
   * Bounded by its own effort: when that runs out, the cells stay hidden (`fellBack` is the search's alone).
   */
  private showWhatIsWorkedOutAnyway(
    figures: Figure[],
    equations: Equation[],
    status: Map<string, CellStatus>,
    primary: string[],
    effortLimit: number,
  ): void {
    const effort = new Effort(effortLimit);
    const reader = new Reader(this.figures, equations, effort.spend);
    const shownAgain: string[] = [];
    try {
      for (let changed = true; changed;) {
        changed = false;
        for (const f of figures) {
          if (status.get(f.key) !== "complementary" || f.settled === "hidden" || isSmallCount(f.value)) continue;
          if (!reader.determines(f.key, status, reader.component(f.key, status), 1)) continue;
          status.set(f.key, "shown");
          shownAgain.push(f.key);
          changed = true;
        }
      }
      if (shownAgain.length === 0) return;
      // Every small count still hidden, "färre än 5" or "dolt" alike.
      const givenAway = primary.some(
        (k) => status.get(k) !== "shown" && reader.determines(k, status, reader.component(k, status), 2),
      );
      if (!givenAway) return;
    } catch (error) {
      if (!(error instanceof EffortExceeded)) throw error;
    }
    for (const k of shownAgain) status.set(k, "complementary");
  }

  /** The search for secondary cells (`protect`); throws `EffortExceeded` past the effort bound. */
  private search(
    figures: Figure[],
    equations: Equation[],
    status: Map<string, CellStatus>,
    primary: string[],
    reader: Reader,
    proven: Set<string>,
  ): void {
    // Cheapest first: the smallest non-zero count, then zeros; the order registered breaks ties.
    const cheaper = (a: Figure, b: Figure) =>
      (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || a.value - b.value || a.order - b.order;
    const shownAround = (equationIds: Iterable<number>, allowKept: boolean) => {
      const found = new Map<string, Figure>();
      for (const i of equationIds) {
        for (const k of reader.keysOf(i)) {
          const f = this.figures.get(k);
          if (f && status.get(k) === "shown" && !f.settled && (allowKept || !f.keepShown)) found.set(k, f);
        }
      }
      return [...found.values()].sort(cheaper);
    };
    // How hard the reader tries: 0 the equations alone, 1 with bounds, 2 with a linear program as well.
    const leaksWith = (target: string, hide: string[], effort: 0 | 1 | 2) => {
      for (const k of hide) status.set(k, "complementary");
      const derived = reader.determines(target, status, reader.component(target, status), effort);
      for (const k of hide) status.set(k, "shown");
      return derived;
    };
    const hiddenIn = (i: number) => reader.keysOf(i).filter((k) => status.get(k) !== "shown").length;

    // One primary cell at a time: hiding more never lets the reader know more, so a cell protected stays so.
    // First the classic rule, cheap and enough for most tables: while a published sum has exactly one hidden
    // member, hide its smallest shown member (what is kept shown only if nothing else is left).
    for (let changed = true; changed;) {
      changed = false;
      for (let i = 0; i < equations.length; i++) {
        if (hiddenIn(i) !== 1) continue;
        const next = shownAround([i], false)[0] ?? shownAround([i], true)[0];
        if (!next) continue;
        status.set(next.key, "complementary");
        changed = true;
      }
    }

    // Then what a reader can still work out: through one equation, then through bounds, then through the linear program: a subtle
    // leak often runs through a plain one elsewhere, which its own fix then closes.
    for (const effort of [0, 1, 2] as const) {
      // The reader at this effort does everything it does at a lower one (exact elimination comes first, and the
      // linear program only runs when bounds found nothing), so one check is enough.
      const protects = (target: string, hide: string[]) => !leaksWith(target, hide, effort);
      for (const target of primary) {
        for (let guard = 0; guard < figures.length + 1; guard++) {
          if (status.get(target) !== "small") break;
          if (!leaksWith(target, [], effort)) {
            if (effort === 2) proven.add(target);
            break;
          }
          const group = reader.component(target, status);
          const own = shownAround(reader.equationsWith(target), false);
          const near = shownAround(group, false).filter((f) => !own.includes(f));
          // The smallest single cell that protects it (the quick checks first).
          let chosen: string | null =
            [...own.slice(0, 6), ...near.slice(0, 6)].find((f) => protects(target, [f.key]))?.key ?? null;
          if (chosen === null) {
            // None alone: hide the smallest cell of the target's line that hides least so far (its row where the
            // column already has a partner: the way to a protecting rectangle), if hiding more can help at all.
            // A line where only one member is still unknown to the reader gives it away: it needs a second one
            // (the classic rule; it builds the protecting rectangle step by step).
            const revealing = reader.revealingLines(target, status, group);
            const lines = [
              ...revealing,
              ...[...reader.equationsWith(target)].sort((a, b) => hiddenIn(a) - hiddenIn(b)),
            ];
            const next = lines.map((i) => shownAround([i], false)[0]).find((f) => f !== undefined);
            const rest = figures
              .filter((f) => status.get(f.key) === "shown" && !f.keepShown && !f.settled)
              .map((f) => f.key);
            if (next && protects(target, rest)) chosen = next.key;
          }
          if (chosen === null) {
            const kept = shownAround(group, true)[0];
            const rest = figures.filter((f) => status.get(f.key) === "shown" && !f.settled).map((f) => f.key);
            if (kept && protects(target, rest)) chosen = kept.key;
          }
          if (chosen) {
            status.set(chosen, "complementary");
            continue;
          }
          // Hiding more cannot help: the labels themselves give it away (four "färre än 5" adding up to a total of
          // "färre än 5" are ones). Such a cell is printed "dolt", which says only that a number is hidden.
          status.set(target, "complementary");
        }
      }
    }
  }
}

export class ProtectedPublication {
  constructor(
    private readonly figures: Map<string, Figure>,
    private readonly statuses: Map<string, CellStatus>,
    private readonly layouts: Map<string, TableLayout>,
    private readonly sums: readonly Equation[],
    /** What the search cost, and whether it fell back to hiding whole linked systems. */
    readonly effort: ProtectionEffort,
  ) {}

  has(key: string): boolean {
    return this.figures.has(key);
  }

  cell(key: string): ProtectedCell {
    const f = this.figures.get(key);
    if (!f) throw new Error(`figure ${key} was not published`);
    return { value: f.value, status: this.statuses.get(key) ?? "shown" };
  }

  table(id: string): ProtectedTable {
    const layout = this.layouts.get(id);
    if (!layout) throw new Error(`table ${id} was not published`);
    return {
      rows: layout.rows.map((row) => row.map((k) => this.cell(k))),
      totals: layout.totals ? layout.totals.map((k) => this.cell(k)) : null,
    };
  }

  /** The same publication with these figures hidden too ("dolt"): hiding more never lets a reader know more. */
  hiding(keys: Iterable<string>): ProtectedPublication {
    const statuses = new Map(this.statuses);
    for (const k of keys)
      if (statuses.get(k) === "shown" || statuses.get(k) === "small") statuses.set(k, "complementary");
    return new ProtectedPublication(this.figures, statuses, this.layouts, this.sums, this.effort);
  }

  /**
   * The same publication with these figures labelled as `other` labels them (the whole wave beside a breakdown, as
   * the page without one prints it): a reader who has both views knows the more telling label anyway.
   */
  labelledAs(other: ProtectedPublication, keys: Iterable<string>): ProtectedPublication {
    const statuses = new Map(this.statuses);
    for (const k of keys) statuses.set(k, other.cell(k).status);
    return new ProtectedPublication(this.figures, statuses, this.layouts, this.sums, this.effort);
  }

  label(key: string, locale: "sv" | "en" = "sv"): string {
    return protectedLabel(this.cell(key), locale);
  }

  /**
   * Several protected publications read as one (parts of one system protected in steps, e.g. the axes of a
   * breakdown that could not be protected together). A figure in two parts must read the same in both.
   */
  static joined(parts: readonly ProtectedPublication[]): ProtectedPublication {
    const figures = new Map<string, Figure>();
    const statuses = new Map<string, CellStatus>();
    const layouts = new Map<string, TableLayout>();
    const sums = new Map<string, Equation>();
    for (const part of parts) {
      for (const [k, f] of part.figures) {
        const status = part.statuses.get(k) ?? "shown";
        const seen = statuses.get(k);
        if (seen !== undefined && (seen !== status || figures.get(k)!.value !== f.value))
          throw new Error(`figure ${k} reads differently in two parts`);
        figures.set(k, f);
        statuses.set(k, status);
      }
      for (const [id, layout] of part.layouts) layouts.set(id, layout);
      for (const e of part.sums) sums.set(`${e.total}=${e.parts.join("+")}`, e);
    }
    const used = parts.reduce((n, p) => n + p.effort.used, 0);
    return new ProtectedPublication(figures, statuses, layouts, [...sums.values()], {
      used,
      limit: Math.max(0, ...parts.map((p) => p.effort.limit)),
      fellBack: parts.some((p) => p.effort.fellBack),
    });
  }

  /** Every published figure with its status (for audits and tests). */
  all(): { key: string; value: number; status: CellStatus }[] {
    return [...this.figures.values()].map((f) => ({ key: f.key, value: f.value, status: this.statuses.get(f.key)! }));
  }

  /** Every equation the reader knows (the published totals and declared sums). */
  equations(): { total: string; parts: string[] }[] {
    return this.sums.map((e) => ({ total: e.total, parts: [...e.parts] }));
  }
}

/**
 * Protects one table on its own. A page that publishes several tables (or a table and a sentence) must use one
 * `Publication` for all of them instead.
 */
export function protectTable(cells: readonly (readonly number[])[], options: ProtectOptions = {}): ProtectedTable {
  const nCols = cells.length === 0 ? 0 : Math.max(...cells.map((r) => r.length));
  const pub = new Publication();
  pub.table({
    id: "t",
    rows: cells.map((_, i) => `r${i}`),
    columns: Array.from({ length: nCols }, (_, i) => `c${i}`),
    cells,
    ...options,
  });
  return pub.protect().table("t");
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
 * The reader of a publication: what can be worked out from the shown values, the labels' meaning and the
 * equations. Exported so tests and other modules can audit what they publish.
 */
export function derivedFigures(
  published: readonly { key: string; value: number; status: CellStatus }[],
  equations: readonly { total: string; parts: readonly string[] }[],
  {
    linearPrograms = false,
  }: {
    /**
     * Also try, for every hidden count from 1 to 4 the equations and bounds leave open, the best linear program over
     * everything (as `protect` does for each small cell): slower, and what a final check should use.
     */
    linearPrograms?: boolean;
  } = {},
): Set<string> {
  const figures = new Map<string, Figure>(
    published.map((p, order) => [p.key, { key: p.key, value: p.value, sensitive: true, keepShown: false, order }]),
  );
  const status = new Map(published.map((p) => [p.key, p.status]));
  const reader = new Reader(figures, equations);
  const derived = reader.derived(status);
  if (!linearPrograms) return derived;
  for (const p of published) {
    if (p.status === "shown" || !isSmallCount(p.value) || derived.has(p.key)) continue;
    if (reader.determines(p.key, status, reader.component(p.key, status), 2)) derived.add(p.key);
  }
  return derived;
}

class Reader {
  private readonly rows: Map<string, number>[];
  private readonly byKey = new Map<string, number[]>();

  constructor(
    private readonly figures: Map<string, Figure>,
    private readonly equations: readonly { total: string; parts: readonly string[] }[],
    private readonly spend: Spend = () => {},
  ) {
    this.rows = equations.map((e, i) => {
      const row = new Map<string, number>();
      const addTerm = (k: string, c: number) => row.set(k, (row.get(k) ?? 0) + c);
      addTerm(e.total, -1);
      for (const p of e.parts) addTerm(p, 1);
      for (const k of row.keys()) this.byKey.set(k, [...(this.byKey.get(k) ?? []), i]);
      return row;
    });
  }

  /** Every key linked to one of `keys` through published sums, whatever is shown (the keys themselves included). */
  linkedTo(keys: Iterable<string>): Set<string> {
    const linked = new Set<string>();
    const queue = [...keys];
    for (const k of queue) linked.add(k);
    while (queue.length > 0) {
      const k = queue.pop()!;
      for (const i of this.equationsWith(k)) {
        for (const other of this.rows[i].keys()) {
          if (!linked.has(other)) {
            linked.add(other);
            queue.push(other);
          }
        }
      }
    }
    return linked;
  }

  keysOf(i: number): string[] {
    return [...this.rows[i].keys()];
  }

  equationsWith(key: string): number[] {
    return this.byKey.get(key) ?? [];
  }

  /** The equations linked to `key` through cells the reader does not know. */
  component(key: string, status: Map<string, CellStatus>): number[] {
    const seen = new Set<number>();
    const keys = new Set([key]);
    const queue = [key];
    while (queue.length > 0) {
      const k = queue.pop()!;
      for (const i of this.equationsWith(k)) {
        if (seen.has(i)) continue;
        seen.add(i);
        for (const other of this.rows[i].keys()) {
          if (!keys.has(other) && status.get(other) !== "shown") {
            keys.add(other);
            queue.push(other);
          }
        }
      }
    }
    return [...seen];
  }

  /** Hidden (and unpublished) keys of the given equations whose value the reader can pin down exactly. */
  derived(
    status: Map<string, CellStatus>,
    equationIds: number[] = this.rows.map((_, i) => i),
    options: { bounds?: boolean } = {},
  ): Set<string> {
    return this.solve(status, equationIds, options).derived;
  }

  /**
   * The equations of `ids` in which exactly one member is unknown to the reader (hidden and not worked out).
   */
  revealingLines(target: string, status: Map<string, CellStatus>, ids: number[]): number[] {
    const { derived } = this.solve(status, ids, { bounds: true });
    const unknown = (k: string) => status.get(k) !== "shown" && !derived.has(k);
    const lines = ids.filter((i) => this.keysOf(i).filter(unknown).length === 1);
    // A line giving away another hidden cell first: that cell is how the target is reached.
    const givesAwayTarget = (i: number) => (this.keysOf(i).find(unknown) === target ? 1 : 0);
    return lines.sort((a, b) => givesAwayTarget(a) - givesAwayTarget(b));
  }

  /**
   * Whether the reader can pin `target` down: by the equations, by bounds, or by the best linear program over
   * everything (the bounds found first included, which carry what "dolt" tells).
   */
  determines(target: string, status: Map<string, CellStatus>, equationIds: number[], effort: 0 | 1 | 2 = 2): boolean {
    const found = this.solve(status, equationIds, { bounds: effort > 0 });
    if (found.derived.has(target)) return true;
    if (effort < 2) return false;
    const t = found.names.indexOf(target);
    if (t < 0) return false;
    const n = found.names.length;
    const free = found.names.map((_, j) => j).filter((j) => found.lo[j] !== found.hi[j]);
    const A = found.rows.map((row) => free.map((j) => row[j]));
    const b = found.rows.map((row) => row[n] - found.names.reduce((acc, _, j) => acc + row[j] * found.lo[j], 0));
    const upper = free.map((j) => found.hi[j] - found.lo[j]);
    const c = free.map((j) => (j === t ? 1 : 0));
    try {
      const max = maximise(A, b, upper, c, this.spend);
      const min = -maximise(
        A,
        b,
        upper,
        c.map((v) => -v),
        this.spend,
      );
      return Math.floor(max + 1e-7) === Math.ceil(min - 1e-7);
    } catch (error) {
      if (error instanceof EffortExceeded) throw error;
      // The program could not be solved: nothing shows the cell is safe, so it counts as given away.
      return true;
    }
  }

  private solve(
    status: Map<string, CellStatus>,
    equationIds: number[],
    { bounds = true }: { bounds?: boolean } = {},
  ): { derived: Set<string>; names: string[]; lo: Float64Array; hi: Float64Array; rows: Float64Array[] } {
    // Number the unknowns of these equations; the known values move to the right-hand side.
    const index = new Map<string, number>();
    const names: string[] = [];
    const known = (k: string) => (status.get(k) === "shown" ? this.figures.get(k)?.value : undefined);
    for (const i of equationIds) {
      for (const k of this.rows[i].keys()) {
        if (known(k) === undefined && !index.has(k)) {
          index.set(k, names.length);
          names.push(k);
        }
      }
    }
    const n = names.length;
    const derived = new Set<string>();
    if (n === 0) return { derived, names, lo: new Float64Array(0), hi: new Float64Array(0), rows: [] };
    const base: Float64Array[] = [];
    for (const i of equationIds) {
      const row = new Float64Array(n + 1);
      let any = false;
      for (const [k, c] of this.rows[i]) {
        const v = known(k);
        if (v === undefined) {
          row[index.get(k)!] += c;
          any = true;
        } else row[n] -= c * v;
      }
      if (any) base.push(row);
    }
    // What a label tells: "färre än 5" is 1–4; "dolt" on a count that is not small reads as 0 or at least 5
    // (a reader may guess that small counts say "färre än 5"); anything unpublished is only ≥ 0.
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    const hole = new Uint8Array(n);
    names.forEach((k, j) => {
      const s = status.get(k);
      lo[j] = s === "small" ? 1 : 0;
      hi[j] = s === "small" ? SMALL_COUNT_LIMIT - 1 : Infinity;
      hole[j] = s === "complementary" && !isSmallCount(this.figures.get(k)?.value ?? 0) ? 1 : 0;
    });
    const fixed = new Uint8Array(n);

    for (let round = 0; round < n + 1; round++) {
      // Fixed values found in an earlier round are substituted.
      this.spend(base.length * (n + 1));
      const system = base.map((row) => {
        const copy = Float64Array.from(row);
        for (let j = 0; j < n; j++) {
          if (fixed[j] && copy[j] !== 0) {
            copy[n] -= copy[j] * lo[j];
            copy[j] = 0;
          }
        }
        return copy;
      });
      const reduced = rref(system, n, this.spend);
      let found = false;
      for (const row of reduced) {
        let only = -1;
        let count = 0;
        for (let j = 0; j < n; j++) {
          if (Math.abs(row[j]) > EPS) {
            only = j;
            count += 1;
          }
        }
        if (count === 1 && !fixed[only]) {
          const v = Math.round(row[n] / row[only]);
          lo[only] = v;
          hi[only] = v;
          fixed[only] = 1;
          derived.add(names[only]);
          found = true;
        }
      }
      if (found) continue;
      if (!bounds) break;
      // Bounds through every equation and every reduced combination of them.
      const rows = [...system, ...reduced].map((row) => {
        const terms: number[] = [];
        for (let j = 0; j < n; j++) if (Math.abs(row[j]) > EPS) terms.push(j);
        return { row, terms };
      });
      for (let pass = 0, changed = true; changed && pass < 10; pass++) {
        changed = false;
        this.spend(rows.length * (n + 1));
        for (const { row, terms } of rows) {
          if (terms.length === 0) continue;
          let low = 0;
          let high = 0;
          let lowInf = 0;
          let highInf = 0;
          for (const j of terms) {
            const a = row[j] * lo[j];
            const b = row[j] * hi[j];
            const mn = Math.min(a, b);
            const mx = Math.max(a, b);
            if (mn === -Infinity) lowInf += 1;
            else low += mn;
            if (mx === Infinity) highInf += 1;
            else high += mx;
          }
          for (const k of terms) {
            const c = row[k];
            const a = c * lo[k];
            const b = c * hi[k];
            const ownLow = Math.min(a, b);
            const ownHigh = Math.max(a, b);
            // c·x_k = rhs − Σ_{j≠k} c_j·x_j
            const othersLow =
              lowInf - (ownLow === -Infinity ? 1 : 0) > 0 ? -Infinity : low - (ownLow === -Infinity ? 0 : ownLow);
            const othersHigh =
              highInf - (ownHigh === Infinity ? 1 : 0) > 0 ? Infinity : high - (ownHigh === Infinity ? 0 : ownHigh);
            const min = row[n] - othersHigh;
            const max = row[n] - othersLow;
            let l = Math.max(lo[k], Math.ceil((c > 0 ? min / c : max / c) - EPS));
            let h = Math.min(hi[k], Math.floor((c > 0 ? max / c : min / c) + EPS));
            if (hole[k]) {
              if (l > 0) l = Math.max(l, SMALL_COUNT_LIMIT);
              if (h < SMALL_COUNT_LIMIT) h = Math.min(h, 0);
            }
            if ((l > lo[k] || h < hi[k]) && l <= h) {
              lo[k] = l;
              hi[k] = h;
              changed = true;
            }
          }
        }
      }
      for (let j = 0; j < n; j++) {
        if (!fixed[j] && lo[j] === hi[j]) {
          fixed[j] = 1;
          derived.add(names[j]);
          found = true;
        }
      }
      if (!found) break;
    }
    return { derived, names, lo, hi, rows: base };
  }
}

const EPS = 1e-9;

/** Reduced row echelon form (partial pivoting); the last column is the right-hand side. */
function rref(input: Float64Array[], n: number, spend: Spend): Float64Array[] {
  spend(input.length * (n + 1) * (Math.min(input.length, n) + 1));
  const rows = input.map((r) => Float64Array.from(r));
  let rank = 0;
  for (let col = 0; col < n && rank < rows.length; col++) {
    let pivot = -1;
    let best = EPS;
    for (let r = rank; r < rows.length; r++) {
      const v = Math.abs(rows[r][col]);
      if (v > best) {
        best = v;
        pivot = r;
      }
    }
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const p = rows[rank];
    const f0 = p[col];
    for (let j = col; j <= n; j++) p[j] /= f0;
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue;
      const f = rows[r][col];
      if (Math.abs(f) <= EPS) continue;
      const row = rows[r];
      for (let j = col; j <= n; j++) row[j] -= f * p[j];
      row[col] = 0;
    }
    rank += 1;
  }
  return rows.slice(0, rank);
}

function checkCount(v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be non-negative integers, got ${v}`);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
