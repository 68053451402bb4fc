import type { Knex } from "knex";

/**
 * Responses per wave are counted without partial ones (decision 0032): the outcome page's wave list counts every
 * wave, its figures the chosen ones. With `partial` outside every index each count read the response's whole row
 * (its answers as JSON) for one flag: 1.1–1.6 s for the wave list at 100 000 responses on a busy machine, against
 * 13 ms from an index (decision 0045). The index of migration 0030 (campaign, survey version) gets the flag as its
 * last column, so it covers both the counts and the survey versions' probe. Still one index entry per response.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.index(["campaign_id", "survey_version_id", "partial"], "responses_campaign_version_partial_index");
  });
  await knex.schema.alterTable("responses", (t) => {
    t.dropIndex([], "responses_campaign_version_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.index(["campaign_id", "survey_version_id"], "responses_campaign_version_index");
  });
  await knex.schema.alterTable("responses", (t) => {
    t.dropIndex([], "responses_campaign_version_partial_index");
  });
}
