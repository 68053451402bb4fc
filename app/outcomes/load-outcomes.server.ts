/**
 * loadOutcomeReport: THE entry point for outcome figures (the /staff/outcomes page, its CSV, and the follow-up
 * report all call it). Give it campaigns (waves of one survey), optionally a breakdown, a programme and an earlier
 * wave to compare with; it returns every measure's published figures, with small counts already suppressed in
 * one pass over all of them.
 *
 * ```ts
 * const report: OutcomeReport = await loadOutcomeReport({
 *   campaignIds: [3, 7],            // waves of the same survey; shown oldest first
 *   by: "gender",                   // or "program" | "channel" | null
 *   programId: null,                // only people who say they live in this programme (respondents' own answer)
 *   compareWith: 3,                 // optional: change from this wave to the latest; default the wave before it
 *   scope: programScope(staff),     // the staff member's programmes (undefined = all); others' campaigns → 404
 * });
 * report.measures[0]                // MeasureFigures (./figures.ts): name, statement, source, and per wave:
 * report.measures[0].waves[1].all   //   GroupFigure { respondents, positive, share, interval, mean, distribution }
 * report.measures[0].change         //   ChangeFigure { difference, interval, sure } (Newcombe), or null
 * report.measures[0].paired         //   PairedFigure (same participant codes in both waves, ≥ 5 pairs), or null
 * ```
 * Every count is a `PublishedCount { n, status }`: `n` is null when the small-count rule hides it, and every share,
 * mean or interval built on a hidden count is null too. Words for a figure: `describeShare()` in ./wording.ts.
 * Bad input throws `OutcomeQueryError` (status 400 or 404, a Swedish and English message).
 */
import { findProgramsByIds } from "~/models/program.server";
import { loadOutcomeCounts } from "~/models/outcome-counts.server";
import { countPairedChange } from "~/models/outcome-pairs.server";
import {
  findOutcomeCampaigns,
  surveyVersionsOf,
  type GroupBy,
  type OutcomeCampaign,
  type RespondentFilter,
} from "~/models/outcome.server";
import { currentSurvey } from "~/surveys/registry.server";
import { BREAKDOWNS, groupsOf, programValueFor, type BreakdownKind, type Group } from "./breakdowns";
import {
  computeOutcomeFigures,
  type Axis,
  type MeasureFigures,
  type MeasureInput,
  type OutcomePublication,
  type PublishedCount,
} from "./figures";
import { MAX_WAVES } from "./limits";
import { MEASURES, type Text } from "./measures";
import { taggedQuestions, type TaggedQuestion } from "./survey-tags";

export type { MeasureFigures, GroupFigure, WaveFigures, ChangeFigure, PairedFigure, PublishedCount } from "./figures";

export interface OutcomeWave extends OutcomeCampaign {
  /** Responses in the wave (within the programme filter), suppressed like every count. */
  responses: PublishedCount;
  usesParticipantCodes: boolean;
}

export interface OutcomeReport {
  survey: { key: string; title: Text };
  /** Oldest first. */
  waves: OutcomeWave[];
  breakdown: { kind: BreakdownKind; groups: Group[] } | null;
  programFilter: { id: number; name: string } | null;
  compare: { fromCampaignId: number; toCampaignId: number } | null;
  measures: MeasureFigures[];
}

export interface OutcomeQuery {
  campaignIds: number[];
  by?: BreakdownKind | null;
  programId?: number | null;
  compareWith?: number | null;
  /** The staff member's programmes; undefined = every programme (admins). */
  scope: number[] | undefined;
}

export type OutcomeErrorCode =
  | "noCampaign"
  | "tooManyCampaigns"
  | "unknownCampaign"
  | "mixedSurveys"
  | "unknownProgram"
  | "programNotAsked"
  | "breakdownNotAsked"
  | "badCompare"
  | "unknownSurvey";

export class OutcomeQueryError extends Error {
  constructor(
    readonly code: OutcomeErrorCode,
    readonly status: 400 | 404,
  ) {
    super(code);
  }
}

interface ResolvedTag {
  names: string[];
  /** From the newest version that has the tag. */
  question: TaggedQuestion;
  questions: { name: string; title: Text }[];
}

/** Which question names carry each tag across the versions the waves were answered on (newest first wins labels). */
function resolveTags(versions: TaggedQuestion[][]): Map<string, ResolvedTag> {
  const tags = new Map<string, ResolvedTag>();
  for (const v of versions) {
    for (const q of v) {
      const found = tags.get(q.tag);
      if (!found) tags.set(q.tag, { names: [q.name], question: q, questions: [{ name: q.name, title: q.title }] });
      else if (!found.names.includes(q.name)) {
        found.names.push(q.name);
        found.questions.push({ name: q.name, title: q.title });
      }
    }
  }
  return tags;
}

/** Single-choice question types: one answer row per person, so one value per person on a breakdown axis. */
const SINGLE_CHOICE = new Set(["radiogroup", "dropdown", "rating", "boolean", "buttongroup"]);

/** Every version asks each axis in at most one single-choice question (what the stored sums are grouped by). */
function singleAnswerAxes(versions: TaggedQuestion[][], axes: string[]): boolean {
  return versions.every((v) =>
    axes.every((axis) => {
      const asked = v.filter((q) => q.tag === axis);
      return asked.length <= 1 && asked.every((q) => SINGLE_CHOICE.has(q.type));
    }),
  );
}

/** Questions of one tag: for multi-item scales every item of the newest version, and its options. */
function questionsOfTag(versions: TaggedQuestion[][], tag: string): TaggedQuestion[] {
  for (const v of versions) {
    const qs = v.filter((q) => q.tag === tag);
    if (qs.length > 0) return qs;
  }
  return [];
}

export async function loadOutcomeReport(query: OutcomeQuery): Promise<OutcomeReport> {
  return (await loadOutcomeReportWithAudit(query)).report;
}

/**
 * The same, with everything the page publishes and every sum a reader knows (raw values included): for tests that
 * prove no hidden count can be worked out. Never send `publication` to a browser.
 */
export async function loadOutcomeReportWithAudit(
  query: OutcomeQuery,
): Promise<{ report: OutcomeReport; publication: OutcomePublication }> {
  const ids = [...new Set(query.campaignIds)];
  if (ids.length === 0) throw new OutcomeQueryError("noCampaign", 400);
  if (ids.length > MAX_WAVES) throw new OutcomeQueryError("tooManyCampaigns", 400);
  const campaigns = await findOutcomeCampaigns({ ids, programIds: query.scope });
  // Another programme's campaign is refused exactly like one that does not exist.
  if (campaigns.length !== ids.length) throw new OutcomeQueryError("unknownCampaign", 404);
  const surveyKey = campaigns[0].surveyKey;
  if (campaigns.some((c) => c.surveyKey !== surveyKey)) throw new OutcomeQueryError("mixedSurveys", 400);
  const campaignIds = campaigns.map((c) => c.id);

  const current = await currentSurvey(surveyKey);
  const stored = await surveyVersionsOf({ campaignIds });
  // The current file first (its words are the ones staff know), then older versions newest first.
  const versions = [
    ...(current ? [{ id: current.versionId, json: current.json as Record<string, unknown> }] : []),
    ...stored
      .filter((v) => v.id !== current?.versionId)
      .sort((a, b) => b.id - a.id)
      .map((v) => ({ id: v.id, json: JSON.parse(v.json) as Record<string, unknown> })),
  ];
  if (versions.length === 0) throw new OutcomeQueryError("unknownSurvey", 404);
  // Each version's tagged questions read once: every measure looks its tag up in them.
  const tagged = versions.map((v) => taggedQuestions(v.json));
  const tags = resolveTags(tagged);

  let programFilter: OutcomeReport["programFilter"] = null;
  let filter: RespondentFilter | null = null;
  if (query.programId !== null && query.programId !== undefined) {
    if (query.scope && !query.scope.includes(query.programId)) throw new OutcomeQueryError("unknownProgram", 404);
    const [program] = await findProgramsByIds({ ids: [query.programId] });
    if (!program) throw new OutcomeQueryError("unknownProgram", 404);
    const programTag = tags.get("program");
    const value = programTag ? programValueFor(program.slug, programTag.question.options) : null;
    if (!programTag || !value) throw new OutcomeQueryError("programNotAsked", 400);
    filter = { questions: programTag.names, values: [value] };
    programFilter = { id: program.id, name: program.name };
  }

  let breakdown: OutcomeReport["breakdown"] = null;
  let axes: Axis[] = [];
  let groupBy: GroupBy = null;
  if (query.by) {
    if (query.by !== "channel" && !tags.get(query.by)) throw new OutcomeQueryError("breakdownNotAsked", 400);
    // Every breakdown the survey asks is counted and protected with the one shown (decision 0039): the page split
    // by gender hides what the one split by programme needs hidden, so the two read together give nothing away.
    const asked = BREAKDOWNS.filter((kind) => kind === "channel" || tags.has(kind));
    axes = asked.map((kind) => ({ kind, groups: groupsOf(kind, tags.get(kind)?.question.options ?? []) }));
    breakdown = axes.find((a) => a.kind === query.by)!;
    groupBy = {
      kind: "axes",
      answers: asked
        .filter((kind) => kind !== "channel")
        .map((kind) => ({ key: kind, questions: tags.get(kind)!.names })),
      channel: true,
    };
  }

  let compare: OutcomeReport["compare"] = null;
  const latest = campaignIds[campaignIds.length - 1];
  if (query.compareWith !== null && query.compareWith !== undefined) {
    if (!campaignIds.includes(query.compareWith) || query.compareWith === latest)
      throw new OutcomeQueryError("badCompare", 400);
    compare = { fromCampaignId: query.compareWith, toCampaignId: latest };
  } else if (campaignIds.length >= 2) {
    compare = { fromCampaignId: campaignIds[campaignIds.length - 2], toCampaignId: latest };
  }

  const measures: MeasureInput[] = [];
  for (const measure of MEASURES) {
    const tag = tags.get(measure.tag);
    if (!tag) continue;
    const items = questionsOfTag(tagged, measure.tag);
    measures.push({ measure, questions: tag.questions, options: items[0]?.options ?? tag.question.options });
  }
  const names = (kinds: string[]) =>
    measures.filter((m) => kinds.includes(m.measure.kind)).flatMap((m) => tags.get(m.measure.tag)!.names);
  const scales = measures.filter((m) => m.measure.kind === "scale_sum");

  const fromCampaign = compare ? campaigns.find((c) => c.id === compare.fromCampaignId)! : null;
  const toCampaign = compare ? campaigns.find((c) => c.id === compare.toCampaignId)! : null;
  const canPair = fromCampaign?.mode === "participant_code" && toCampaign?.mode === "participant_code";

  // Every axis the survey asks, split or not: the stored sums (decision 0049) are kept by all of them, so the page
  // without a breakdown, each split page and the page for one programme read the same sums.
  const countAxes = BREAKDOWNS.filter((kind) => kind !== "channel" && tags.has(kind)).map((kind) => ({
    key: kind,
    questions: tags.get(kind)!.names,
  }));
  const filterValue = filter ? filter.values : null;
  // One statement after another: SQLite has one connection, and statements sent together only queue on it (under
  // load, past the pool's acquire timeout); PostgreSQL gains little from two small reads at once.
  const counts = await loadOutcomeCounts(
    {
      campaignIds,
      axes: countAxes,
      split: groupBy !== null,
      filter: filterValue ? { axis: "program", values: filterValue } : null,
      values: names(["share", "mean", "choices"]),
      respondents: names(["choices"]),
      scales: scales.map((m) => ({ tag: m.measure.tag, questions: tags.get(m.measure.tag)!.names })),
    },
    {
      singleAnswerAxes: singleAnswerAxes(
        tagged,
        countAxes.map((a) => a.key),
      ),
    },
  );
  const { valueCounts, respondentCounts, responseCounts, scaleCounts } = counts;

  // Paired change, aggregated in SQL per measure (decision 0051): no answer row comes back.
  const paired = canPair
    ? await countPairedChange({
        firstCampaignId: fromCampaign!.id,
        secondCampaignId: toCampaign!.id,
        measures: measures
          .filter((m) => m.measure.kind !== "choices")
          .map((m) => ({
            key: m.measure.tag,
            questions: tags.get(m.measure.tag)!.names,
            ...(m.measure.kind === "scale_sum"
              ? { kind: "scale" as const, items: m.measure.items }
              : { kind: "answer" as const }),
          })),
        filter,
      })
    : null;

  const {
    measures: figures,
    responses,
    publication,
  } = computeOutcomeFigures({
    campaignIds,
    measures,
    breakdown,
    axes,
    valueCounts,
    respondentCounts,
    scaleCounts,
    compare,
    paired,
    responseCounts,
  });

  const report: OutcomeReport = {
    survey: { key: surveyKey, title: current?.title ?? { sv: surveyKey, en: surveyKey } },
    waves: campaigns.map((c) => ({
      ...c,
      responses: responses.get(c.id) ?? { n: 0, status: "shown" },
      usesParticipantCodes: c.mode === "participant_code",
    })),
    breakdown,
    programFilter,
    compare,
    // A question none of the waves asked (added to the survey later) is left out.
    measures: figures.filter((m) => m.waves.some((w) => w.all.respondents.n !== 0)),
  };
  return { report, publication };
}
