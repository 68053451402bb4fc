import type { Knex } from "knex";

/**
 * Paired change in SQL (decision 0051): the pairs of a wave pair are each code's latest full response in both waves.
 * Finding "latest" probes, per coded response, the same campaign and code for a later one; with only the code in an
 * index each probe (and the scan before it) read the response's row, its answers as JSON included: 55 ms of CPU for
 * two waves of 10 000 at 100 000 responses. This index holds every column those statements read, so they touch no
 * response row (8 ms). It replaces the index on the code alone, whose every use names the campaign too (paired
 * change, outcomes by visits): still one index entry per response, so a submission writes no more than before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.index(
      ["campaign_id", "participant_code_hmac", "partial", "submitted_at", "id"],
      "responses_campaign_code_latest_index",
    );
  });
  await knex.schema.alterTable("responses", (t) => {
    t.dropIndex([], "responses_participant_code_hmac_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.index(["participant_code_hmac"], "responses_participant_code_hmac_index");
  });
  await knex.schema.alterTable("responses", (t) => {
    t.dropIndex([], "responses_campaign_code_latest_index");
  });
}
