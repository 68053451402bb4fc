import { Publication, SMALL_COUNT_LIMIT, type CellStatus } from "~/privacy/small-counts";
import { addDays, todayInStockholm } from "./calendar";
import type { PublishedCount } from "./figures";
import { isPositive, type Measure, type Text } from "./measures";

/**
 * Outcomes joined to attendance (decision 0031): the survey responses whose participant code is also in the visitor
 * register, grouped by how often the person came in the 12 weeks before they answered, and loneliness and
 * participation per group. Pure: the SQL join on the code's keyed hash is `listLinkedResponses` in
 * `app/models/visit-frequency.server.ts`; nothing here sees a code or a hash.
 *
 * - The period: the 84 days (12 weeks) before the Stockholm date the response was given, that day left out.
 * - A visit is a day with at least one registration carrying the person's code (two activities on one day: one day).
 * - never: no such day; sometimes: 1–11 days; weekly: 12 days or more (on average at least one a week).
 * - k ≥ 5: a wave is shown only when every group has at least 5 people, and a measure only when at least 5 in every
 *   group answered it; otherwise nothing of it is shown, not even the group sizes.
 * - Small counts: each wave's figures are protected in one `Publication` together with the figures of the outcome
 *   page they add up to (the wave's responses, each measure's respondents and positives), so nothing the page hides
 *   can be worked out from them, and nothing hidden here from the page.
 */

export const VISIT_WINDOW_DAYS = 84;
export const WEEKLY_FROM_DAYS = 12;
export const MIN_GROUP = SMALL_COUNT_LIMIT;

export const VISIT_FREQUENCIES = ["never", "sometimes", "weekly"] as const;
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];

/** The measures broken down: loneliness and participation, where the survey asks them. */
export const FREQUENCY_MEASURE_TAGS = [
  "loneliness_ucla3",
  "loneliness_direct",
  "participation_community",
  "participation_society",
] as const;

/** The days whose visits count for a response given on `answeredOn` (both ends included). */
export function visitWindow(answeredOn: string): { from: string; to: string } {
  return { from: addDays(answeredOn, -VISIT_WINDOW_DAYS), to: addDays(answeredOn, -1) };
}

export function frequencyOf(visitDays: number): VisitFrequency {
  if (visitDays <= 0) return "never";
  return visitDays >= WEEKLY_FROM_DAYS ? "weekly" : "sometimes";
}

/** The Stockholm date a stored instant falls on. */
export function answeredOn(submittedAt: string): string {
  return todayInStockholm(new Date(submittedAt));
}

/** How many distinct days in the response's window have a coded visit. */
export function visitDaysBefore(answered: string, visitDates: readonly string[]): number {
  const { from, to } = visitWindow(answered);
  return new Set(visitDates.filter((d) => d >= from && d <= to)).size;
}

// ---- what goes in -----------------------------------------------------------------------------------------------

export interface LinkedResponse {
  campaignId: number;
  submittedAt: string;
  /** Dates (YYYY-MM-DD) of the person's coded registrations, any range; the window is applied here. */
  visitDates: readonly string[];
  /** The response's answers to the measures' questions (a checkbox would give several rows). */
  answers: readonly { question: string; value: string }[];
}

/** What the outcome page publishes that these figures add up to (from its `OutcomeReport`). */
export interface PageFigures {
  waves: { campaignId: number; usesParticipantCodes: boolean; responses: PublishedCount }[];
  measures: {
    tag: string;
    name: Text;
    statement: Text;
    questions: string[];
    /** The measure's figures for everyone in each wave, as the page publishes them. */
    all: { campaignId: number; respondents: PublishedCount; positive: PublishedCount | null }[];
  }[];
}

// ---- what comes out ---------------------------------------------------------------------------------------------

export interface FrequencyCell {
  frequency: VisitFrequency;
  answered: PublishedCount;
  positive: PublishedCount;
  /** positive / answered (0–1), null when either is hidden. */
  share: number | null;
}

export interface FrequencyMeasure {
  tag: string;
  name: Text;
  statement: Text;
  /** Null: not shown (`hiddenBecause` says why). */
  cells: FrequencyCell[] | null;
  hiddenBecause: "small_group" | "page_hidden" | null;
}

export interface FrequencyWave {
  campaignId: number;
  /** Why nothing of the wave is shown; null when it is. */
  hiddenBecause: "anonymous" | "small_group" | "page_hidden" | null;
  /** Persons per group (null when the wave is hidden). */
  groups: { frequency: VisitFrequency; people: PublishedCount }[] | null;
  measures: FrequencyMeasure[];
}

// ---- grouping ---------------------------------------------------------------------------------------------------

type Outcome = "positive" | "negative" | "unanswered";

/** Whether one person's answers count as positive for the measure, or cannot be scored. */
export function outcomeOf(measure: Measure, questions: readonly string[], answers: LinkedResponse["answers"]): Outcome {
  const own = answers.filter((a) => questions.includes(a.question));
  if (measure.kind === "scale_sum") {
    const byQuestion = new Map(own.map((a) => [a.question, Number(a.value)]));
    if (byQuestion.size < measure.items) return "unanswered";
    const sum = [...byQuestion.values()].reduce((s, v) => s + v, 0);
    return sum >= measure.positiveFrom ? "positive" : "negative";
  }
  if (measure.kind === "choices" || own.length === 0) return "unanswered";
  return isPositive(measure, own[0].value) ? "positive" : "negative";
}

interface RawGroup {
  people: number;
  /** tag → counts */
  measures: Map<string, { positive: number; negative: number }>;
}

/** Counts per wave and visit frequency: people, and per measure who counts as positive and who does not. */
export function groupByVisitFrequency(
  responses: readonly LinkedResponse[],
  measures: readonly { tag: string; measure: Measure; questions: string[] }[],
): Map<number, Map<VisitFrequency, RawGroup>> {
  const waves = new Map<number, Map<VisitFrequency, RawGroup>>();
  for (const r of responses) {
    let wave = waves.get(r.campaignId);
    if (!wave) {
      wave = new Map(
        VISIT_FREQUENCIES.map((f) => [
          f,
          { people: 0, measures: new Map(measures.map((m) => [m.tag, { positive: 0, negative: 0 }])) },
        ]),
      );
      waves.set(r.campaignId, wave);
    }
    const group = wave.get(frequencyOf(visitDaysBefore(answeredOn(r.submittedAt), r.visitDates)))!;
    group.people += 1;
    for (const m of measures) {
      const outcome = outcomeOf(m.measure, m.questions, r.answers);
      if (outcome !== "unanswered") group.measures.get(m.tag)![outcome] += 1;
    }
  }
  return waves;
}

// ---- publishing -------------------------------------------------------------------------------------------------

const shown = (c: PublishedCount | null | undefined): c is { n: number; status: CellStatus } =>
  !!c && c.status === "shown" && c.n !== null;

/**
 * The breakdown as the outcome page may publish it. `measures` are the measure definitions for the page's tags
 * (in `FREQUENCY_MEASURE_TAGS` order); the page's own figures are constants here: a wave or measure whose page
 * figures are hidden is not broken down at all.
 */
export function publishByVisitFrequency(
  page: PageFigures,
  responses: readonly LinkedResponse[],
  definitions: ReadonlyMap<string, Measure>,
): FrequencyWave[] {
  const measures = page.measures.filter((m) => definitions.has(m.tag));
  const raw = groupByVisitFrequency(
    responses,
    measures.map((m) => ({ tag: m.tag, measure: definitions.get(m.tag)!, questions: m.questions })),
  );
  return page.waves.map((w): FrequencyWave => {
    const base = { campaignId: w.campaignId, groups: null, measures: [] };
    if (!w.usesParticipantCodes) return { ...base, hiddenBecause: "anonymous" };
    const groups = raw.get(w.campaignId);
    if (!groups || VISIT_FREQUENCIES.some((f) => groups.get(f)!.people < MIN_GROUP))
      return { ...base, hiddenBecause: "small_group" };
    if (!shown(w.responses)) return { ...base, hiddenBecause: "page_hidden" };
    const people = VISIT_FREQUENCIES.map((f) => groups.get(f)!.people);
    // The page counts every response; these are some of them. Anything else means the two do not describe the same.
    if (people.reduce((s, n) => s + n, 0) > w.responses.n) return { ...base, hiddenBecause: "page_hidden" };
    return {
      campaignId: w.campaignId,
      hiddenBecause: null,
      // Groups of at least 5, adding up to no more than the page's responses: nothing to hide among them.
      groups: VISIT_FREQUENCIES.map((f, i) => ({ frequency: f, people: { n: people[i], status: "shown" } })),
      measures: measures.map((m) => publishMeasure(w.campaignId, m, groups)),
    };
  });
}

/**
 * One measure of one wave, protected in one `Publication` with the page's figures it adds up to and the group sizes
 * (all three printed as they are: constants here). Measures share no figure but those constants, so protecting
 * each on its own is the same as one pass over the wave, and much cheaper.
 */
function publishMeasure(
  campaignId: number,
  m: PageFigures["measures"][number],
  groups: Map<VisitFrequency, RawGroup>,
): FrequencyMeasure {
  const base = { tag: m.tag, name: m.name, statement: m.statement };
  const hidden = (why: "small_group" | "page_hidden"): FrequencyMeasure => ({
    ...base,
    cells: null,
    hiddenBecause: why,
  });
  const all = m.all.find((a) => a.campaignId === campaignId);
  const counts = VISIT_FREQUENCIES.map((f) => groups.get(f)!.measures.get(m.tag)!);
  if (counts.some((c) => c.positive + c.negative < MIN_GROUP)) return hidden("small_group");
  if (!all || !shown(all.respondents) || !shown(all.positive)) return hidden("page_hidden");
  const page = { n: all.respondents.n, pos: all.positive.n, neg: all.respondents.n - all.positive.n };
  const sumOf = (part: "positive" | "negative") => counts.reduce((s, c) => s + c[part], 0);
  if (sumOf("positive") > page.pos || sumOf("negative") > page.neg) return hidden("page_hidden");

  const pub = new Publication();
  const constants: string[] = [];
  const constant = (key: string, value: number) => constants.push(pub.figure(key, value, { keepShown: true }));
  // What is never printed (people without a linked code, group members who did not answer) is registered as a
  // figure the reader knows, not sensitive: a stronger reader than the real one, so never less protection.
  const rest = (key: string, value: number) => pub.figure(key, value, { sensitive: false });
  const k = (f: string, part: string) => `${f}|${part}`;
  constant(k("page", "n"), page.n);
  constant(k("page", "pos"), page.pos);
  constant(k("page", "neg"), page.neg);
  pub.sum(k("page", "n"), [k("page", "pos"), k("page", "neg")]);
  const linked = { n: 0, pos: 0, neg: 0 };
  VISIT_FREQUENCIES.forEach((f, i) => {
    const c = { n: counts[i].positive + counts[i].negative, pos: counts[i].positive, neg: counts[i].negative };
    const people = groups.get(f)!.people;
    constant(k(f, "people"), people);
    pub.figure(k(f, "n"), c.n);
    pub.figure(k(f, "pos"), c.pos);
    pub.figure(k(f, "neg"), c.neg);
    pub.sum(k(f, "n"), [k(f, "pos"), k(f, "neg")]);
    rest(k(f, "unanswered"), people - c.n);
    pub.sum(k(f, "people"), [k(f, "n"), k(f, "unanswered")]);
    linked.n += c.n;
    linked.pos += c.pos;
    linked.neg += c.neg;
  });
  for (const part of ["n", "pos", "neg"] as const) {
    rest(k("unlinked", part), page[part] - linked[part]);
    pub.sum(k("page", part), [...VISIT_FREQUENCIES.map((f) => k(f, part)), k("unlinked", part)]);
  }
  pub.sum(k("unlinked", "n"), [k("unlinked", "pos"), k("unlinked", "neg")]);

  const out = pub.protect();
  // Figures the page prints must stay printed: where protecting would need one of them, the measure is left out.
  if (constants.some((key) => out.cell(key).status !== "shown")) return hidden("page_hidden");
  const published = (key: string): PublishedCount => {
    const c = out.cell(key);
    return { n: c.status === "shown" ? c.value : null, status: c.status };
  };
  return {
    ...base,
    hiddenBecause: null,
    cells: VISIT_FREQUENCIES.map((f) => {
      const answered = published(k(f, "n"));
      const positive = published(k(f, "pos"));
      return {
        frequency: f,
        answered,
        positive,
        share: answered.n && positive.n !== null ? positive.n / answered.n : null,
      };
    }),
  };
}
