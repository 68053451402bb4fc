import { GENDERS, totalOf, type GenderCounts } from "~/outcomes/attendance-rules";
import { addDays, isoWeekday, monthOf, monthsBetween } from "~/outcomes/calendar";
import { PUBLISHED_GENDERS, protectedLabel, type ProtectedCell, type PublishedGender } from "~/privacy/small-counts";
import type { Block, Figure, Part, ReportChart, ReportTable } from "./draft-types";
import { FEWER_THAN_FIVE, FigureBook, ReportPublication } from "./figure-book";
import type { ReportInput } from "./report-input";
import { countWord, formatNumber, isLastOfMonth, periodText } from "./swedish";

/** How a figure reads that is withheld only to protect another (callers write around it). */
export const WITHHELD_COUNT = "ej redovisat antal";

/** The gender categories the report prints ("annan" and "vill inte uppge" merged, decision 0011). */
export const COLUMNS = PUBLISHED_GENDERS;
export const NGEN = COLUMNS.length;
export const GENDER_COLUMNS: Record<PublishedGender, string> = {
  women: "Kvinnor",
  men: "Män",
  otherOrNotStated: "Annan eller ej angivet",
};

/** The aggregates every section draws on, computed once from the input. */
export interface Aggregates {
  months: string[];
  visitsByMonth: GenderCounts[];
  visitsTotal: GenderCounts;
  /** Regular activities and drop-in, per activity key, in catalogue order (drop-in last). */
  byActivity: { key: string; name: string; counts: GenderCounts; registrations: number }[];
  /** Totals per regular opening day (specials kept apart, as the follow-ups do). */
  dayTotals: number[];
  weekdays: number[];
  specials: { name: string; date: string; total: number }[];
  previousVisits: number;
  previousMonths: number;
}

export function aggregate(input: ReportInput): Aggregates {
  const { from, to } = input.period;
  const months = monthsBetween(from, to);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const visitsByMonth = months.map(zero);
  const visitsTotal = zero();
  const order = new Map(input.activities.map((a, i) => [a.id, i]));
  const activities = new Map<string, { key: string; name: string; counts: GenderCounts; registrations: number }>();
  const days = new Map<string, number>();
  const specials = new Map<string, { name: string; date: string; total: number }>();
  for (const f of input.facts) {
    if (f.date < from || f.date > to) continue;
    add(visitsTotal, f);
    const m = monthIndex.get(monthOf(f.date));
    if (m !== undefined) add(visitsByMonth[m], f);
    if (f.kind === "special") {
      const key = `${f.date}:${f.activityId}`;
      const s = specials.get(key) ?? { name: f.activityName ?? "", date: f.date, total: 0 };
      s.total += totalOf(f);
      specials.set(key, s);
    } else {
      days.set(f.date, (days.get(f.date) ?? 0) + totalOf(f));
    }
    const key = f.activityId === null ? "drop-in" : `a${f.activityId}`;
    const a = activities.get(key) ?? {
      key,
      name: f.activityName ?? "Drop-in (besök utan aktivitet)",
      counts: zero(),
      registrations: 0,
    };
    add(a.counts, f);
    a.registrations += 1;
    activities.set(key, a);
  }
  const rank = (key: string) => (key === "drop-in" ? Number.MAX_SAFE_INTEGER : (order.get(Number(key.slice(1))) ?? 0));
  const prevFrom = input.previous.from;
  const prevTo = input.previous.to;
  const previousVisits = input.previous.facts
    .filter((f) => f.date >= prevFrom && f.date <= prevTo)
    .reduce((n, f) => n + totalOf(f), 0);
  return {
    months,
    visitsByMonth,
    visitsTotal,
    byActivity: [...activities.values()].sort(
      (a, b) => rank(a.key) - rank(b.key) || a.name.localeCompare(b.name, "sv"),
    ),
    dayTotals: [...days.values()],
    weekdays: [...new Set([...days.keys()].map(isoWeekday))],
    specials: [...specials.values()].sort((a, b) => a.date.localeCompare(b.date)),
    previousVisits,
    previousMonths: monthsBetween(prevFrom, prevTo).length,
  };
}

/**
 * The period just before, of the same length: the same number of whole months when the period is whole
 * months (1 January – 30 June before 1 July – 31 December), else the same number of days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (from.endsWith("-01") && isLastOfMonth(to)) {
    const months = monthsBetween(from, to).length;
    const [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
    const start = new Date(Date.UTC(y, m - 1 - months, 1)).toISOString().slice(0, 10);
    return { from: start, to: addDays(from, -1) };
  }
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

function zero(): GenderCounts {
  return { women: 0, men: 0, other: 0, notStated: 0 };
}

function add(into: GenderCounts, from: GenderCounts): void {
  for (const g of GENDERS) into[g] += from[g];
}

/** Table ids of the publication: every table of person counts. */
export const T = {
  visitsByMonth: "visits-month",
  visitsByActivity: "visits-activity",
  enrolment: "enrolment",
  themes: "themes",
  reach: "reach",
} as const;

/** The row of column totals shared by every table of visits: naming it the same links the tables. */
export const VISITS_TOTAL_ROW = "visits";

/**
 * The state sections write into: the figures, the one publication of protected tables, and the numbered
 * tables and charts of the appendix.
 */
export class DraftContext {
  readonly book = new FigureBook();
  readonly pub = new ReportPublication();
  readonly tables: Record<string, ReportTable> = {};
  readonly charts: Record<string, ReportChart> = {};
  readonly agg: Aggregates;
  readonly scope: string;

  constructor(readonly input: ReportInput) {
    this.agg = aggregate(input);
    const programs = input.programs.map((p) => p.name).join(", ");
    this.scope = `${periodText(input.period.from, input.period.to)}; ${programs || "alla program"}`;
  }

  figure(f: Omit<Figure, "filters" | "suppressed"> & { filters?: string; suppressed?: boolean }): Part {
    this.book.add({ ...f, filters: f.filters ?? this.scope, suppressed: f.suppressed ?? false });
    return this.book.ref(f.key);
  }

  /** A count of persons (or of their visits) from a protected cell: "34" or "färre än fem". */
  countFigure(
    key: string,
    cell: ProtectedCell,
    meta: { label: string; computation: string; n?: number | null; unit?: string; filters?: string },
  ): Part {
    const hidden = cell.status !== "shown";
    // A cell hidden only so that a small one cannot be worked out is not small itself: it is not stated.
    const number = cell.status === "small" ? FEWER_THAN_FIVE : hidden ? WITHHELD_COUNT : countWord(cell.value);
    return this.figure({
      key,
      label: meta.label,
      computation: meta.computation,
      filters: meta.filters,
      n: meta.n ?? null,
      value: cell.value,
      text: meta.unit ? `${number} ${meta.unit}` : number,
      suppressed: hidden,
    });
  }

  addTable(table: Omit<ReportTable, "number">): Block {
    const number = Object.keys(this.tables).length + 1;
    this.tables[table.key] = { ...table, number };
    return { t: "table", key: table.key };
  }

  addChart(chart: Omit<ReportChart, "number">): Block {
    const number = Object.keys(this.charts).length + 1;
    this.charts[chart.key] = { ...chart, number };
    return { t: "chart", key: chart.key };
  }
}

/** A protected cell as a table prints it. */
export function cellLabel(cell: ProtectedCell): string {
  return cell.status === "shown" ? formatNumber(cell.value) : protectedLabel(cell);
}
