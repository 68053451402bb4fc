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

/** The gender categories a publication prints: "annan" and "vill inte uppge" merged into one. */
export const PUBLISHED_GENDERS = ["women", "men", "otherOrNotStated"] as const;
export type PublishedGender = (typeof PUBLISHED_GENDERS)[number];
export const PUBLISHED_GENDER_KEYS = PUBLISHED_GENDERS.map((g) => `gender:${g}`);

export function toPublishedGenders(c: { women: number; men: number; other: number; notStated: number }): number[] {
  return [c.women, c.men, c.other + c.notStated];
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
      return key;
    }
    this.figures.set(key, {
      key,
      value,
      sensitive: options.sensitive ?? true,
      keepShown: options.keepShown ?? false,
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

  /** Suppresses everything registered, in one pass over all tables, figures and sums. */
  protect(): ProtectedPublication {
    const figures = [...this.figures.values()];
    const equations = this.equations.filter((e) => e.parts.length > 0);
    const status = new Map<string, CellStatus>();
    for (const f of figures) status.set(f.key, f.sensitive && isSmallCount(f.value) ? "small" : "shown");
    const primary = figures.filter((f) => status.get(f.key) === "small").map((f) => f.key);
    const reader = new Reader(this.figures, equations);
    const membersOf = new Map<string, Set<number>>();
    equations.forEach((e, i) => {
      for (const k of [e.total, ...e.parts]) {
        if (!membersOf.has(k)) membersOf.set(k, new Set());
        membersOf.get(k)!.add(i);
      }
    });
    const keysOf = (i: number) => [equations[i].total, ...equations[i].parts];
    // Cheapest first: the smallest non-zero count, then zeros; the order registered breaks ties.
    const cost = (f: Figure) => [f.value === 0 ? 1 : 0, f.value, f.order];
    const cheaper = (a: Figure, b: Figure) => {
      const [x, y] = [cost(a), cost(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    };
    const candidatesNear = (keys: Iterable<string>, allowKept: boolean) => {
      const found = new Map<string, Figure>();
      for (const key of keys) {
        for (const i of membersOf.get(key) ?? []) {
          for (const k of keysOf(i)) {
            const f = this.figures.get(k);
            if (f && status.get(k) === "shown" && (allowKept || !f.keepShown)) found.set(k, f);
          }
        }
      }
      return [...found.values()].sort(cheaper);
    };
    const leaking = () => {
      const derived = reader.derived(status);
      return primary.filter((k) => derived.has(k));
    };

    for (let leaks = leaking(); leaks.length > 0; leaks = leaking()) {
      const target = leaks[0];
      const stillLeaks = (k: string) => leaking().includes(k);
      // The whole group of equations linked to the leaking cell through hidden cells.
      const group = new Set<string>([target]);
      for (let grew = true; grew;) {
        grew = false;
        for (const key of [...group]) {
          for (const i of membersOf.get(key) ?? []) {
            for (const k of keysOf(i)) {
              if (!group.has(k) && status.get(k) !== "shown") {
                group.add(k);
                grew = true;
              }
            }
          }
        }
      }
      let chosen: string | null = null;
      for (const allowKept of [false, true]) {
        const own = candidatesNear([target], allowKept);
        const near = candidatesNear(group, allowKept);
        for (const f of [...own, ...near.filter((n) => !own.includes(n))]) {
          status.set(f.key, "complementary");
          const protects = !stillLeaks(target);
          status.set(f.key, "shown");
          if (protects) {
            chosen = f.key;
            break;
          }
        }
        // No single cell does it: hide the cheapest next to the leak and look again.
        chosen ??= own[0]?.key ?? near[0]?.key ?? null;
        if (chosen) break;
      }
      if (!chosen) break; // nothing left to hide: every figure around it is hidden already
      status.set(chosen, "complementary");
    }

    return new ProtectedPublication(this.figures, status, this.layouts, equations);
  }
}

export class ProtectedPublication {
  constructor(
    private readonly figures: Map<string, Figure>,
    private readonly statuses: Map<string, CellStatus>,
    private readonly layouts: Map<string, TableLayout>,
    private readonly sums: readonly Equation[],
  ) {}

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

  label(key: string, locale: "sv" | "en" = "sv"): string {
    return protectedLabel(this.cell(key), locale);
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
): Set<string> {
  const figures = new Map<string, Figure>(
    published.map((p, order) => [p.key, { key: p.key, value: p.value, sensitive: true, keepShown: false, order }]),
  );
  const status = new Map(published.map((p) => [p.key, p.status]));
  return new Reader(figures, equations).derived(status);
}

const EPS = 1e-9;

class Reader {
  constructor(
    private readonly figures: Map<string, Figure>,
    private readonly equations: readonly { total: string; parts: readonly string[] }[],
  ) {}

  /** Hidden (and unpublished) keys whose value the reader can pin down exactly. */
  derived(status: Map<string, CellStatus>): Set<string> {
    const known = new Map<string, number>();
    for (const f of this.figures.values()) if (status.get(f.key) === "shown") known.set(f.key, f.value);
    const derived = new Set<string>();
    const lo = new Map<string, number>();
    const hi = new Map<string, number>();
    const bound = (k: string) => {
      if (lo.has(k)) return;
      const s = status.get(k);
      lo.set(k, s === "small" ? 1 : 0);
      hi.set(k, s === "small" ? SMALL_COUNT_LIMIT - 1 : Infinity);
    };
    const rows = this.equations.map((e) => {
      const row = new Map<string, number>();
      const addTerm = (k: string, c: number) => row.set(k, (row.get(k) ?? 0) + c);
      addTerm(e.total, -1);
      for (const p of e.parts) addTerm(p, 1);
      return row;
    });

    for (let round = 0; round < 20; round++) {
      // Substitute what is known; each equation becomes Σ c·x = rhs over the unknowns.
      const linear: { terms: Map<string, number>; rhs: number }[] = [];
      for (const row of rows) {
        const terms = new Map<string, number>();
        let rhs = 0;
        for (const [k, c] of row) {
          if (Math.abs(c) < EPS) continue;
          const v = known.get(k);
          if (v === undefined) terms.set(k, c);
          else rhs -= c * v;
        }
        if (terms.size > 0) linear.push({ terms, rhs });
      }
      const reduced = rref(linear);
      let found = false;
      for (const r of reduced) {
        if (r.terms.size === 1) {
          const [k, c] = [...r.terms][0];
          known.set(k, Math.round(r.rhs / c));
          derived.add(k);
          found = true;
        }
      }
      if (found) continue;
      // Bounds: counts are non-negative, "färre än 5" is 1–4, "dolt" is 0 or at least 5.
      const system = [...linear, ...reduced];
      for (const eq of system) for (const k of eq.terms.keys()) bound(k);
      for (let pass = 0, changed = true; changed && pass < 50; pass++) {
        changed = false;
        for (const eq of system) {
          for (const [k, c] of eq.terms) {
            // c·x_k = rhs − Σ_{j≠k} c_j·x_j
            let min = eq.rhs;
            let max = eq.rhs;
            for (const [j, cj] of eq.terms) {
              if (j === k) continue;
              const a = cj * lo.get(j)!;
              const b = cj * hi.get(j)!;
              min -= Math.max(a, b);
              max -= Math.min(a, b);
            }
            let newLo = c > 0 ? min / c : max / c;
            let newHi = c > 0 ? max / c : min / c;
            if (Number.isNaN(newLo)) newLo = -Infinity;
            if (Number.isNaN(newHi)) newHi = Infinity;
            let l = Math.max(lo.get(k)!, Math.ceil(newLo - EPS));
            let h = Math.min(hi.get(k)!, Math.floor(newHi + EPS));
            if (status.get(k) === "complementary") {
              if (l > 0) l = Math.max(l, SMALL_COUNT_LIMIT);
              if (h < SMALL_COUNT_LIMIT) h = Math.min(h, 0);
            }
            if (l > lo.get(k)! || h < hi.get(k)!) {
              if (l > h) continue; // inconsistent only by rounding: keep what we had
              lo.set(k, l);
              hi.set(k, h);
              changed = true;
            }
          }
        }
      }
      for (const [k, l] of lo) {
        if (!known.has(k) && l === hi.get(k)) {
          known.set(k, l);
          derived.add(k);
          found = true;
        }
      }
      if (!found) break;
    }
    return derived;
  }
}

/** Reduced row echelon form of a sparse linear system (partial pivoting; values are small integers). */
function rref(system: { terms: Map<string, number>; rhs: number }[]): { terms: Map<string, number>; rhs: number }[] {
  const rows = system.map((r) => ({ terms: new Map(r.terms), rhs: r.rhs }));
  const done: { terms: Map<string, number>; rhs: number }[] = [];
  while (rows.length > 0) {
    // Pick any variable of the first non-empty row as pivot.
    const idx = rows.findIndex((r) => r.terms.size > 0);
    if (idx < 0) break;
    const [pivotRow] = rows.splice(idx, 1);
    const [pk, pc] = [...pivotRow.terms].reduce((a, b) => (Math.abs(b[1]) > Math.abs(a[1]) ? b : a));
    for (const [k, c] of pivotRow.terms) pivotRow.terms.set(k, c / pc);
    pivotRow.rhs /= pc;
    pivotRow.terms.set(pk, 1);
    for (const other of [...rows, ...done]) {
      const f = other.terms.get(pk);
      if (f === undefined) continue;
      for (const [k, c] of pivotRow.terms) {
        const v = (other.terms.get(k) ?? 0) - f * c;
        if (Math.abs(v) < EPS) other.terms.delete(k);
        else other.terms.set(k, v);
      }
      other.rhs -= f * pivotRow.rhs;
    }
    done.push(pivotRow);
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i].terms.size === 0) rows.splice(i, 1);
  }
  return done;
}

function checkCount(v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be non-negative integers, got ${v}`);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
