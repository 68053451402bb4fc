import type { Gender, GenderCounts } from "~/outcomes/attendance-rules";
import { format } from "~/i18n/define";
import {
  cellKey,
  protectedLabel,
  Publication,
  type ProtectedCell,
  type ProtectedPublication,
} from "~/privacy/small-counts";

/**
 * Persons reached in a period (the 2026 agreement: "hur många personer som nåtts … uppdelat på kön"): distinct
 * people, not visits. People with a participant code are counted exactly from the visitor register; visits
 * without a code cannot be told apart, so when there are any the figures are a floor ("minst"): no fewer people
 * than the coded ones, and no fewer than came to the busiest single registration. Pure: the facts come from
 * `app/models/persons-reached.server.ts`.
 */

/** The categories published: "annan/ickebinär" and "vill inte uppge" merged, as in every published figure. */
export const REACH_GENDERS = ["women", "men", "otherOrNotStated"] as const;
export type ReachGender = (typeof REACH_GENDERS)[number];

export const VISIT_BANDS = ["1", "2-4", "5-9", "10+"] as const;
export type VisitBand = (typeof VISIT_BANDS)[number];

/** One coded person's visits in the period (no code, no hash: only what is counted). */
export interface PersonFact {
  gender: Gender;
  programId: number | null;
  firstVisitOn: string | null;
  visits: number;
}

/** The period's registrations, summed: every visit by gender, and the largest single registration. */
export interface VisitFacts {
  /** Every visit (with and without a code), by gender. */
  visits: GenderCounts;
  /** Visits that came with a code (links from registrations to codes). */
  codedVisits: number;
  /** Per gender, the most at any one registration: that many different people at least. */
  largestRegistration: GenderCounts;
}

export type ReachRow = Record<ReachGender | "total", number>;

export interface PersonsReachedFigures {
  from: string;
  to: string;
  /** True when every visit came with a code: the person counts are exact, not a floor. */
  exact: boolean;
  visits: { total: number; withCode: number; withoutCode: number };
  /** People reached: exact when `exact`, else a floor. */
  persons: ReachRow;
  /** People with a participant code. */
  codedPersons: ReachRow;
  /** Coded people whose first visit ever falls in the period. */
  firstTimers: ReachRow;
  /** Coded people by the programme they stated (null: none, or would not say). */
  byProgram: { programId: number | null; cells: ReachRow }[];
  /** Coded people by how many visits they made in the period. */
  visitBands: { band: VisitBand; cells: ReachRow }[];
}

export function reachGenderOf(gender: Gender): ReachGender {
  return gender === "women" ? "women" : gender === "men" ? "men" : "otherOrNotStated";
}

export function bandOf(visits: number): VisitBand {
  if (visits <= 1) return "1";
  if (visits <= 4) return "2-4";
  if (visits <= 9) return "5-9";
  return "10+";
}

function emptyRow(): ReachRow {
  return { women: 0, men: 0, otherOrNotStated: 0, total: 0 };
}

function addTo(row: ReachRow, gender: ReachGender, n = 1): void {
  row[gender] += n;
  row.total += n;
}

function fromCounts(c: GenderCounts): ReachRow {
  return {
    women: c.women,
    men: c.men,
    otherOrNotStated: c.other + c.notStated,
    total: c.women + c.men + c.other + c.notStated,
  };
}

export function computePersonsReached({
  from,
  to,
  persons,
  visits,
  programIds,
}: {
  from: string;
  to: string;
  persons: readonly PersonFact[];
  visits: VisitFacts;
  /** The programmes to give a row each (in this order), even when nobody came from one. */
  programIds: readonly number[];
}): PersonsReachedFigures {
  const codedPersons = emptyRow();
  const firstTimers = emptyRow();
  const programRows = new Map<number | null, ReachRow>([...programIds, null].map((id) => [id, emptyRow()]));
  const bandRows = new Map<VisitBand, ReachRow>(VISIT_BANDS.map((b) => [b, emptyRow()]));
  for (const p of persons) {
    const g = reachGenderOf(p.gender);
    addTo(codedPersons, g);
    if (p.firstVisitOn !== null && p.firstVisitOn >= from && p.firstVisitOn <= to) addTo(firstTimers, g);
    const programKey = p.programId !== null && programRows.has(p.programId) ? p.programId : null;
    addTo(programRows.get(programKey)!, g);
    addTo(bandRows.get(bandOf(p.visits))!, g);
  }
  const allVisits = fromCounts(visits.visits);
  const withoutCode = Math.max(0, allVisits.total - visits.codedVisits);
  const largest = fromCounts(visits.largestRegistration);
  const floor = emptyRow();
  for (const g of REACH_GENDERS) addTo(floor, g, Math.max(codedPersons[g], withoutCode > 0 ? largest[g] : 0));
  return {
    from,
    to,
    exact: withoutCode === 0,
    visits: { total: allVisits.total, withCode: Math.min(visits.codedVisits, allVisits.total), withoutCode },
    persons: withoutCode === 0 ? codedPersons : floor,
    codedPersons,
    firstTimers,
    byProgram: [...programRows].map(([programId, cells]) => ({ programId, cells })),
    visitBands: [...bandRows].map(([band, cells]) => ({ band, cells })),
  };
}

export type ProtectedReachRow = Record<ReachGender | "total", ProtectedCell>;

export interface ProtectedPersonsReached {
  from: string;
  to: string;
  exact: boolean;
  visits: { total: ProtectedCell; withCode: ProtectedCell; withoutCode: ProtectedCell };
  persons: ProtectedReachRow;
  codedPersons: ProtectedReachRow;
  firstTimers: ProtectedReachRow;
  byProgram: { programId: number | null; cells: ProtectedReachRow }[];
  visitBands: { band: VisitBand; cells: ProtectedReachRow }[];
}

/** Keys of the figures persons reached publishes, for linking them to figures another part of a page publishes. */
export const REACH_KEYS = {
  visitsTotal: "reach:visits|all",
  codedTotal: cellKey("reach:coded", "all"),
} as const;

const COLUMN_KEYS: Record<ReachGender, string> = {
  women: "gender:women",
  men: "gender:men",
  otherOrNotStated: "gender:otherOrNotStated",
};

/**
 * Registers the figures into a publication (the page's or the report's one pass over everything it publishes):
 * the coded people by gender are the column totals of both the programme table and the visit-band table, so
 * the three are linked by sharing the total row; the visits are the sum of their two parts. `links` names figures
 * of the same publication that are the same numbers (the statistics page's visits and distinct codes).
 */
export function publishPersonsReached(
  pub: Publication,
  figures: PersonsReachedFigures,
  links: { visitsTotal?: string; codedTotal?: string } = {},
): void {
  const columns = REACH_GENDERS.map((g) => COLUMN_KEYS[g]);
  const cells = (row: ReachRow) => REACH_GENDERS.map((g) => row[g]);
  const common = { columns, rowTotals: true, columnTotals: true, totalRow: "reach:coded" };
  pub.table({
    id: "reach:byProgram",
    ...common,
    rows: figures.byProgram.map((p) => `reach:program:${p.programId ?? "none"}`),
    cells: figures.byProgram.map((p) => cells(p.cells)),
  });
  pub.table({
    id: "reach:bands",
    ...common,
    rows: figures.visitBands.map((b) => `reach:band:${b.band}`),
    cells: figures.visitBands.map((b) => cells(b.cells)),
  });
  pub.table({
    id: "reach:first",
    columns,
    rowTotals: true,
    rows: ["reach:first"],
    cells: [cells(figures.firstTimers)],
  });
  if (figures.exact) {
    // Exact: the people reached are the coded people, the same figures.
    pub.table({
      id: "reach:persons",
      columns,
      rowTotals: true,
      rows: ["reach:coded"],
      cells: [cells(figures.persons)],
    });
  } else {
    pub.table({
      id: "reach:persons",
      columns,
      rowTotals: true,
      rows: ["reach:persons"],
      cells: [cells(figures.persons)],
    });
  }
  pub.table({
    id: "reach:visits",
    columns: ["withCode", "withoutCode"],
    rowTotals: true,
    rows: ["reach:visits"],
    cells: [[figures.visits.withCode, figures.visits.withoutCode]],
  });
  if (links.visitsTotal) pub.sum(links.visitsTotal, [REACH_KEYS.visitsTotal]);
  if (links.codedTotal) pub.sum(links.codedTotal, [REACH_KEYS.codedTotal]);
}

/** Reads the protected figures back out of a protected publication they were registered in. */
export function readPersonsReached(out: ProtectedPublication, figures: PersonsReachedFigures): ProtectedPersonsReached {
  const row = (prefix: string): ProtectedReachRow => ({
    women: out.cell(cellKey(prefix, COLUMN_KEYS.women)),
    men: out.cell(cellKey(prefix, COLUMN_KEYS.men)),
    otherOrNotStated: out.cell(cellKey(prefix, COLUMN_KEYS.otherOrNotStated)),
    total: out.cell(cellKey(prefix, "all")),
  });
  return {
    from: figures.from,
    to: figures.to,
    exact: figures.exact,
    visits: {
      total: out.cell(REACH_KEYS.visitsTotal),
      withCode: out.cell(cellKey("reach:visits", "withCode")),
      withoutCode: out.cell(cellKey("reach:visits", "withoutCode")),
    },
    persons: row(figures.exact ? "reach:coded" : "reach:persons"),
    codedPersons: row("reach:coded"),
    firstTimers: row("reach:first"),
    byProgram: figures.byProgram.map((p) => ({
      programId: p.programId,
      cells: row(`reach:program:${p.programId ?? "none"}`),
    })),
    visitBands: figures.visitBands.map((b) => ({ band: b.band, cells: row(`reach:band:${b.band}`) })),
  };
}

/**
 * The small-count rule over these figures on their own, in one pass. A page or report that publishes other figures
 * too registers these into its own publication with `publishPersonsReached` instead.
 */
export function protectPersonsReached(figures: PersonsReachedFigures): ProtectedPersonsReached {
  const pub = new Publication();
  publishPersonsReached(pub, figures);
  return readPersonsReached(pub.protect(), figures);
}

/**
 * The figures as one sentence, safe to print anywhere: hidden figures read "färre än 5" / "dolt" (and lose their
 * "minst"). For the statistics page and the report's narrative.
 */
export function describePersonsReached(
  reach: ProtectedPersonsReached,
  strings: {
    reachExact: string;
    reachFloor: string;
    reachNone: string;
    reachFirst: string;
    atLeast: string;
    reachHiddenInSentence: string;
  },
  locale: "sv" | "en" = "sv",
): string[] {
  if (reach.visits.total.value === 0) return [strings.reachNone];
  // Inside a sentence a complementary cell reads "ett dolt antal kvinnor", not "dolt kvinnor".
  const label = (cell: ProtectedCell) =>
    cell.status === "complementary" ? strings.reachHiddenInSentence : protectedLabel(cell, locale);
  // A floor reads "minst 57"; a hidden one just "färre än 5".
  const floor = (cell: ProtectedCell) =>
    reach.exact || cell.status !== "shown" ? label(cell) : format(strings.atLeast, { n: cell.value });
  const filled = format(reach.exact ? strings.reachExact : strings.reachFloor, {
    persons: floor(reach.persons.total),
    women: floor(reach.persons.women),
    men: floor(reach.persons.men),
    other: floor(reach.persons.otherOrNotStated),
    withoutCode: label(reach.visits.withoutCode),
    visits: label(reach.visits.total),
  });
  const sentences = [filled.charAt(0).toLocaleUpperCase(locale) + filled.slice(1)];
  if (reach.codedPersons.total.value > 0)
    sentences.push(format(strings.reachFirst, { first: label(reach.firstTimers.total) }));
  return sentences;
}
