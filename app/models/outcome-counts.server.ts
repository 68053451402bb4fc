import type { Knex } from "knex";
import { db } from "~/db.server";
import { insertRows, type BulkValue } from "~/models/bulk-insert.server";
import {
  countAnswerValues,
  countRespondents,
  countResponsesByAxes,
  countResponsesPerCampaign,
  countScaleSums,
  responseSequence,
  type Arrived,
  type GroupBy,
  type GroupValues,
  type RespondentCount,
  type RespondentFilter,
  type ScoreCount,
  type ValueCount,
} from "~/models/outcome.server";

/**
 * The outcome figures' counts, read from per-campaign sums stored in SQL (migration 0038, decision 0049) instead of
 * grouping every answer row of the waves on every page.
 *
 * A campaign's sums are its answer counts by question, value and every breakdown axis at once (the `axes` GroupBy
 * of decision 0039), counted by the same SQL as the figures' direct path (`./outcome.server.ts`). They are valid
 * while the campaign's version (bumped by a trigger on every write to its responses or answer rows, inside the
 * writing transaction) is the one they were counted at and they hold the same questions and axes (`spec`). A page
 * then sums the stored rows in SQL: over every axis for the page without a breakdown, by the axes for a split page,
 * and within one programme by that axis' column.
 *
 * Counting again is optimistic: the version is read, the counts computed with ordinary statements, and the sums
 * stored only if the version is still the same in the storing transaction (a write that committed in between has
 * bumped it, and the sums are left stale for the next page). No long transaction holds the single SQLite connection.
 *
 * A submission is an append (migration 0042, decision 0055): inserting a response moves only the campaign's `grown`,
 * and the sums remember how far they counted (the highest response sequence and answer-row id). The next page counts
 * only the responses and answer rows that arrived since, by every axis, and adds them to the sums in one short
 * transaction that first claims the marks it starts from. Updates and deletes of rows the sums hold still move the
 * version: the wave is counted again in full.
 */

export interface CountAxis {
  key: string;
  questions: string[];
}

export interface CountRequest {
  campaignIds: number[];
  /** Every answer axis the survey asks (gender, programme), in the order of the split pages' `axes`. */
  axes: CountAxis[];
  /** Split by every axis (and the channel); false: one row per campaign, question and value. */
  split: boolean;
  /** Only people whose answer on this axis is one of `values` (the programme they live in). */
  filter: { axis: string; values: string[] } | null;
  /** Questions whose values are counted (share, mean and choice measures). */
  values: string[];
  /** Checkbox questions whose respondents are counted. */
  respondents: string[];
  /** Multi-item scales by tag: per person, items answered and their sum. */
  scales: { tag: string; questions: string[] }[];
}

export interface OutcomeCounts {
  valueCounts: ValueCount[];
  respondentCounts: RespondentCount[];
  responseCounts: { campaignId: number; n: number }[];
  scaleCounts: Map<string, ScoreCount[]>;
}

/** At most two answer axes fit the stored columns (`g0`, `g1`); the channel has its own. */
const STORED_AXES = 2;

/** What the stored sums hold; sums counted for another set of questions or axes are counted again. */
function specOf(r: CountRequest): string {
  return JSON.stringify({
    axes: r.axes.map((a) => ({ key: a.key, questions: [...a.questions].sort() })),
    values: [...r.values].sort(),
    respondents: [...r.respondents].sort(),
    scales: [...r.scales]
      .sort((a, b) => (a.tag < b.tag ? -1 : 1))
      .map((s) => ({ tag: s.tag, questions: [...s.questions].sort() })),
  });
}

function axesGroupBy(r: CountRequest): Extract<GroupBy, { kind: "axes" }> {
  return { kind: "axes", answers: r.axes, channel: true };
}

/** The figures' counts straight from the answer rows: the path the sums must equal, and the fallback. */
export async function countOutcomesDirectly(r: CountRequest): Promise<OutcomeCounts> {
  const groupBy: GroupBy = r.split ? axesGroupBy(r) : null;
  const filterAxis = r.filter ? r.axes.find((a) => a.key === r.filter!.axis) : undefined;
  const filter: RespondentFilter | null =
    r.filter && filterAxis ? { questions: filterAxis.questions, values: r.filter.values } : null;
  const scope = { campaignIds: r.campaignIds, groupBy, filter };
  // One statement after another (as `recount`): sent at once they only queue on SQLite's one connection, and
  // behind a large wave's counts the last waited past the pool's acquire timeout on a busy machine.
  const valueCounts = await countAnswerValues({ ...scope, questions: r.values });
  const respondentCounts = await countRespondents({ ...scope, questions: r.respondents });
  const responseCounts = await countResponsesPerCampaign({ campaignIds: r.campaignIds, filter });
  const scaleCounts = new Map<string, ScoreCount[]>();
  for (const s of r.scales) scaleCounts.set(s.tag, await countScaleSums({ ...scope, questions: s.questions }));
  return { valueCounts, respondentCounts, responseCounts, scaleCounts };
}

interface VersionRow {
  campaign_id: number;
  version: number;
  grown: number;
  counted_version: number | null;
  counted_grown: number | null;
  counted_responses_through: number | null;
  counted_answers_through: number | null;
  merged_rows: number | null;
  spec: string | null;
}

const VERSION_COLUMNS = [
  "campaign_id",
  "version",
  "grown",
  "counted_version",
  "counted_grown",
  "counted_responses_through",
  "counted_answers_through",
  "merged_rows",
  "spec",
] as const;

const orNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function versionRow(v: Record<string, unknown>): VersionRow {
  return {
    campaign_id: Number(v.campaign_id),
    version: Number(v.version),
    grown: Number(v.grown),
    counted_version: orNull(v.counted_version),
    counted_grown: orNull(v.counted_grown),
    counted_responses_through: orNull(v.counted_responses_through),
    counted_answers_through: orNull(v.counted_answers_through),
    merged_rows: orNull(v.merged_rows),
    spec: v.spec === null || v.spec === undefined ? null : String(v.spec),
  };
}

async function versionsOf(campaignIds: number[], via: Knex = db): Promise<Map<number, VersionRow>> {
  const rows: Record<string, unknown>[] = await via("outcome_count_versions")
    .whereIn("campaign_id", campaignIds)
    .select(...VERSION_COLUMNS);
  return new Map(rows.map((v) => [Number(v.campaign_id), versionRow(v)]));
}

/** What a campaign's stored sums need: nothing, the rows that arrived since they were counted, or a full count. */
function stateOf(v: VersionRow, spec: string): "fresh" | "appended" | "stale" {
  if (v.counted_version !== v.version || v.spec !== spec) return "stale";
  if (v.counted_grown === v.grown) return "fresh";
  return v.counted_responses_through === null || v.counted_answers_through === null ? "stale" : "appended";
}

const isPg = () => db.client.config.client === "pg";

/**
 * On PostgreSQL, a response's `seq` is drawn when its row is written, not when its transaction commits: a mark read
 * while a submission is under way could pass over a response that commits later with a lower `seq`. SHARE mode waits
 * for every transaction writing responses to end and keeps new ones out until this short one ends; responses first,
 * as every submission takes them. SQLite writes one transaction at a time, in rowid order.
 */
async function holdSubmissions(trx: Knex.Transaction) {
  if (isPg()) await trx.raw("lock table responses in share mode");
}

/**
 * The campaign's highest response sequence and the highest answer-row id (answer ids never return: both only grow).
 * Given the last marks (`after`), only the responses after them are looked at (on SQLite by rowid, not through an
 * index that walks the whole wave).
 */
async function marksNow(
  via: Knex,
  campaignId: number,
  after: number | null = null,
): Promise<{ responses: number; answers: number }> {
  const seq = responseSequence(via, "r");
  const table = after !== null && !isPg() ? "responses as r not indexed" : "responses as r";
  const rows = await via.raw(
    `select (select coalesce(max(${seq}), ?) from ${table} where r.campaign_id = ?${after !== null ? ` and ${seq} > ?` : ""})
              as responses,
            (select coalesce(max(id), 0) from response_answers) as answers`,
    after !== null ? [after, campaignId, after] : [0, campaignId],
  );
  const [row] = (Array.isArray(rows) ? rows : rows.rows) as { responses: unknown; answers: unknown }[];
  return { responses: Number(row.responses), answers: Number(row.answers) };
}

const STORED_COLUMNS = ["campaign_id", "kind", "question", "value_text", "answered", "score", "g0", "g1", "ch", "n"];

/** One stored row per count of the direct path split by every axis. */
/** A count's axis columns as stored: `g0`, `g1` (the request's answer axes in order) and `ch`. */
function axisValues(r: CountRequest, groups: GroupValues | null | undefined): BulkValue[] {
  return [
    ...Array.from({ length: STORED_AXES }, (_, i) => (r.axes[i] ? (groups?.[r.axes[i].key] ?? null) : null)),
    groups?.channel ?? null,
  ];
}

function storedRows(r: CountRequest, counts: OutcomeCounts, campaignId: number): BulkValue[][] {
  const axes = (groups: GroupValues | null | undefined) => axisValues(r, groups);
  const rows: BulkValue[][] = [];
  for (const c of counts.valueCounts)
    if (c.campaignId === campaignId)
      rows.push([campaignId, "value", c.question, c.value, null, null, ...axes(c.groups), c.n]);
  for (const c of counts.respondentCounts)
    if (c.campaignId === campaignId)
      rows.push([campaignId, "respondents", c.question, null, null, null, ...axes(c.groups), c.n]);
  for (const [tag, list] of counts.scaleCounts)
    for (const c of list)
      if (c.campaignId === campaignId)
        rows.push([campaignId, "scale", tag, null, c.answered, c.score, ...axes(c.groups), c.n]);
  return rows;
}

/** Every axis' counts of one campaign (all of it, or only `arrived`), as stored rows. */
async function countForStore(
  r: CountRequest,
  campaignId: number,
  arrived: Arrived | null,
  via: Knex = db,
): Promise<BulkValue[][]> {
  // One statement after another: SQLite has one connection, and a page's statements queued together behind a
  // 30 000-response wave waited past the pool's acquire timeout on a loaded machine; this way submissions and other
  // pages get the connection between them.
  const one = { campaignIds: [campaignId], groupBy: axesGroupBy(r), filter: null, arrived, via };
  const valueCounts = await countAnswerValues({ ...one, questions: r.values });
  const respondentCounts = await countRespondents({ ...one, questions: r.respondents });
  const scaleCounts = new Map<string, ScoreCount[]>();
  for (const s of r.scales) scaleCounts.set(s.tag, await countScaleSums({ ...one, questions: s.questions }));
  const responses = await countResponsesByAxes({ campaignIds: one.campaignIds, groupBy: one.groupBy, arrived, via });
  const rows = storedRows(r, { valueCounts, respondentCounts, responseCounts: [], scaleCounts }, campaignId);
  for (const c of responses)
    rows.push([campaignId, "responses", null, null, null, null, ...axisValues(r, c.groups), c.n]);
  return rows;
}

/**
 * Counts a campaign's sums again in full and stores them if no update or delete touched the wave meanwhile. The count
 * is bounded by the marks read before it (on SQLite, where writes commit in rowid order): a response that arrives
 * while it runs is left for the next page to add. On PostgreSQL any submission meanwhile also sends the page on
 * (its `seq` may be lower than the mark, see `holdSubmissions`).
 */
async function recountInFull(r: CountRequest, v: VersionRow, spec: string): Promise<boolean> {
  // Forget the marks first: from now on every update or delete of the wave moves its version (the triggers treat a
  // row above the marks as not yet counted), so the claim below fails if one came while counting.
  if (v.counted_responses_through !== null || v.counted_answers_through !== null)
    await db("outcome_count_versions")
      .where("campaign_id", v.campaign_id)
      .update({ counted_responses_through: null, counted_answers_through: null });
  const [now] = [...(await versionsOf([v.campaign_id])).values()];
  if (!now) return false;
  const marks = await marksNow(db, v.campaign_id);
  const bounded: Arrived = {
    responsesAfter: 0,
    responsesThrough: marks.responses,
    answersAfter: 0,
    answersThrough: marks.answers,
  };
  const rows = await countForStore(r, v.campaign_id, isPg() ? null : bounded);
  return db.transaction(async (trx) => {
    await holdSubmissions(trx);
    // The guard: only sums counted at the campaign's current version (and, on PostgreSQL, with nothing appended) stay.
    const claim = trx("outcome_count_versions").where({ campaign_id: v.campaign_id, version: now.version });
    if (isPg()) claim.where("grown", now.grown);
    const updated = await claim.update({
      counted_version: now.version,
      counted_grown: now.grown,
      counted_responses_through: marks.responses,
      counted_answers_through: marks.answers,
      merged_rows: rows.length,
      spec,
    });
    if (Number(updated) !== 1) return false;
    await trx("outcome_counts").where("campaign_id", v.campaign_id).delete();
    await insertRows(trx, "outcome_counts", STORED_COLUMNS, rows);
    return true;
  });
}

/** More arrived than this since the sums were counted: counted in full (outside a transaction) instead. */
const APPEND_LIMIT = 2_000;

/** The stored rows' key: every column but `n`. */
const KEY_COLUMNS = STORED_COLUMNS.filter((c) => c !== "n");

/**
 * Each append stores its own rows beside the sums (a read sums them all). When a campaign's rows are more than twice
 * what its sums had after the last full count or merge (and 1 000 more), they are merged into one row per key.
 */
async function mergeIfGrown(trx: Knex.Transaction, campaignId: number, mergedRows: number): Promise<number> {
  const [{ n }] = await trx("outcome_counts").where("campaign_id", campaignId).count("* as n");
  if (Number(n) <= 2 * mergedRows + 1_000) return mergedRows;
  const merged: Record<string, unknown>[] = await trx("outcome_counts")
    .where("campaign_id", campaignId)
    .select(...KEY_COLUMNS)
    .sum("n as n")
    .groupBy(KEY_COLUMNS);
  await trx("outcome_counts").where("campaign_id", campaignId).delete();
  await insertRows(
    trx,
    "outcome_counts",
    STORED_COLUMNS,
    merged
      .filter((m) => Number(m.n) !== 0)
      .map((m) => STORED_COLUMNS.map((c) => (c === "n" ? Number(m.n) : m[c]) as BulkValue)),
  );
  return merged.length;
}

/**
 * A self-check of an append: the responses the sums hold plus those just counted must be every full response the wave
 * has. The marks are places in the tables' order, and SQLite renumbers the rowids of a table without an integer key
 * when the file is vacuumed or restored from a dump: new responses could then sit below the marks, unseen by every
 * later append. Two counts from indexes and the stored rows, a few milliseconds a wave.
 */
async function holdsEveryResponse(trx: Knex.Transaction, campaignId: number, arrivedRows: BulkValue[][]) {
  const arrived = arrivedRows.filter((row) => row[1] === "responses").reduce((n, row) => n + Number(row.at(-1)), 0);
  const [{ stored }] = await trx("outcome_counts")
    .where({ campaign_id: campaignId, kind: "responses" })
    .sum("n as stored");
  const [{ actual }] = await trx("responses").where({ campaign_id: campaignId, partial: false }).count("* as actual");
  return Number(stored ?? 0) + arrived === Number(actual);
}

/**
 * Adds what arrived since the sums were counted: one short transaction that claims the marks it starts from (no
 * other page added meanwhile, no update or delete moved the version), reads the new marks, counts only the responses
 * and answer rows between, by every axis, and stores them beside the sums (the reads sum every row of a campaign).
 * Returns false when it could not: the caller looks again or counts in full (also when `holdsEveryResponse` finds
 * the marks adrift).
 */
async function addArrived(r: CountRequest, v: VersionRow, spec: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    await holdSubmissions(trx);
    const [{ n }] = await trx
      .from(isPg() ? "responses as r" : trx.raw("responses as r not indexed"))
      .where("r.campaign_id", v.campaign_id)
      .whereRaw(`${responseSequence(trx, "r")} > ?`, [v.counted_responses_through])
      .count("* as n");
    // A count this size (an imported wave) belongs outside a transaction.
    if (Number(n) > APPEND_LIMIT) return false;
    const claimed = await trx("outcome_count_versions")
      .where({
        campaign_id: v.campaign_id,
        version: v.version,
        counted_version: v.version,
        counted_responses_through: v.counted_responses_through,
        counted_answers_through: v.counted_answers_through,
        spec,
      })
      .update({ counted_grown: trx.ref("grown") });
    if (Number(claimed) !== 1) return false;
    const marks = await marksNow(trx, v.campaign_id, v.counted_responses_through);
    const arrived: Arrived = {
      responsesAfter: v.counted_responses_through!,
      responsesThrough: marks.responses,
      answersAfter: v.counted_answers_through!,
      answersThrough: marks.answers,
    };
    const rows = await countForStore(r, v.campaign_id, arrived, trx);
    if (!(await holdsEveryResponse(trx, v.campaign_id, rows))) {
      // The marks no longer say what was counted: forget them, and the caller counts the wave in full.
      await trx("outcome_count_versions")
        .where("campaign_id", v.campaign_id)
        .update({ version: trx.raw("version + 1"), counted_responses_through: null, counted_answers_through: null });
      return false;
    }
    await insertRows(trx, "outcome_counts", STORED_COLUMNS, rows);
    const mergedRows = await mergeIfGrown(trx, v.campaign_id, v.merged_rows ?? 0);
    await trx("outcome_count_versions").where("campaign_id", v.campaign_id).update({
      counted_responses_through: marks.responses,
      counted_answers_through: marks.answers,
      merged_rows: mergedRows,
    });
    return true;
  });
}

/**
 * Full counts that a page without a breakdown left for after it answered (it counted its own view of those waves
 * directly, about what its raw SQL costs): one campaign at a time, each started after a turn of the event loop, so the
 * page's next statement (paired change) is sent first. A page that needs one of these campaigns waits for its count
 * instead of starting another.
 */
const laterCounts = new Map<number, Promise<boolean>>();
let laterQueue: Promise<unknown> = Promise.resolve();

function countInFullLater(r: CountRequest, versions: VersionRow[], spec: string) {
  for (const v of versions) {
    if (laterCounts.has(v.campaign_id)) continue;
    const job = laterQueue
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(() => recountInFull(r, v, spec))
      // Nothing waits for it but the next page: a count that failed (a write meanwhile, the server stopping) is
      // counted again by the page that next finds the wave stale.
      .catch(() => false);
    laterQueue = job;
    laterCounts.set(v.campaign_id, job);
    void job.then(() => {
      if (laterCounts.get(v.campaign_id) === job) laterCounts.delete(v.campaign_id);
    });
  }
}

/** Resolves when every full count left for after a page has ended (the tests and the bench wait for it). */
export async function outcomeCountsSettled(): Promise<void> {
  while (laterCounts.size > 0) await Promise.all([...laterCounts.values()]);
}

/**
 * Brings the campaigns' sums up to date where it can: appends always, full counts when `inFull`. Returns the
 * campaigns whose sums are now stored.
 */
async function bringUpToDate(
  r: CountRequest,
  versions: VersionRow[],
  spec: string,
  { inFull }: { inFull: boolean },
): Promise<Set<number>> {
  const stored = new Set<number>();
  // One wave at a time (see `countForStore`).
  for (let v of versions) {
    const later = laterCounts.get(v.campaign_id);
    if (later) {
      await later;
      v = (await versionsOf([v.campaign_id])).get(v.campaign_id) ?? v;
    }
    let done = stateOf(v, spec) === "fresh";
    // Another page may have added the same rows meanwhile: look again once before counting in full.
    for (let attempt = 0; attempt < 2 && !done && stateOf(v, spec) === "appended"; attempt++) {
      done = await addArrived(r, v, spec);
      if (!done) {
        v = (await versionsOf([v.campaign_id])).get(v.campaign_id) ?? v;
        done = stateOf(v, spec) === "fresh";
      }
    }
    if (done || (inFull && (await recountInFull(r, v, spec)))) stored.add(v.campaign_id);
  }
  return stored;
}

/** Two sets of counts of different campaigns as one. */
function combined(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  const scaleCounts = new Map(a.scaleCounts);
  for (const [tag, list] of b.scaleCounts) scaleCounts.set(tag, [...(scaleCounts.get(tag) ?? []), ...list]);
  return {
    valueCounts: [...a.valueCounts, ...b.valueCounts],
    respondentCounts: [...a.respondentCounts, ...b.respondentCounts],
    responseCounts: [...a.responseCounts, ...b.responseCounts],
    scaleCounts,
  };
}

type SumRow = Record<string, unknown>;

/**
 * The sums of the stored rows of one kind. Not split: one row per campaign and `columns`. Split: the margins, one
 * axis at a time (the whole wave, then each axis' groups; `only_axis` and `grp` name them): what the figures publish,
 * since no cell crosses two axes (decision 0039), in a fifth of the rows of every combination of axes.
 */
async function sums(r: CountRequest, kind: string, columns: string[]): Promise<SumRow[]> {
  const filterAt = r.filter ? r.axes.findIndex((a) => a.key === r.filter!.axis) : -1;
  const where = `campaign_id in (${r.campaignIds.map(() => "?").join(", ")}) and kind = ?${
    r.filter ? ` and g${filterAt} in (${r.filter.values.map(() => "?").join(", ")})` : ""
  }`;
  const whereArgs = [...r.campaignIds, kind, ...(r.filter?.values ?? [])];
  // Axis keys are the breakdowns' own names (checked: they are written into the statement as literals).
  if (r.axes.some((a) => !/^[a-z_]+$/.test(a.key))) throw new Error("an axis key is not a plain name");
  const margins: { key: string; column: string | null }[] = [
    { key: "whole", column: null },
    ...(r.split ? [...r.axes.map((a, i) => ({ key: a.key, column: `g${i}` })), { key: "channel", column: "ch" }] : []),
  ];
  const cols = ["campaign_id", ...columns];
  const sql = margins
    .map(
      (m) =>
        `select ${cols.join(", ")}, '${m.key}' as only_axis, ${m.column ?? "null"} as grp, sum(n) as n ` +
        `from outcome_counts ` +
        `where ${where} group by ${[...cols, ...(m.column ? [m.column] : [])].join(", ")}`,
    )
    .join(" union all ");
  const result = await db.raw(
    sql,
    margins.flatMap(() => whereArgs),
  );
  return Array.isArray(result) ? result : result.rows;
}

/** A row's place: not split, the whole wave only, or its group on one axis only (`Grouped.onlyAxis`). */
function groupsOf(r: CountRequest, row: SumRow): Pick<ValueCount, "group" | "groups" | "onlyAxis"> {
  if (!r.split) return { group: null, groups: null };
  const axis = String(row.only_axis);
  if (axis === "whole") return { group: null, groups: null, onlyAxis: "whole" };
  return { group: null, groups: { [axis]: asText(row.grp) }, onlyAxis: axis as ValueCount["onlyAxis"] };
}

const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function readSums(r: CountRequest): Promise<OutcomeCounts> {
  const values = await sums(r, "value", ["question", "value_text"]);
  const respondents = await sums(r, "respondents", ["question"]);
  const scales = await sums(r, "scale", ["question", "answered", "score"]);
  // Respondents of the wave: the whole wave, within the filter (the page's response count is never split).
  const responses = await sums({ ...r, split: false }, "responses", []);
  const scaleCounts = new Map<string, ScoreCount[]>(r.scales.map((s) => [s.tag, []]));
  for (const row of scales)
    scaleCounts.get(String(row.question))?.push({
      campaignId: Number(row.campaign_id),
      ...groupsOf(r, row),
      answered: Number(row.answered),
      score: Number(row.score),
      n: Number(row.n),
    });
  return {
    valueCounts: values.map((row) => ({
      campaignId: Number(row.campaign_id),
      ...groupsOf(r, row),
      question: String(row.question),
      value: String(row.value_text),
      n: Number(row.n),
    })),
    respondentCounts: respondents.map((row) => ({
      campaignId: Number(row.campaign_id),
      ...groupsOf(r, row),
      question: String(row.question),
      n: Number(row.n),
    })),
    responseCounts: responses.map((row) => ({ campaignId: Number(row.campaign_id), n: Number(row.n) })),
    scaleCounts,
  };
}

/**
 * The counts the outcome figures need, from the stored sums where they are up to date, counted again where not.
 * `singleAnswerAxes`: every survey version asks each axis in at most one single-choice question, so a person has one
 * value per axis (what a stored row is grouped by); otherwise the figures are counted directly.
 */
export async function loadOutcomeCounts(r: CountRequest, { singleAnswerAxes }: { singleAnswerAxes: boolean }) {
  const ids = [...new Set(r.campaignIds)];
  if (ids.length === 0) return countOutcomesDirectly(r);
  if (!singleAnswerAxes || r.axes.length > STORED_AXES) return countOutcomesDirectly(r);
  if (r.filter && !r.axes.some((a) => a.key === r.filter!.axis)) return countOutcomesDirectly(r);
  const spec = specOf(r);
  let versions = await versionsOf(ids);
  const missing = ids.filter((id) => !versions.has(id));
  if (missing.length > 0) {
    // A campaign's version row exists from the first time its sums are asked for; writes bump it from then on.
    await db("outcome_count_versions")
      .insert(missing.map((id) => ({ campaign_id: id, version: 0 })))
      .onConflict("campaign_id")
      .ignore();
    versions = await versionsOf(ids);
  }
  const stale = ids.map((id) => versions.get(id)!).filter((v) => stateOf(v, spec) !== "fresh");
  if (stale.length === 0) return readSums({ ...r, campaignIds: ids });
  // A split page counts a wave by every axis anyway (about its raw SQL): it stores what it counts. A page without a
  // breakdown adds what arrived (milliseconds), but a wave that must be counted in full (after an update or delete)
  // it counts only in its own view, directly, and leaves the full count by every axis for after it answered.
  const stored = await bringUpToDate(r, stale, spec, { inFull: r.split });
  const left = stale.filter((v) => !stored.has(v.campaign_id));
  if (left.length === 0) return readSums({ ...r, campaignIds: ids });
  // On a split page, a write moved a campaign's version while it was being counted: this page counts directly, the
  // next one counts that campaign again.
  if (r.split) return countOutcomesDirectly(r);
  const leftIds = new Set(left.map((v) => v.campaign_id));
  const direct = await countOutcomesDirectly({ ...r, campaignIds: [...leftIds] });
  const rest = ids.filter((id) => !leftIds.has(id));
  const counts = rest.length > 0 ? combined(direct, await readSums({ ...r, campaignIds: rest })) : direct;
  countInFullLater(r, left, spec);
  return counts;
}
