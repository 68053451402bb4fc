import { db } from "~/db.server";
import { insertRows, type BulkValue } from "~/models/bulk-insert.server";
import {
  countAnswerValues,
  countRespondents,
  countResponsesByAxes,
  countResponsesPerCampaign,
  countScaleSums,
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
  counted_version: number | null;
  spec: string | null;
}

async function versionsOf(campaignIds: number[]): Promise<Map<number, VersionRow>> {
  const rows: VersionRow[] = await db("outcome_count_versions")
    .whereIn("campaign_id", campaignIds)
    .select("campaign_id", "version", "counted_version", "spec");
  return new Map(
    rows.map((v) => [
      Number(v.campaign_id),
      {
        campaign_id: Number(v.campaign_id),
        version: Number(v.version),
        counted_version: v.counted_version === null ? null : Number(v.counted_version),
        spec: v.spec,
      },
    ]),
  );
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

/**
 * Counts the campaigns' sums again and stores each one whose version did not move meanwhile. Returns the
 * campaigns whose sums are now stored.
 */
async function recount(r: CountRequest, stale: VersionRow[], spec: string): Promise<Set<number>> {
  const stored = new Set<number>();
  // One wave at a time, one statement after another: SQLite has one connection, and a page's statements queued
  // together behind a 30 000-response wave waited past the pool's acquire timeout on a loaded machine; this way
  // submissions and other pages get the connection between them.
  for (const v of stale) {
    const one = { campaignIds: [v.campaign_id], groupBy: axesGroupBy(r), filter: null };
    const valueCounts = await countAnswerValues({ ...one, questions: r.values });
    const respondentCounts = await countRespondents({ ...one, questions: r.respondents });
    const scaleCounts = new Map<string, ScoreCount[]>();
    for (const s of r.scales) scaleCounts.set(s.tag, await countScaleSums({ ...one, questions: s.questions }));
    const responses = await countResponsesByAxes({ campaignIds: one.campaignIds, groupBy: one.groupBy });
    const rows = storedRows(r, { valueCounts, respondentCounts, responseCounts: [], scaleCounts }, v.campaign_id);
    for (const c of responses)
      rows.push([v.campaign_id, "responses", null, null, null, null, ...axisValues(r, c.groups), c.n]);
    const claimed = await db.transaction(async (trx) => {
      // The guard: only sums counted at the campaign's current version are kept.
      const updated = await trx("outcome_count_versions")
        .where({ campaign_id: v.campaign_id, version: v.version })
        .update({ counted_version: v.version, spec });
      if (Number(updated) !== 1) return false;
      await trx("outcome_counts").where("campaign_id", v.campaign_id).delete();
      await insertRows(trx, "outcome_counts", STORED_COLUMNS, rows);
      return true;
    });
    if (claimed) stored.add(v.campaign_id);
  }
  return stored;
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
  const stale = ids.map((id) => versions.get(id)!).filter((v) => v.counted_version !== v.version || v.spec !== spec);
  if (stale.length > 0) {
    const stored = await recount(r, stale, spec);
    // A write moved a campaign's version while it was being counted: this page counts directly, the next one
    // counts that campaign again.
    if (stored.size < stale.length) return countOutcomesDirectly(r);
  }
  return readSums({ ...r, campaignIds: ids });
}
