import {
  derivedFigures,
  isSmallCount,
  ProtectedPublication,
  Publication,
  SMALL_COUNT_LIMIT,
  type CellStatus,
  type FigureOptions,
  type ProtectedCell,
} from "~/privacy/small-counts";
import { groupOf, type BreakdownKind, type Group } from "./breakdowns";
import { isPositive, type Measure, type Text } from "./measures";
import {
  excludesZero,
  mcnemar,
  meanFromSums,
  newcombeDifference,
  newcombePairedDifference,
  wilsonInterval,
  type Interval,
  type MeanSummary,
  type PairedTable,
} from "./statistics";
import type { TaggedOption } from "./survey-tags";

/**
 * From counts (as the SQL in `app/models/outcome.server.ts` returns them) to the published figures of every
 * measure: shares with Wilson intervals, means with t intervals, distributions, change between waves, paired
 * change — with the small-count rule applied in ONE pass over everything the page publishes together. Nothing
 * hidden leaves this module: a hidden count is `null`, and so is every share, mean or interval built on it.
 */

// ---- what comes out ---------------------------------------------------------------------------------------------

export interface PublishedCount {
  /** Null when hidden. */
  n: number | null;
  status: CellStatus;
}

export interface DistributionEntry {
  value: string;
  label: Text;
  /** The question's "none of these" option: it rules the others out, so it is no option among them. */
  exclusive?: true;
  count: PublishedCount;
  /** Share of the group's respondents (0–1), null when hidden. */
  share: number | null;
  /** Wilson 95 % interval of the share (for checkbox options, where each option is its own yes/no). */
  interval: Interval | null;
}

export interface GroupFigure {
  /** Null: everyone in the wave. */
  group: string | null;
  /** The denominator: people who answered (for UCLA-3: who answered all items). */
  respondents: PublishedCount;
  /** The numerator (share, mean and scale measures; null for checkbox measures). */
  positive: PublishedCount | null;
  /** positive / respondents, 0–1; null when hidden or not applicable. */
  share: number | null;
  interval: Interval | null;
  /** Mean and scale measures: shown only when the whole distribution of the group is shown. */
  mean: MeanSummary | null;
  /** Scale measures: people who answered some but not all items (not scored). */
  notScored: PublishedCount | null;
  distribution: DistributionEntry[];
}

export interface WaveFigures {
  campaignId: number;
  all: GroupFigure;
  /** One per breakdown group, in the breakdown's order; empty without a breakdown. */
  groups: GroupFigure[];
}

export interface ChangeFigure {
  fromCampaignId: number;
  toCampaignId: number;
  /** Share in `to` minus share in `from` (−1 to 1). */
  difference: number;
  /** Newcombe's hybrid score 95 % interval. */
  interval: Interval;
  /** The interval lies wholly on one side of zero; otherwise "ingen säker skillnad". */
  sure: boolean;
}

export interface PairedFigure {
  fromCampaignId: number;
  toCampaignId: number;
  /** People with the same participant code in both waves. */
  pairs: number;
  /** Why nothing is shown: too few pairs (< 5), or a cell of the pairs' table is 1–4. */
  hiddenBecause: "few_pairs" | "small_cells" | null;
  kind: "share" | "mean";
  /** Shares (share kind) or means (mean kind) in the first and second wave among the pairs. */
  first: number | null;
  second: number | null;
  /** second − first */
  difference: number | null;
  interval: Interval | null;
  /** McNemar's exact p (share kind). */
  pValue: number | null;
  sure: boolean;
}

export interface MeasureFigures {
  tag: string;
  kind: Measure["kind"];
  name: Text;
  statement: Text;
  source: Text;
  higherIsBetter: boolean;
  /** The question(s) the measure reads in this survey, by title. */
  questions: { name: string; title: Text }[];
  /** For "mean" and "scale_sum": the value from which a person counts as positive. */
  positiveFrom: number | null;
  waves: WaveFigures[];
  change: ChangeFigure | null;
  paired: PairedFigure | null;
}

// ---- what goes in -----------------------------------------------------------------------------------------------

export interface MeasureInput {
  measure: Measure;
  questions: { name: string; title: Text }[];
  options: TaggedOption[];
}

/**
 * What SQL counts of the people with the same participant code in both compared waves (the model's
 * `countPairedChange`): for a one-answer measure how many pairs gave each (first, second) answer; for a scale,
 * over the pairs scored in both waves, n and the sums of the scores and of d = second − first and d².
 */
export type PairedCounts =
  | { kind: "answer"; cells: { first: string; second: string; n: number }[] }
  | {
      kind: "scale";
      /** Pairs scored in both waves. */
      n: number;
      sumFirst: number;
      sumSecond: number;
      /** Σ (second − first) */
      sumDifference: number;
      /** Σ (second − first)² */
      sumSquaredDifference: number;
    };

/** A breakdown: its kind and its groups, in order. */
export interface Axis {
  kind: BreakdownKind;
  groups: Group[];
}

/**
 * Where a count belongs: `group` is its raw grouping value for the one breakdown it was split by (the older form),
 * `groups` its raw value on every axis (split by all axes at once, decision 0039). Both null: not split.
 */
export interface Grouped {
  group?: string | null;
  groups?: Partial<Record<BreakdownKind, string | null>> | null;
  /**
   * A marginal count (a split page's stored sums come one axis at a time, decision 0051): it counts toward the whole
   * wave only (`"whole"`), or only toward its group on that one axis (its raw value in `groups`). Absent: the count
   * belongs to the whole wave and to its group on every axis.
   */
  onlyAxis?: BreakdownKind | "whole" | null;
}

export interface FigureInputs {
  /** Oldest first. */
  campaignIds: number[];
  measures: MeasureInput[];
  /** The breakdown shown (the view); null for the page without one. */
  breakdown: Axis | null;
  /**
   * Every breakdown the figures are published by (decision 0039): one publication per measure and wave, suppressed
   * in one pass over all of them, whichever view is shown. Includes `breakdown`; default `[breakdown]`. The counts
   * must then be split by all of them (`groups`). Without a breakdown the axes are not needed: the whole wave
   * reads the same in every view.
   */
  axes?: Axis[];
  valueCounts: (Grouped & { campaignId: number; question: string; value: string; n: number })[];
  respondentCounts: (Grouped & { campaignId: number; question: string; n: number })[];
  scaleCounts: Map<string, (Grouped & { campaignId: number; answered: number; score: number; n: number })[]>;
  /** Change from this wave to the latest; null for no change. */
  compare: { fromCampaignId: number; toCampaignId: number } | null;
  /** Responses per wave (within the filter), published as "57 svar". */
  responseCounts: { campaignId: number; n: number }[];
  /**
   * Per measure tag: the pairs' counts (`countPairedChange`), when both compared waves use participant codes: their
   * joint answers for one-answer measures, the sums of the paired differences for scales.
   */
  paired: Map<string, PairedCounts> | null;
  /** The split's search bound, `OUTCOME_EFFORT_LIMIT` unless a test wants to see the fallback taken. */
  splitEffortLimit?: number;
}

// ---- raw counting -----------------------------------------------------------------------------------------------

interface RawRow {
  /** value → count */
  counts: Map<string, number>;
  respondents: number;
  notScored: number;
  /** scale sums: score → count of people scored */
  scores: Map<number, number>;
}

const emptyRow = (): RawRow => ({ counts: new Map(), respondents: 0, notScored: 0, scores: new Map() });
const add = (m: Map<string | number, number>, k: string | number, n: number) => m.set(k, (m.get(k) ?? 0) + n);
const ALL = "all";

/** The axes a publication covers: none without a breakdown, else every axis given (the shown one included). */
function axesOf(input: FigureInputs): Axis[] {
  if (!input.breakdown) return [];
  const axes = input.axes ?? [input.breakdown];
  return axes.some((a) => a.kind === input.breakdown!.kind) ? axes : [...axes, input.breakdown];
}

/** A group's key in the publication: named by its axis, since two axes' "other" groups are not the same people. */
export const groupKeyOf = (kind: BreakdownKind, group: string) => `${kind}:${group}`;

/** Count rows by question, so each measure walks its own rows only (a split page has thousands of them). */
interface CountsByQuestion {
  values: Map<string, FigureInputs["valueCounts"]>;
  respondents: Map<string, FigureInputs["respondentCounts"]>;
}

function byQuestion<T extends { question: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.question);
    if (list) list.push(r);
    else out.set(r.question, [r]);
  }
  return out;
}

function rawRows(input: FigureInputs, m: MeasureInput, counts: CountsByQuestion): Map<string, RawRow> {
  const rows = new Map<string, RawRow>();
  const row = (campaignId: number, group: string) => {
    const key = `${campaignId}|${group}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow()));
    return r;
  };
  const axes = axesOf(input);
  const names = new Set(m.questions.map((q) => q.name));
  const targets = (campaignId: number, c: Grouped) => {
    if (c.onlyAxis === "whole") return [row(campaignId, ALL)];
    if (c.onlyAxis) {
      const axis = axes.find((a) => a.kind === c.onlyAxis);
      return axis ? [row(campaignId, groupKeyOf(axis.kind, groupOf(axis.kind, c.groups?.[axis.kind] ?? null)))] : [];
    }
    const found = [row(campaignId, ALL)];
    for (const axis of axes) {
      const raw = c.groups ? (c.groups[axis.kind] ?? null) : axes.length === 1 ? (c.group ?? null) : undefined;
      if (raw === undefined) throw new Error(`counts are not split by ${axis.kind}`);
      found.push(row(campaignId, groupKeyOf(axis.kind, groupOf(axis.kind, raw))));
    }
    return found;
  };
  if (m.measure.kind === "scale_sum") {
    const items = m.measure.items;
    for (const c of input.scaleCounts.get(m.measure.tag) ?? []) {
      for (const r of targets(c.campaignId, c)) {
        if (c.answered >= items) add(r.scores as Map<number, number>, c.score, c.n);
        else r.notScored += c.n;
      }
    }
    for (const r of rows.values()) {
      const from = (m.measure as { positiveFrom: number }).positiveFrom;
      for (const [score, n] of r.scores) {
        add(r.counts as Map<string, number>, score >= from ? "high" : "low", n);
        r.respondents += n;
      }
    }
    return rows;
  }
  for (const name of names)
    for (const c of counts.values.get(name) ?? [])
      for (const r of targets(c.campaignId, c)) add(r.counts as Map<string, number>, c.value, c.n);
  if (m.measure.kind === "choices") {
    for (const name of names)
      for (const c of counts.respondents.get(name) ?? [])
        for (const r of targets(c.campaignId, c)) r.respondents += c.n;
  } else {
    for (const r of rows.values()) r.respondents = [...r.counts.values()].reduce((a, b) => a + b, 0);
  }
  return rows;
}

type Category = { value: string; label: Text; exclusive?: true };

/** The distribution's categories: the options in the file's order, then any value an older version stored. */
function categoriesOf(m: MeasureInput, rows: Map<string, RawRow>): Category[] {
  if (m.measure.kind === "scale_sum") {
    const from = m.measure.positiveFrom;
    const max = m.measure.items * Math.max(...m.measure.itemValues);
    const min = m.measure.items * Math.min(...m.measure.itemValues);
    return [
      { value: "low", label: { sv: `${min}–${from - 1} (inte ensam)`, en: `${min}–${from - 1} (not lonely)` } },
      { value: "high", label: { sv: `${from}–${max} (ensam)`, en: `${from}–${max} (lonely)` } },
    ];
  }
  const cats: Category[] = m.options.map((o) => ({ value: o.value, label: o.label, exclusive: o.exclusive }));
  const known = new Set(cats.map((c) => c.value));
  for (const r of rows.values())
    for (const v of r.counts.keys())
      if (!known.has(v)) {
        known.add(v);
        cats.push({ value: v, label: { sv: v, en: v } });
      }
  return cats;
}

// ---- publication and figures ------------------------------------------------------------------------------------

const key = (tag: string, campaignId: number, group: string, part: string) => `${tag}|w${campaignId}|${group}|${part}`;
/** The wave's responses, published on their own and linked to every scale's whole-wave figures. */
const responseKey = (campaignId: number) => `responses|w${campaignId}|all`;

interface Prepared {
  m: MeasureInput;
  rows: Map<string, RawRow>;
  categories: Category[];
  positiveValues: string[];
}

/** Registers a measure's figures and every sum a reader knows between them. */
function register(
  publication: Publication,
  p: Prepared,
  campaignId: number,
  { axes, settledBy, responses }: { axes: string[][]; settledBy?: ProtectedPublication; responses?: number },
): void {
  const { m, rows, categories, positiveValues } = p;
  const tag = m.measure.tag;
  const single = m.measure.kind !== "choices";
  // Beside a breakdown the whole wave's figures are exactly those of the unsplit view (and an axis added to others
  // finds theirs as they were protected): a reader who opens every view knows what any shows, so the new groups are
  // protected with those figures settled.
  const settled = (k: string) => {
    if (!settledBy?.has(k)) return undefined;
    return settledBy.cell(k).status === "shown" ? ("shown" as const) : ("hidden" as const);
  };
  const pub = {
    figure: (k: string, value: number, options: FigureOptions = {}) =>
      publication.figure(k, value, { ...options, settled: settled(k) }),
    sum: (total: string, parts: readonly string[]) => publication.sum(total, parts),
  };
  {
    for (const group of [ALL, ...axes.flat()]) {
      const r = rows.get(`${campaignId}|${group}`) ?? emptyRow();
      // Denominators and numerators are the last a reader should lose: where hiding another answer's cell protects
      // as well, that one is hidden instead.
      const kept = new Set(positiveValues);
      const cells = categories.map((c) =>
        pub.figure(key(tag, campaignId, group, `v:${c.value}`), r.counts.get(c.value) ?? 0, {
          keepShown: kept.has(c.value),
        }),
      );
      const n = pub.figure(key(tag, campaignId, group, "n"), r.respondents);
      if (single) pub.sum(n, cells);
      // One positive answer: its own cell is the numerator. Several (4 and 5 of 5): their sum is one more figure.
      if (m.measure.kind !== "choices" && positiveValues.length !== 1) {
        const pos = pub.figure(
          key(tag, campaignId, group, "pos"),
          positiveValues.reduce((s, v) => s + (r.counts.get(v) ?? 0), 0),
          { keepShown: true },
        );
        pub.sum(
          pos,
          positiveValues.map((v) => key(tag, campaignId, group, `v:${v}`)),
        );
      }
      // Item non-response is not protected (decision 0055): how many did not answer a question, wholly or some of a
      // scale's items, says nothing of what anyone answered, and every measure gives it away anyway ("48 svar",
      // "45 svarade"). The suppression knows the not scored (nothing is hidden to keep them secret); what people
      // answered stays protected. Like every count of persons, 1–4 is still printed as "färre än 5" (`nonResponse`).
      if (m.measure.kind === "scale_sum")
        pub.figure(key(tag, campaignId, group, "ns"), r.notScored, { sensitive: false });
      // The wave's responses (printed above the figures) are the scored, the not scored and those who answered no
      // item. The last is registered as a figure the reader knows, not sensitive (as the breakdown by visits does
      // with its non-response): a stronger reader than the real one, so never less protection of the answers.
      const unanswered = responses === undefined ? -1 : responses - r.respondents - r.notScored;
      if (m.measure.kind === "scale_sum" && group === ALL && unanswered >= 0)
        pub.sum(pub.figure(responseKey(campaignId), responses!, { keepShown: true }), [
          key(tag, campaignId, ALL, "n"),
          key(tag, campaignId, ALL, "ns"),
          pub.figure(key(tag, campaignId, ALL, "unanswered"), unanswered, { sensitive: false }),
        ]);
    }
    // Each axis' groups add up to the whole wave: every axis is one more set of sums over the same wave figures.
    const parts = ["n", ...categories.map((c) => `v:${c.value}`)];
    if (m.measure.kind !== "choices" && positiveValues.length !== 1) parts.push("pos");
    if (m.measure.kind === "scale_sum") parts.push("ns");
    for (const groups of axes)
      for (const part of parts)
        pub.sum(
          key(tag, campaignId, ALL, part),
          groups.map((g) => key(tag, campaignId, g, part)),
        );
  }
}

/**
 * The suppression effort one measure in one wave may take (see `EFFORT_LIMIT` in small-counts): the demo's
 * largest uses under 10 million steps, a breakdown of five groups where most cells are 1–4 can take hundreds of
 * millions. Past it that measure's figures in that wave are all hidden, which is safe; the page stays fast.
 */
export const OUTCOME_EFFORT_LIMIT = 50_000_000;

/**
 * Everything the outcome figures publish, protected: one `ProtectedPublication` per measure and wave (and one per
 * wave's response count). Each measure in each wave is its own system of sums — no figure or sum is shared with
 * another measure or wave — so suppressing each on its own is the same as one pass over all of them, and far
 * cheaper (the reader's elimination grows faster than linearly with the number of figures). Within a measure and
 * wave, every breakdown is in the one publication (decision 0039): whichever view a page, CSV or report prints, it
 * prints part of the same protected figures, so reading every view together tells no more than the publication.
 */
export class OutcomePublication {
  constructor(private readonly parts: Map<string, ProtectedPublication>) {}

  private partOf(key: string): ProtectedPublication {
    const id = key.split("|").slice(0, 2).join("|");
    const part = this.parts.get(id);
    if (!part) throw new Error(`figure ${key} was not published`);
    return part;
  }

  cell(key: string): ProtectedCell {
    return this.partOf(key).cell(key);
  }

  /**
   * Every figure protected together with its raw value and status: for audits and tests only, never for a browser.
   * `view` keeps what one view prints (null: the page without a breakdown; a kind: the whole wave and that axis).
   */
  all(view?: BreakdownKind | null): { key: string; value: number; status: CellStatus }[] {
    const figures = [...this.parts.values()].flatMap((p) => p.all());
    return view === undefined ? figures : figures.filter((f) => inView(f.key, view));
  }

  /** The sums a reader knows: all of them, or those of one view (see `all`). */
  equations(view?: BreakdownKind | null): { total: string; parts: string[] }[] {
    const sums = [...this.parts.values()].flatMap((p) => p.equations());
    return view === undefined ? sums : sums.filter((e) => [e.total, ...e.parts].every((k) => inView(k, view)));
  }
}

/** Whether a figure is printed by a view: the whole wave always, a group only by its own axis' view. */
function inView(key: string, view: BreakdownKind | null): boolean {
  const group = key.split("|")[2];
  return group === ALL || (view !== null && group.startsWith(`${view}:`));
}

/** Small counts the reader can pin down with every means, linear programs included (see `derivedFigures`). */
function givesAway(out: ProtectedPublication): boolean {
  const small = new Set(
    out
      .all()
      .filter((f) => isSmallCount(f.value))
      .map((f) => f.key),
  );
  // No count of 1–4 anywhere (a large wave): nothing a reader works out can be one.
  if (small.size === 0) return false;
  return [...derivedFigures(out.all(), out.equations(), { linearPrograms: true })].some((k) => small.has(k));
}

/**
 * One measure in one wave, protected: its unsplit figures first, as the page without a breakdown shows them; then
 * each axis in turn, in a fixed order (decision 0039). An axis is first protected around the whole wave alone (the
 * cheap search its view always had) and kept if everything so far, read together, still gives nothing away (labels
 * as printed, linear programs included); otherwise it is protected in one system with the axes before it, whose
 * figures stay as they were, and checked again. The order is fixed, never the view's: every view prints part of
 * the same publication.
 *
 * An axis that cannot be added so (the search ran out of effort, or a small count could still be worked out) has
 * all its group figures hidden. Such an axis tells a reader nothing the whole wave does not: each of its sums
 * spreads a wave figure over two or more unknowns that appear nowhere else.
 */
function protectMeasure(
  p: Prepared,
  campaignId: number,
  axes: Axis[],
  splitEffortLimit = OUTCOME_EFFORT_LIMIT,
  responses?: number,
): ProtectedPublication[] {
  const whole = new Publication();
  register(whole, p, campaignId, { axes: [], responses });
  const unsplit = whole.protect({ effortLimit: OUTCOME_EFFORT_LIMIT });
  if (axes.length === 0) return [unsplit];
  const groupKeys = (axis: Axis) => axis.groups.map((g) => groupKeyOf(axis.kind, g.key));
  const publish = (chosen: Axis[], settledBy: ProtectedPublication, effortLimit: number) => {
    const split = new Publication();
    register(split, p, campaignId, { axes: chosen.map(groupKeys), settledBy, responses });
    // The search may print a settled small count "dolt" where the earlier view says "färre än 5"; a reader of both
    // knows the 1–4, so the settled figures read as before, and the check below is made so.
    return split.protect({ effortLimit }).labelledAs(
      settledBy,
      settledBy.all().map((f) => f.key),
    );
  };
  let kept: Axis[] = [];
  let current = unsplit;
  const dropped: Axis[] = [];
  const safe = (out: ProtectedPublication) => !out.effort.fellBack && !givesAway(out);
  for (const axis of axes) {
    // First the axis protected around the whole wave alone, as its view was before: usually nothing the axes
    // before it hide makes a difference, and that search is far the cheapest. Checked together with them.
    const alone = publish([axis], unsplit, splitEffortLimit);
    const withAlone = kept.length === 0 ? alone : ProtectedPublication.joined([current, alone]);
    if (!alone.effort.fellBack && safe(withAlone)) {
      kept = [...kept, axis];
      current = withAlone;
      continue;
    }
    // Otherwise protected in one system with the axes before it, their figures as they are.
    const together = kept.length === 0 ? null : publish([...kept, axis], current, splitEffortLimit);
    if (together && safe(together)) {
      kept = [...kept, axis];
      current = together;
    } else dropped.push(axis);
  }
  // A dropped axis: every group figure "dolt" (no search: a bound of no steps), beside the wave as it reads.
  const hidden = dropped.map((axis) => {
    const out = publish([axis], unsplit, 0);
    return out.hiding(
      out
        .all()
        .map((f) => f.key)
        .filter((k) => k.split("|")[2] !== ALL),
    );
  });
  return [current, ...hidden];
}

/** Several protected publications of one measure and wave (kept axes, dropped axes) read as one. */
function joined(parts: ProtectedPublication[]): ProtectedPublication {
  return parts.length === 1 ? parts[0] : ProtectedPublication.joined(parts);
}

function positiveKey(p: Prepared, campaignId: number, group: string): string {
  const one = p.positiveValues.length === 1 ? `v:${p.positiveValues[0]}` : "pos";
  return key(p.m.measure.tag, campaignId, group, one);
}

function published(out: OutcomePublication, k: string): PublishedCount {
  const c = out.cell(k);
  return { n: c.status === "shown" ? c.value : null, status: c.status };
}

/**
 * A count of item non-response as printed. It is not protected (decision 0055: the suppression treats it as known),
 * but no count of persons from 1 to 4 is ever printed as a digit: those read "färre än 5", as everywhere else.
 */
function nonResponse(c: PublishedCount): PublishedCount {
  return c.n !== null && c.n > 0 && c.n < SMALL_COUNT_LIMIT ? { n: null, status: "small" } : c;
}

function groupFigure(
  out: OutcomePublication,
  p: Prepared,
  campaignId: number,
  shownGroup: string,
  kind?: BreakdownKind,
): GroupFigure {
  const { m, rows, categories } = p;
  const group = kind ? groupKeyOf(kind, shownGroup) : shownGroup;
  const tag = m.measure.tag;
  const r = rows.get(`${campaignId}|${group}`) ?? emptyRow();
  const respondents = published(out, key(tag, campaignId, group, "n"));
  const distribution: DistributionEntry[] = categories.map((c) => {
    const count = published(out, key(tag, campaignId, group, `v:${c.value}`));
    const ok = count.n !== null && respondents.n !== null && respondents.n > 0;
    return {
      value: c.value,
      label: c.label,
      ...(c.exclusive ? { exclusive: true as const } : {}),
      count,
      share: ok ? count.n! / respondents.n! : null,
      interval: ok && m.measure.kind === "choices" ? wilsonInterval(count.n!, respondents.n!) : null,
    };
  });
  let positive: PublishedCount | null = null;
  let share: number | null = null;
  let interval: Interval | null = null;
  if (m.measure.kind !== "choices") {
    positive = published(out, positiveKey(p, campaignId, group));
    if (positive.n !== null && respondents.n !== null && respondents.n > 0) {
      share = positive.n / respondents.n;
      interval = wilsonInterval(positive.n, respondents.n);
    }
  }
  let mean: MeanSummary | null = null;
  // A mean (and its sd) is two more equations over the distribution: shown only when nothing in it is hidden.
  const wholeRowShown = respondents.n !== null && distribution.every((d) => d.count.status === "shown");
  if ((m.measure.kind === "mean" || m.measure.kind === "scale_sum") && wholeRowShown && r.respondents > 0) {
    let sum = 0;
    let squares = 0;
    if (m.measure.kind === "scale_sum") {
      for (const [score, n] of r.scores) {
        sum += score * n;
        squares += score * score * n;
      }
    } else {
      for (const [value, n] of r.counts) {
        const v = Number(value);
        sum += v * n;
        squares += v * v * n;
      }
    }
    mean = meanFromSums(r.respondents, sum, squares);
  }
  return {
    group: group === ALL ? null : shownGroup,
    respondents,
    positive,
    share,
    interval,
    mean,
    notScored: m.measure.kind === "scale_sum" ? nonResponse(published(out, key(tag, campaignId, group, "ns"))) : null,
    distribution,
  };
}

function changeOf(waves: WaveFigures[], compare: FigureInputs["compare"], kind: Measure["kind"]): ChangeFigure | null {
  if (!compare || kind === "choices") return null;
  const from = waves.find((w) => w.campaignId === compare.fromCampaignId)?.all;
  const to = waves.find((w) => w.campaignId === compare.toCampaignId)?.all;
  if (!from || !to || from.positive?.n == null || to.positive?.n == null || !from.respondents.n || !to.respondents.n)
    return null;
  const d = newcombeDifference(to.positive.n, to.respondents.n, from.positive.n, from.respondents.n);
  const interval = { lower: d.lower, upper: d.upper };
  return {
    fromCampaignId: compare.fromCampaignId,
    toCampaignId: compare.toCampaignId,
    difference: d.difference,
    interval,
    sure: excludesZero(interval),
  };
}

/** Paired change is shown from as many pairs as the small-count rule allows a group to have. */
export const MIN_PAIRS = SMALL_COUNT_LIMIT;

function pairedOf(p: Prepared, input: FigureInputs): PairedFigure | null {
  const counts = input.paired?.get(p.m.measure.tag);
  if (!input.compare || !counts || p.m.measure.kind === "choices") return null;
  const base = { fromCampaignId: input.compare.fromCampaignId, toCampaignId: input.compare.toCampaignId };
  const hidden = (pairs: number, kind: "share" | "mean", why: PairedFigure["hiddenBecause"]): PairedFigure => ({
    ...base,
    pairs,
    hiddenBecause: why,
    kind,
    first: null,
    second: null,
    difference: null,
    interval: null,
    pValue: null,
    sure: false,
  });
  const m = p.m.measure;
  if (m.kind === "scale_sum") {
    if (counts.kind !== "scale") return null;
    const pairs = counts.n;
    if (pairs < MIN_PAIRS) return hidden(pairs, "mean", "few_pairs");
    // The paired t procedure from the sums SQL returns: the mean of d = second − first and its t interval.
    const d = meanFromSums(pairs, counts.sumDifference, counts.sumSquaredDifference);
    return {
      ...base,
      pairs,
      hiddenBecause: null,
      kind: "mean",
      first: counts.sumFirst / pairs,
      second: counts.sumSecond / pairs,
      difference: d.mean,
      interval: d.interval,
      pValue: null,
      sure: d.interval ? excludesZero(d.interval) : false,
    };
  }
  if (counts.kind !== "answer") return null;
  // The pairs' joint answers folded into McNemar's 2×2 table by the measure's own rule of what is positive.
  const table: PairedTable = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (const cell of counts.cells) {
    const a = isPositive(m, cell.first);
    const b = isPositive(m, cell.second);
    if (a && b) table.both += cell.n;
    else if (a) table.firstOnly += cell.n;
    else if (b) table.secondOnly += cell.n;
    else table.neither += cell.n;
  }
  const pairs = table.both + table.firstOnly + table.secondOnly + table.neither;
  if (pairs < MIN_PAIRS) return hidden(pairs, "share", "few_pairs");
  // The interval and p-value give the whole 2×2 table back, so every cell of it must be publishable.
  if (Object.values(table).some(isSmallCount)) return hidden(pairs, "share", "small_cells");
  // The paired interval is for first − second; the page speaks of second − first.
  const d = newcombePairedDifference(table);
  const interval = { lower: -d.upper, upper: -d.lower };
  return {
    ...base,
    pairs,
    hiddenBecause: null,
    kind: "share",
    first: (table.both + table.firstOnly) / pairs,
    second: (table.both + table.secondOnly) / pairs,
    difference: 0 - d.difference || 0,
    interval,
    pValue: mcnemar(table).pExact,
    sure: excludesZero(interval),
  };
}

/** Every measure's published figures for the waves, breakdown and comparison given. */
export function computeOutcomeFigures(input: FigureInputs): {
  measures: MeasureFigures[];
  responses: Map<number, PublishedCount>;
  publication: OutcomePublication;
} {
  const counts: CountsByQuestion = {
    values: byQuestion(input.valueCounts),
    respondents: byQuestion(input.respondentCounts),
  };
  const prepared: Prepared[] = input.measures.map((m) => {
    const rows = rawRows(input, m, counts);
    const categories = categoriesOf(m, rows);
    const positiveValues =
      m.measure.kind === "scale_sum"
        ? ["high"]
        : categories.filter((c) => isPositive(m.measure, c.value)).map((c) => c.value);
    return { m, rows, categories, positiveValues };
  });
  const parts = new Map<string, ProtectedPublication>();
  const axes = axesOf(input);
  const shown = input.breakdown;
  for (const campaignId of input.campaignIds) {
    const pub = new Publication();
    const responses = input.responseCounts.find((r) => r.campaignId === campaignId)?.n;
    pub.figure(responseKey(campaignId), responses ?? 0);
    parts.set(`responses|w${campaignId}`, pub.protect());
    for (const p of prepared)
      parts.set(
        `${p.m.measure.tag}|w${campaignId}`,
        joined(protectMeasure(p, campaignId, axes, input.splitEffortLimit, responses)),
      );
  }
  const out = new OutcomePublication(parts);
  const responses = new Map(input.campaignIds.map((id) => [id, published(out, responseKey(id))]));
  const measures = prepared.map((p): MeasureFigures => {
    const waves = input.campaignIds.map((campaignId) => ({
      campaignId,
      all: groupFigure(out, p, campaignId, ALL),
      groups: shown ? shown.groups.map((g) => groupFigure(out, p, campaignId, g.key, shown.kind)) : [],
    }));
    const m = p.m.measure;
    return {
      tag: m.tag,
      kind: m.kind,
      name: m.name,
      statement: m.statement,
      source: m.source,
      higherIsBetter: m.higherIsBetter,
      questions: p.m.questions,
      positiveFrom: m.kind === "mean" || m.kind === "scale_sum" ? m.positiveFrom : null,
      waves,
      change: changeOf(waves, input.compare, m.kind),
      paired: pairedOf(p, input),
    };
  });
  return { measures, responses, publication: out };
}
