import { db } from "~/db.server";
import type { RespondentFilter } from "~/models/outcome.server";
import type { PairedCounts } from "~/outcomes/figures";

export type { PairedCounts };

/**
 * Paired change counted in SQL (decision 0051): the people who answered both waves with the same participant code
 * (same code HMAC), joined in the database and aggregated per measure, so no answer row and no code leaves it.
 *
 * A pair is a code's latest full response in each wave (a person who answered a wave twice counts once, with the
 * later answers; partial responses are no answers). With a programme filter both responses of a pair must say that
 * programme. Per measure:
 * - one answer per person (share and mean measures): how many pairs gave each (first, second) answer, the pairs'
 *   joint distribution, at most k² rows for k answers. The caller folds it into McNemar's 2×2 table with the
 *   measure's own rule of what counts as positive, which so stays in one place (`isPositive`).
 * - multi-item scales (UCLA-3): over the pairs scored in both waves (every item answered in each), n, Σ first, Σ
 *   second, Σ d and Σ d² with d = second − first: all the paired t procedure needs.
 */

export interface PairedMeasureQuery {
  key: string;
  questions: string[];
  /** "answer": one answer per person; "scale": the sum of `items` items, scored when all are answered. */
  kind: "answer" | "scale";
  items?: number;
}

const marks = (xs: readonly unknown[]) => xs.map(() => "?").join(", ");

/** Per measure key: the pairs' counts (a measure no pair answered has no cells, or n = 0). */
export async function countPairedChange({
  firstCampaignId,
  secondCampaignId,
  measures,
  filter,
}: {
  firstCampaignId: number;
  secondCampaignId: number;
  measures: PairedMeasureQuery[];
  filter?: RespondentFilter | null;
}): Promise<Map<string, PairedCounts>> {
  const out = new Map<string, PairedCounts>(
    measures.map((m): [string, PairedCounts] => [
      m.key,
      m.kind === "answer"
        ? { kind: "answer", cells: [] }
        : { kind: "scale", n: 0, sumFirst: 0, sumSecond: 0, sumDifference: 0, sumSquaredDifference: 0 },
    ]),
  );
  const asked = measures.filter((m) => m.questions.length > 0);
  if (asked.length === 0) return out;
  const waves = [firstCampaignId, secondCampaignId];
  const questions = [...new Set(asked.flatMap((m) => m.questions))];
  // Which measure an answer row belongs to: its index in `asked`.
  const measureOf = `case ${asked.map((m) => `when a.question in (${marks(m.questions)}) then ${asked.indexOf(m)}`).join(" ")} end`;
  const measureArgs = asked.flatMap((m) => m.questions);
  const scales = asked.filter((m) => m.kind === "scale");
  // The items a scale needs (null for the other measures, which so never count as scored).
  const itemsOf = (alias: string) =>
    scales.length === 0
      ? "null"
      : `case ${alias}.m ${scales.map((m) => `when ${asked.indexOf(m)} then ${Math.trunc(m.items ?? 1)}`).join(" ")} end`;
  const filterSql = filter
    ? `and r.id in (select f.response_id from response_answers f where f.campaign_id in (?, ?)
         and f.question in (${marks(filter.questions)}) and f.value_text in (${marks(filter.values)}))`
    : "";
  const filterArgs = filter ? [...waves, ...filter.questions, ...filter.values] : [];
  const answerKeys = asked.filter((m) => m.kind === "answer").map((m) => asked.indexOf(m));
  // Written so that no plan depends on the database's statistics (a live database has none): the pairs' answer
  // rows are picked from the waves' answer index by an IN list, and everything after that is grouping and sorting
  // of a few rows per pair, no join a planner could turn into a scan per row.
  const sql = `
    with coded as materialized (
      select r.id, r.campaign_id, r.participant_code_hmac as h from responses r
      where r.campaign_id in (?, ?) and r.participant_code_hmac is not null and r.partial = ?
        and not exists (
          select 1 from responses later
          where later.campaign_id = r.campaign_id and later.participant_code_hmac = r.participant_code_hmac
            and later.partial = ?
            and (later.submitted_at > r.submitted_at or (later.submitted_at = r.submitted_at and later.id > r.id)))
        ${filterSql}
    ),
    pairs as materialized (
      select min(case when c.campaign_id = ? then c.id end) as first_id,
             min(case when c.campaign_id = ? then c.id end) as second_id
      from coded c group by c.h having count(*) = 2
    ),
    people as materialized (
      select first_id as rid, first_id as pair, 1 as wave from pairs
      union all
      select second_id, first_id, 2 from pairs
    ),
    answers as materialized (
      select a.response_id as rid, ${measureOf} as m, a.value_text as v, a.value_num as s
      from response_answers a
      where a.campaign_id in (?, ?) and a.question in (${marks(questions)})
        and a.response_id in (select rid from people)
    ),
    placed as materialized (
      select u.m, u.v, u.s,
             max(u.pair) over (partition by u.rid) as pair, max(u.wave) over (partition by u.rid) as wave
      from (
        select rid, m, v, s, null as pair, null as wave from answers
        union all
        select rid, null, null, null, pair, wave from people
      ) u
    ),
    per_pair as materialized (
      select pair, m,
             min(case when wave = 1 then v end) as v1, min(case when wave = 2 then v end) as v2,
             sum(case when wave = 1 then 1 else 0 end) as k1, sum(case when wave = 2 then 1 else 0 end) as k2,
             sum(case when wave = 1 then s end) as s1, sum(case when wave = 2 then s end) as s2
      from placed where m is not null
      group by pair, m
    )
    select m, v1, v2, count(*) as n, null as sum_first, null as sum_second, null as sum_d, null as sum_dd
    from per_pair
    where v1 is not null and v2 is not null and m in (${answerKeys.length > 0 ? marks(answerKeys) : "null"})
    group by m, v1, v2
    union all
    select m, null, null, count(*), sum(s1), sum(s2), sum(s2 - s1), sum((s2 - s1) * (s2 - s1))
    from per_pair
    where k1 >= ${itemsOf("per_pair")} and k2 >= ${itemsOf("per_pair")}
    group by m`;
  const args = [...waves, false, false, ...filterArgs, ...waves, ...measureArgs, ...waves, ...questions, ...answerKeys];
  const result = await db.raw(sql, args);
  const rows: Record<string, unknown>[] = Array.isArray(result) ? result : result.rows;
  for (const row of rows) {
    const m = asked[Number(row.m)];
    const counts = out.get(m.key)!;
    if (counts.kind === "answer") {
      counts.cells.push({ first: String(row.v1), second: String(row.v2), n: Number(row.n) });
    } else {
      out.set(m.key, {
        kind: "scale",
        n: Number(row.n),
        sumFirst: Number(row.sum_first),
        sumSecond: Number(row.sum_second),
        sumDifference: Number(row.sum_d),
        sumSquaredDifference: Number(row.sum_dd),
      });
    }
  }
  return out;
}
