import type { Gender, GenderCounts } from "~/outcomes/attendance-rules";
import { format } from "~/i18n/define";
import { isSmallCount, protectedLabel, type CellStatus, type ProtectedCell } from "~/privacy/small-counts";

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

/**
 * The small-count rule over everything these figures publish together, in one pass: the coded people by gender
 * are the column totals of both the programme table and the visit-band table, so the three are linked; the
 * visits are a total of their two parts. A count from 1 to 4 is hidden, and while any published sum has exactly
 * one hidden member (which it would give away), the smallest other member is hidden too.
 */
export function protectPersonsReached(figures: PersonsReachedFigures): ProtectedPersonsReached {
  const values = new Map<string, number>();
  const sums: { total: string; parts: string[] }[] = [];
  const rowKeys = (prefix: string, row: ReachRow) => {
    for (const g of [...REACH_GENDERS, "total"] as const) values.set(`${prefix}|${g}`, row[g]);
    sums.push({ total: `${prefix}|total`, parts: REACH_GENDERS.map((g) => `${prefix}|${g}`) });
  };
  rowKeys("persons", figures.persons);
  rowKeys("coded", figures.codedPersons);
  rowKeys("first", figures.firstTimers);
  for (const p of figures.byProgram) rowKeys(`program:${p.programId ?? "none"}`, p.cells);
  for (const b of figures.visitBands) rowKeys(`band:${b.band}`, b.cells);
  for (const g of [...REACH_GENDERS, "total"] as const) {
    sums.push({ total: `coded|${g}`, parts: figures.byProgram.map((p) => `program:${p.programId ?? "none"}|${g}`) });
    sums.push({ total: `coded|${g}`, parts: figures.visitBands.map((b) => `band:${b.band}|${g}`) });
  }
  if (figures.exact) {
    // Exact: "persons" is the same figure as "coded", so they must share one fate.
    for (const g of [...REACH_GENDERS, "total"] as const) sums.push({ total: `coded|${g}`, parts: [`persons|${g}`] });
  }
  values.set("visits|total", figures.visits.total);
  values.set("visits|withCode", figures.visits.withCode);
  values.set("visits|withoutCode", figures.visits.withoutCode);
  sums.push({ total: "visits|total", parts: ["visits|withCode", "visits|withoutCode"] });

  const status = suppressLinked(values, sums);
  const cell = (key: string): ProtectedCell => ({ value: values.get(key)!, status: status.get(key)! });
  const row = (prefix: string): ProtectedReachRow => ({
    women: cell(`${prefix}|women`),
    men: cell(`${prefix}|men`),
    otherOrNotStated: cell(`${prefix}|otherOrNotStated`),
    total: cell(`${prefix}|total`),
  });
  return {
    from: figures.from,
    to: figures.to,
    exact: figures.exact,
    visits: { total: cell("visits|total"), withCode: cell("visits|withCode"), withoutCode: cell("visits|withoutCode") },
    persons: row("persons"),
    codedPersons: row("coded"),
    firstTimers: row("first"),
    byProgram: figures.byProgram.map((p) => ({
      programId: p.programId,
      cells: row(`program:${p.programId ?? "none"}`),
    })),
    visitBands: figures.visitBands.map((b) => ({ band: b.band, cells: row(`band:${b.band}`) })),
  };
}

/** Primary suppression of 1–4, then secondary until no published sum has exactly one hidden member. */
function suppressLinked(
  values: Map<string, number>,
  sums: { total: string; parts: string[] }[],
): Map<string, CellStatus> {
  const status = new Map<string, CellStatus>();
  for (const [k, v] of values) status.set(k, isSmallCount(v) ? "small" : "shown");
  const hidden = (k: string) => status.get(k) !== "shown";
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of sums) {
      const members = [...parts, total];
      if (members.filter(hidden).length !== 1) continue;
      const shown = parts.filter((k) => !hidden(k));
      const positive = shown.filter((k) => values.get(k)! > 0);
      const pool = positive.length > 0 ? positive : shown;
      const pick =
        pool.length > 0
          ? pool.reduce((best, k) => (values.get(k)! < values.get(best)! ? k : best))
          : hidden(total)
            ? null
            : total;
      if (!pick) continue;
      status.set(pick, "complementary");
      changed = true;
    }
  }
  return status;
}

/**
 * The figures as one sentence, safe to print anywhere: hidden figures read "färre än 5" / "dolt" (and lose their
 * "minst"). For the statistics page and the report's narrative.
 */
export function describePersonsReached(
  reach: ProtectedPersonsReached,
  strings: { reachExact: string; reachFloor: string; reachNone: string; reachFirst: string; atLeast: string },
  locale: "sv" | "en" = "sv",
): string[] {
  if (reach.visits.total.value === 0) return [strings.reachNone];
  const label = (cell: ProtectedCell) => protectedLabel(cell, locale);
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
