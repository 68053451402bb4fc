import { GENDERS, totalOf, type GenderCounts } from "./attendance-rules";
import { isoWeekday, monthOf, monthsBetween } from "./calendar";
import {
  PUBLISHED_GENDER_KEYS,
  Publication,
  cellKey,
  toPublishedGenders,
  type ProtectedCell,
  type ProtectedTable,
} from "~/privacy/small-counts";

/** One registration as the statistics need it (see listAttendanceFacts). */
export interface Fact extends GenderCounts {
  date: string;
  activityId: number | null;
  activityName: string | null;
  kind: "regular" | "special" | null;
  firstTime: number | null;
  codeCount: number;
}

export interface EnrolmentFigure extends GenderCounts {
  programName: string;
  onDate: string;
}

export interface GenderRow extends GenderCounts {
  label: string;
  total: number;
}

export interface AttendanceStats {
  period: { from: string; to: string };
  registrations: number;
  total: GenderRow;
  byMonth: (GenderRow & { month: string; openingDays: number; firstTime: number; firstTimeKnown: number })[];
  perDay: {
    openingDays: number;
    min: number;
    max: number;
    median: number;
    histogram: { participants: number; days: number }[];
  } | null;
  specials: (GenderRow & { date: string; key: string })[];
  perActivity: (GenderRow & { key: string; registrations: number; average: number })[];
  perWeekday: (GenderRow & { weekday: number; openingDays: number; average: number })[];
  shares: Record<(typeof GENDERS)[number], number | null>;
  firstTime: { visitors: number; registrationsWithFigure: number };
  unique: {
    people: number;
    byMonth: { month: string; people: number }[];
    registrationsWithCodes: number;
    visitsWithCodes: number;
  };
  reach: {
    enrolled: GenderCounts & { total: number; asOf: string | null; programs: string[] };
    rows: {
      gender: (typeof GENDERS)[number];
      enrolled: number;
      enrolledShare: number | null;
      visits: number;
      visitsShare: number | null;
    }[];
    /** Unique people (by code) as a share of those enrolled; null without codes or enrolment. */
    uniqueShare: number | null;
  };
}

const zero = (): GenderCounts => ({ women: 0, men: 0, other: 0, notStated: 0 });

function add(into: GenderCounts, from: GenderCounts): void {
  for (const g of GENDERS) into[g] += from[g];
}

function row(label: string, counts: GenderCounts): GenderRow {
  return { label, ...pickCounts(counts), total: totalOf(counts) };
}

function pickCounts(c: GenderCounts): GenderCounts {
  return { women: c.women, men: c.men, other: c.other, notStated: c.notStated };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Everything the statistics page and the follow-up report say about attendance in a period.
 * Special occasions (Framtidsverkstad, julfirande) are counted in the visits but kept out of the
 * "participants per opening day" range, as the follow-up report keeps them apart ("cirka 15").
 */
export function computeAttendanceStats({
  facts,
  from,
  to,
  unique = { total: 0, byMonth: [] },
  enrolment = [],
  dropInLabel = "Drop-in",
}: {
  facts: Fact[];
  from: string;
  to: string;
  unique?: { total: number; byMonth: { month: string; people: number }[] };
  enrolment?: EnrolmentFigure[];
  dropInLabel?: string;
}): AttendanceStats {
  const inPeriod = facts.filter((f) => f.date >= from && f.date <= to);
  const total = zero();
  const months = new Map(
    monthsBetween(from, to).map((m) => [
      m,
      { counts: zero(), days: new Set<string>(), firstTime: 0, firstTimeKnown: 0 },
    ]),
  );
  const dayTotals = new Map<string, number>();
  const activities = new Map<string, { name: string; counts: GenderCounts; registrations: number }>();
  const weekdays = new Map<number, { counts: GenderCounts; days: Set<string> }>();
  const specials: (GenderRow & { date: string; key: string })[] = [];
  let firstTime = 0;
  let withFirstTime = 0;
  let withCodes = 0;
  let visitsWithCodes = 0;

  for (const f of inPeriod) {
    const n = totalOf(f);
    add(total, f);
    const month = months.get(monthOf(f.date));
    if (month) add(month.counts, f);
    const key = activityKey(f);
    const activity = activities.get(key) ?? { name: f.activityName ?? dropInLabel, counts: zero(), registrations: 0 };
    add(activity.counts, f);
    activity.registrations += 1;
    activities.set(key, activity);
    if (f.firstTime !== null) {
      firstTime += f.firstTime;
      if (month) {
        month.firstTime += f.firstTime;
        month.firstTimeKnown += 1;
      }
      withFirstTime += 1;
    }
    if (f.codeCount > 0) {
      withCodes += 1;
      visitsWithCodes += n;
    }
    if (f.kind === "special") {
      specials.push({ ...row(f.activityName ?? "", f), date: f.date, key: activityKey(f) });
      continue;
    }
    dayTotals.set(f.date, (dayTotals.get(f.date) ?? 0) + n);
    month?.days.add(f.date);
    const wd = isoWeekday(f.date);
    const weekday = weekdays.get(wd) ?? { counts: zero(), days: new Set<string>() };
    add(weekday.counts, f);
    weekday.days.add(f.date);
    weekdays.set(wd, weekday);
  }

  const dayValues = [...dayTotals.values()];
  const enrolled = zero();
  for (const e of enrolment) add(enrolled, e);
  const enrolledTotal = totalOf(enrolled);
  const visitsTotal = totalOf(total);

  return {
    period: { from, to },
    registrations: inPeriod.length,
    total: row("", total),
    byMonth: [...months.entries()].map(([m, v]) => ({
      ...row(m, v.counts),
      month: m,
      openingDays: v.days.size,
      firstTime: v.firstTime,
      firstTimeKnown: v.firstTimeKnown,
    })),
    perDay:
      dayValues.length > 0
        ? {
            openingDays: dayValues.length,
            min: Math.min(...dayValues),
            max: Math.max(...dayValues),
            median: median(dayValues),
            histogram: histogram(dayValues),
          }
        : null,
    specials,
    perActivity: [...activities.entries()]
      .map(([key, a]) => ({
        ...row(a.name, a.counts),
        key,
        registrations: a.registrations,
        average: round1(totalOf(a.counts) / a.registrations),
      }))
      .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, "sv")),
    perWeekday: [...weekdays.entries()]
      .sort(([a], [b]) => a - b)
      .map(([wd, v]) => ({
        ...row(String(wd), v.counts),
        weekday: wd,
        openingDays: v.days.size,
        average: round1(totalOf(v.counts) / v.days.size),
      })),
    shares: Object.fromEntries(GENDERS.map((g) => [g, share(total[g], visitsTotal)])) as AttendanceStats["shares"],
    firstTime: { visitors: firstTime, registrationsWithFigure: withFirstTime },
    unique: { people: unique.total, byMonth: unique.byMonth, registrationsWithCodes: withCodes, visitsWithCodes },
    reach: {
      enrolled: {
        ...enrolled,
        total: enrolledTotal,
        asOf:
          enrolment
            .map((e) => e.onDate)
            .sort()
            .at(-1) ?? null,
        programs: enrolment.map((e) => e.programName),
      },
      rows: GENDERS.map((g) => ({
        gender: g,
        enrolled: enrolled[g],
        enrolledShare: share(enrolled[g], enrolledTotal),
        visits: total[g],
        visitsShare: share(total[g], visitsTotal),
      })),
      uniqueShare: unique.total > 0 && enrolledTotal > 0 ? share(unique.total, enrolledTotal) : null,
    },
  };
}

function histogram(values: number[]): { participants: number; days: number }[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const max = Math.max(...values);
  return Array.from({ length: max - Math.min(...values) + 1 }, (_, i) => Math.min(...values) + i).map((p) => ({
    participants: p,
    days: counts.get(p) ?? 0,
  }));
}

/** The gender columns every attendance table publishes: "annan" and "vill inte uppge" merged (small-counts.ts). */
export const genderColumns = (r: GenderCounts) => toPublishedGenders(r);

const activityKey = (f: { activityId: number | null }) => (f.activityId === null ? "drop-in" : `a${f.activityId}`);

/**
 * Everything the statistics page (screen, print) publishes as one linked publication: every table of visits by
 * gender shares the total row "visits" (or "regular" for the weekdays, which leave special occasions out), a
 * special occasion's activity row is the sum of its occasions, and the sentences reuse the tables' figures.
 * Participants per opening day describe no person's attribute and are not in it.
 */
export function publishAttendanceStats(stats: AttendanceStats): Publication {
  const pub = new Publication();
  const both = { rowTotals: true, columnTotals: true, columns: PUBLISHED_GENDER_KEYS };
  pub.table({
    id: "byMonth",
    ...both,
    rows: stats.byMonth.map((m) => `month:${m.month}`),
    cells: stats.byMonth.map(genderColumns),
    totalRow: "visits",
  });
  pub.table({
    id: "perActivity",
    ...both,
    rows: stats.perActivity.map((a) => `activity:${a.key}`),
    cells: stats.perActivity.map(genderColumns),
    totalRow: "visits",
  });
  pub.table({
    id: "specials",
    ...both,
    rows: stats.specials.map((s) => `special:${s.date}:${s.key}`),
    cells: stats.specials.map(genderColumns),
    totalRow: "specials",
  });
  pub.table({
    id: "perWeekday",
    ...both,
    rows: stats.perWeekday.map((w) => `weekday:${w.weekday}`),
    cells: stats.perWeekday.map(genderColumns),
    totalRow: "regular",
  });
  pub.table({ id: "byGender", ...both, columnTotals: false, rows: ["visits"], cells: [genderColumns(stats.total)] });
  for (const column of [...PUBLISHED_GENDER_KEYS, "all"]) {
    pub.sum(cellKey("visits", column), [cellKey("regular", column), cellKey("specials", column)]);
    const occasions = new Map<string, string[]>();
    for (const s of stats.specials) {
      occasions.set(s.key, [...(occasions.get(s.key) ?? []), cellKey(`special:${s.date}:${s.key}`, column)]);
    }
    for (const [key, parts] of occasions) pub.sum(cellKey(`activity:${key}`, column), parts);
  }
  pub.table({
    id: "firstTimeByMonth",
    rows: stats.byMonth.map((m) => `firstTime:${m.month}`),
    columns: ["visitors"],
    cells: stats.byMonth.map((m) => [m.firstTime]),
    columnTotals: true,
    totalRow: "firstTime",
  });
  pub.table({
    id: "uniqueByMonth",
    rows: stats.unique.byMonth.map((m) => `unique:${m.month}`),
    columns: ["people"],
    cells: stats.unique.byMonth.map((m) => [m.people]),
  });
  pub.figure("unique|people", stats.unique.people);
  pub.figure("codedVisits", stats.unique.visitsWithCodes);
  // The city prints the enrolment of women and men; a third category never hides them.
  pub.table({
    id: "enrolled",
    ...both,
    columnTotals: false,
    rows: ["enrolled"],
    cells: [genderColumns(stats.reach.enrolled)],
    keepShown: [cellKey("enrolled", "gender:women"), cellKey("enrolled", "gender:men")],
  });
  return pub;
}

export interface AttendanceProtection {
  byMonth: ProtectedTable;
  specials: ProtectedTable;
  perActivity: ProtectedTable;
  perWeekday: ProtectedTable;
  byGender: { cells: ProtectedCell[]; total: ProtectedCell };
  firstTime: ProtectedCell;
  firstTimeByMonth: { cells: ProtectedCell[]; total: ProtectedCell };
  uniqueByMonth: { cells: ProtectedCell[] };
  uniqueTotal: ProtectedCell;
  codedVisits: ProtectedCell;
  enrolled: { cells: ProtectedCell[]; total: ProtectedCell };
}

/** The small-count rule over the whole page in one pass: what print shows, and what the screen marks. */
export function protectAttendanceStats(stats: AttendanceStats): AttendanceProtection {
  const out = publishAttendanceStats(stats).protect();
  const series = (id: string) => {
    const row = out.table(id).rows[0];
    return { cells: row.slice(0, -1), total: row[row.length - 1] };
  };
  const firstTime = out.table("firstTimeByMonth");
  return {
    byMonth: out.table("byMonth"),
    specials: out.table("specials"),
    perActivity: out.table("perActivity"),
    perWeekday: out.table("perWeekday"),
    byGender: series("byGender"),
    firstTime: out.cell(cellKey("firstTime", "visitors")),
    firstTimeByMonth: { cells: firstTime.rows.map((r) => r[0]), total: firstTime.totals![0] },
    uniqueByMonth: { cells: out.table("uniqueByMonth").rows.map((r) => r[0]) },
    uniqueTotal: out.cell("unique|people"),
    codedVisits: out.cell("codedVisits"),
    enrolled: series("enrolled"),
  };
}
