import type { Knex } from "knex";
import { db } from "~/db.server";
import type { BreakdownKind } from "~/outcomes/breakdowns";

/**
 * The SQL behind the outcome figures: GROUP BY over `response_answers` joined to `responses`, never loading
 * responses into JavaScript. Every function counts people (responses), per campaign and optionally per group.
 */

/**
 * How responses are split: by the answer to a question (gender, programme), by channel, by several of these at once
 * (`axes`: one row per combination, so each axis' groups add up from the same counts: decision 0039), or not at all.
 */
export type GroupBy =
  | { kind: "answer"; questions: string[] }
  | { kind: "channel" }
  | { kind: "axes"; answers: { key: string; questions: string[] }[]; channel: boolean }
  | null;

/** Per axis key (`channel` for the channel): the raw grouping value, null for no answer. Null when not `axes`. */
export type GroupValues = Record<string, string | null>;

/** Keep only responses whose answer to one of `questions` is one of `values` (e.g. the programme they live in). */
export interface RespondentFilter {
  questions: string[];
  values: string[];
}

export interface ValueCount {
  campaignId: number;
  /** Null when not split, or for people who did not answer the grouping question. */
  group: string | null;
  /** Split by `axes`: the raw value of every axis. */
  groups?: GroupValues | null;
  /** A marginal count (the stored sums of a split page): see `Grouped.onlyAxis` in app/outcomes/figures.ts. */
  onlyAxis?: BreakdownKind | "whole" | null;
  question: string;
  value: string;
  n: number;
}

export interface RespondentCount {
  campaignId: number;
  group: string | null;
  /** Split by `axes`: the raw value of every axis. */
  groups?: GroupValues | null;
  /** A marginal count (the stored sums of a split page): see `Grouped.onlyAxis` in app/outcomes/figures.ts. */
  onlyAxis?: BreakdownKind | "whole" | null;
  question: string;
  n: number;
}

export interface ScoreCount {
  campaignId: number;
  group: string | null;
  /** Split by `axes`: the raw value of every axis. */
  groups?: GroupValues | null;
  /** A marginal count (the stored sums of a split page): see `Grouped.onlyAxis` in app/outcomes/figures.ts. */
  onlyAxis?: BreakdownKind | "whole" | null;
  /** The number of items answered; only `items` of them are scored. */
  answered: number;
  /** The sum of the answered items. */
  score: number;
  n: number;
}

/**
 * Only what arrived after the stored sums were counted and up to the marks read in the counting transaction (decision
 * 0055): responses by their sequence (SQLite's rowid, PostgreSQL's `seq`), answer rows by their id. Both only grow.
 */
export interface Arrived {
  responsesAfter: number;
  responsesThrough: number;
  answersAfter: number;
  answersThrough: number;
}

interface Scope {
  campaignIds: number[];
  groupBy: GroupBy;
  filter?: RespondentFilter | null;
  /** Count only these rows (the stored sums' delta); the whole waves when absent. */
  arrived?: Arrived | null;
  /** The connection or transaction to count on (the stored sums count their delta inside their storing one). */
  via?: Knex;
}

/** A response's place in arrival order: SQLite's rowid, PostgreSQL's `seq` (migration 0042). */
export function responseSequence(knex: Knex, alias: string): string {
  return `${alias}.${knex.client.config.client === "pg" ? "seq" : "rowid"}`;
}

/**
 * The rows after the marks (an append: a few rows at the end of the table, found by their id or rowid) or, counting
 * from nothing (`after` 0: a whole wave up to the marks), the rows up to them. The latter's bound is written `+x`
 * so that no plan walks the table by id instead of the figures' index.
 */
function arrivedBound(column: string, after: number, through: number): [string, number[]] {
  return after > 0 ? [`${column} > ? and ${column} <= ?`, [after, through]] : [`+${column} <= ?`, [through]];
}

function arrivedAnswers(q: Knex.QueryBuilder, arrived: Arrived | null | undefined, column: string) {
  if (arrived) q.whereRaw(...arrivedBound(column, arrived.answersAfter, arrived.answersThrough));
  return q;
}

function arrivedResponses(knex: Knex, q: Knex.QueryBuilder, arrived: Arrived | null | undefined, alias: string) {
  if (arrived)
    q.whereRaw(...arrivedBound(responseSequence(knex, alias), arrived.responsesAfter, arrived.responsesThrough));
  return q;
}

/**
 * `response_answers` under `alias`. For an append on SQLite, `not indexed`: the new rows are the table's last few
 * (found by rowid), where the figures' index would have the planner walk every answer of the wave to the same rows.
 */
function answersTable(knex: Knex, alias: string, arrived: Arrived | null | undefined): string | Knex.Raw {
  const named = alias ? `response_answers as ${alias}` : "response_answers";
  if (!arrived || arrived.answersAfter === 0 || knex.client.config.client === "pg") return named;
  return knex.raw(`${named} not indexed`);
}

/**
 * Answer rows of the campaigns for the given questions, walked in index order (campaign, question, answer): each
 * row carries its campaign (decision 0022), so no join is needed unless the figures are split or filtered.
 */
function answerRows(knex: Knex, { campaignIds, groupBy, filter, arrived }: Scope, questions: string[]) {
  const q = knex.queryBuilder();
  if (groupBy?.kind === "answer") {
    // The grouping answers of the waves' people first (one row each), then every answer row joined to that small
    // set: probing the whole answer index once per answer row instead cost twice the CPU at 30 000 responses.
    q.withMaterialized(
      "g",
      knex("response_answers")
        .whereIn("campaign_id", campaignIds)
        .whereIn("question", groupBy.questions)
        .select("response_id", "value_text"),
    );
  } else if (groupBy?.kind === "axes") {
    // The same, with every axis at once: one row per person of the waves with each grouping answer (and the
    // channel), joined once per answer row, so all breakdowns cost about what one did.
    q.withMaterialized("g", axesOfPeople(knex, campaignIds, groupBy, arrived));
  }
  q.from(answersTable(knex, "a", arrived))
    .whereIn("a.campaign_id", campaignIds)
    .whereIn("a.question", questions);
  arrivedAnswers(q, arrived, "a.id");
  if (groupBy?.kind === "answer" || groupBy?.kind === "axes") {
    q.leftJoin("g", "g.response_id", "a.response_id");
  } else if (groupBy?.kind === "channel") {
    q.join("responses as r", "r.id", "a.response_id");
  }
  if (filter) {
    q.whereIn(
      "a.response_id",
      knex("response_answers as f")
        .whereIn("f.campaign_id", campaignIds)
        .whereIn("f.question", filter.questions)
        .whereIn("f.value_text", filter.values)
        .select("f.response_id"),
    );
  }
  return q;
}

/** One row per person of the waves: `response_id`, `g0`, `g1`, … (the answers of `answers`) and `ch` (channel). */
function axesOfPeople(
  knex: Knex,
  campaignIds: number[],
  groupBy: Extract<GroupBy, { kind: "axes" }>,
  arrived?: Arrived | null,
) {
  const answerColumns = groupBy.answers.map((axis, i) =>
    knex.raw(`max(case when question in (${axis.questions.map(() => "?").join(", ")}) then value_text end) as g${i}`, [
      ...axis.questions,
    ]),
  );
  const answers = arrivedAnswers(knex.from(answersTable(knex, "", arrived)), arrived, "id")
    .whereIn("campaign_id", campaignIds)
    .whereIn(
      "question",
      groupBy.answers.flatMap((a) => a.questions),
    )
    .groupBy("response_id")
    .select("response_id", ...answerColumns);
  if (!groupBy.channel) return answers;
  const people = arrivedResponses(knex, knex("responses as r"), arrived, "r")
    .whereIn("r.campaign_id", campaignIds)
    .select("r.id as response_id", "r.channel as ch");
  if (groupBy.answers.length === 0) return people;
  return people.leftJoin(answers.as("x"), "x.response_id", "r.id").select(groupBy.answers.map((_, i) => `x.g${i}`));
}

/** The grouping expressions and the names they are selected as. */
function groupColumns(groupBy: GroupBy): { expression: string; alias: string }[] {
  if (!groupBy) return [];
  if (groupBy.kind === "answer") return [{ expression: "g.value_text", alias: "grp" }];
  if (groupBy.kind === "channel") return [{ expression: "r.channel", alias: "grp" }];
  const columns = groupBy.answers.map((_, i) => ({ expression: `g.g${i}`, alias: `grp${i}` }));
  return groupBy.channel ? [...columns, { expression: "g.ch", alias: "grp_ch" }] : columns;
}

/** The grouping columns after the given ones; none when not split (PostgreSQL refuses a constant in GROUP BY). */
function grouped(columns: string[], groupBy: GroupBy): (string | Knex.Raw)[] {
  return [...columns, ...groupColumns(groupBy).map((c) => db.raw(c.expression))];
}

/** The grouping columns as selected: `grp` (null when not split), or `grp0`, `grp1`, …, `grp_ch` for `axes`. */
function selectedGroups(groupBy: GroupBy, prefix = ""): Knex.Raw[] {
  const columns = groupColumns(groupBy);
  if (columns.length === 0) return [db.raw("null as grp")];
  return columns.map((c) => db.raw(`${prefix ? `${prefix}.${c.alias}` : c.expression} as ${c.alias}`));
}

type GroupedRow = Record<string, unknown>;

/** The row's group (`group`) and, for `axes`, every axis' raw value (`groups`). */
function groupsOfRow(groupBy: GroupBy, row: GroupedRow): { group: string | null; groups: GroupValues | null } {
  if (groupBy?.kind !== "axes") return { group: asGroup(row.grp), groups: null };
  const groups: GroupValues = {};
  groupBy.answers.forEach((axis, i) => (groups[axis.key] = asGroup(row[`grp${i}`])));
  if (groupBy.channel) groups.channel = asGroup(row.grp_ch);
  return { group: null, groups };
}

const asNumber = (v: unknown) => Number(v);
const asGroup = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** How many people gave each answer to each question, per campaign and group (a checkbox counts each choice). */
export async function countAnswerValues({
  questions,
  ...scope
}: Scope & { questions: string[] }): Promise<ValueCount[]> {
  if (questions.length === 0 || scope.campaignIds.length === 0) return [];
  const rows: GroupedRow[] = await answerRows(scope.via ?? db, scope, questions)
    .select("a.campaign_id", ...selectedGroups(scope.groupBy), "a.question", "a.value_text")
    .count("* as n")
    .groupBy(grouped(["a.campaign_id", "a.question", "a.value_text"], scope.groupBy));
  return rows.map((r) => ({
    campaignId: asNumber(r.campaign_id),
    ...groupsOfRow(scope.groupBy, r),
    question: String(r.question),
    value: String(r.value_text),
    n: asNumber(r.n),
  }));
}

/** How many people answered each question (for checkbox questions, where one person gives several rows). */
export async function countRespondents({
  questions,
  ...scope
}: Scope & { questions: string[] }): Promise<RespondentCount[]> {
  if (questions.length === 0 || scope.campaignIds.length === 0) return [];
  const rows: GroupedRow[] = await answerRows(scope.via ?? db, scope, questions)
    .select("a.campaign_id", ...selectedGroups(scope.groupBy), "a.question")
    .countDistinct("a.response_id as n")
    .groupBy(grouped(["a.campaign_id", "a.question"], scope.groupBy));
  return rows.map((r) => ({
    campaignId: asNumber(r.campaign_id),
    ...groupsOfRow(scope.groupBy, r),
    question: String(r.question),
    n: asNumber(r.n),
  }));
}

/** Per campaign and group: how many people have each (items answered, sum) of a multi-item scale such as UCLA-3. */
export async function countScaleSums({ questions, ...scope }: Scope & { questions: string[] }): Promise<ScoreCount[]> {
  if (questions.length === 0 || scope.campaignIds.length === 0) return [];
  const knex = scope.via ?? db;
  const perPerson = answerRows(knex, scope, questions)
    .select("a.campaign_id", ...selectedGroups(scope.groupBy), "a.response_id")
    .count("* as answered")
    .sum("a.value_num as score")
    .groupBy(grouped(["a.campaign_id", "a.response_id"], scope.groupBy))
    .as("p");
  const aliases = groupColumns(scope.groupBy).map((c) => `p.${c.alias}`);
  const rows: GroupedRow[] = await knex
    .from(perPerson)
    .select(
      "p.campaign_id",
      ...(aliases.length > 0 ? selectedGroups(scope.groupBy, "p") : ["p.grp"]),
      "p.answered",
      "p.score",
    )
    .count("* as n")
    .groupBy("p.campaign_id", ...(aliases.length > 0 ? aliases : ["p.grp"]), "p.answered", "p.score");
  return rows.map((r) => ({
    campaignId: asNumber(r.campaign_id),
    ...groupsOfRow(scope.groupBy, r),
    answered: asNumber(r.answered),
    score: asNumber(r.score),
    n: asNumber(r.n),
  }));
}

/** How many responses each campaign has (within the filter). */
export async function countResponsesPerCampaign({
  campaignIds,
  filter,
}: {
  campaignIds: number[];
  filter?: RespondentFilter | null;
}): Promise<{ campaignId: number; n: number }[]> {
  if (campaignIds.length === 0) return [];
  // Partial responses (a shared tablet's walked-away answers, decision 0032) are no respondents of a wave.
  const q = db("responses as r").whereIn("r.campaign_id", campaignIds).where("r.partial", false);
  if (filter) {
    q.whereIn(
      "r.id",
      db("response_answers as f")
        .whereIn("f.campaign_id", campaignIds)
        .whereIn("f.question", filter.questions)
        .whereIn("f.value_text", filter.values)
        .select("f.response_id"),
    );
  }
  const rows: { campaign_id: unknown; n: unknown }[] = await q
    .select("r.campaign_id")
    .count("* as n")
    .groupBy("r.campaign_id");
  return rows.map((r) => ({ campaignId: asNumber(r.campaign_id), n: asNumber(r.n) }));
}

/**
 * How many responses (partial ones left out) each campaign has per combination of every axis: the people's grouping
 * answers and channel. The stored sums (`./outcome-counts.server.ts`) keep these to count a wave within a programme.
 */
export async function countResponsesByAxes({
  campaignIds,
  groupBy,
  arrived,
  via,
}: {
  campaignIds: number[];
  groupBy: Extract<GroupBy, { kind: "axes" }>;
  arrived?: Arrived | null;
  via?: Knex;
}): Promise<{ campaignId: number; groups: GroupValues; n: number }[]> {
  if (campaignIds.length === 0) return [];
  const knex = via ?? db;
  const answers = { ...groupBy, channel: false };
  const q = arrivedResponses(knex, knex("responses as r"), arrived, "r")
    .whereIn("r.campaign_id", campaignIds)
    .where("r.partial", false);
  if (answers.answers.length > 0)
    q.leftJoin(axesOfPeople(knex, campaignIds, answers, arrived).as("g"), "g.response_id", "r.id");
  const columns = [...groupBy.answers.map((_, i) => `g.g${i}`), "r.channel"];
  const rows: GroupedRow[] = await q
    .select("r.campaign_id", ...columns)
    .count("* as n")
    .groupBy("r.campaign_id", ...columns);
  return rows.map((r) => {
    const groups: GroupValues = {};
    groupBy.answers.forEach((axis, i) => (groups[axis.key] = asGroup(r[`g${i}`])));
    groups.channel = asGroup(r.channel);
    return { campaignId: asNumber(r.campaign_id), groups, n: asNumber(r.n) };
  });
}

export interface OutcomeCampaign {
  id: number;
  code: string;
  title: string;
  surveyKey: string;
  programId: number;
  opensOn: string;
  closesOn: string;
  mode: string;
}

/** The campaigns with these ids that lie within `programIds` (all when undefined), oldest first. */
export async function findOutcomeCampaigns({
  ids,
  programIds,
}: {
  ids: number[];
  programIds?: number[];
}): Promise<OutcomeCampaign[]> {
  if (ids.length === 0) return [];
  const q = db("campaigns").whereIn("id", ids);
  if (programIds) q.whereIn("program_id", programIds);
  const rows: {
    id: number;
    code: string;
    title: string;
    survey_key: string;
    program_id: number;
    opens_on: string;
    closes_on: string;
    mode: string;
  }[] = await q.orderBy([{ column: "opens_on" }, { column: "id" }]);
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    title: r.title,
    surveyKey: r.survey_key,
    programId: Number(r.program_id),
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    mode: r.mode,
  }));
}

/** Every campaign of the given programmes with its number of responses, for the outcome page's choices, oldest first. */
export async function listOutcomeCampaigns({
  programIds,
}: {
  programIds?: number[];
}): Promise<(OutcomeCampaign & { responses: number })[]> {
  const q = db("campaigns as c")
    .select(
      "c.id",
      db.raw("(select count(*) from responses r where r.campaign_id = c.id and r.partial = ?) as responses", [false]),
    )
    .orderBy([{ column: "c.opens_on" }, { column: "c.id" }]);
  if (programIds) q.whereIn("c.program_id", programIds);
  const rows: { id: number; responses: unknown }[] = await q;
  const counts = new Map(rows.map((r) => [Number(r.id), Number(r.responses)]));
  const campaigns = await findOutcomeCampaigns({ ids: [...counts.keys()], programIds });
  return campaigns.map((c) => ({ ...c, responses: counts.get(c.id) ?? 0 }));
}

/** The survey versions the campaigns' responses were given on, with their JSON, to resolve outcome tags. */
export async function surveyVersionsOf({
  campaignIds,
}: {
  campaignIds: number[];
}): Promise<{ id: number; surveyKey: string; json: string }[]> {
  if (campaignIds.length === 0) return [];
  // One index probe per version and wave (campaign_id, survey_version_id), not a scan of the waves' responses.
  const rows: { id: number; survey_key: string; json: string }[] = await db("survey_versions as v")
    .whereExists(
      db("responses as r")
        .whereRaw("r.survey_version_id = v.id")
        .whereIn("r.campaign_id", campaignIds)
        .select(db.raw("1")),
    )
    .select("v.id", "v.survey_key", "v.json");
  return rows.map((r) => ({ id: Number(r.id), surveyKey: r.survey_key, json: r.json }));
}
