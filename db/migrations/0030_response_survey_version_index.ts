import type { Knex } from "knex";

/**
 * Which survey versions a set of waves was answered on (the outcome page resolves its tags from them) was a scan of
 * every response of the waves, JSON and all: 0.35 s of a 1.3 s page at 30 000 responses. With this index it is one
 * probe per version and wave. One more index entry per response, none per answer row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.index(["campaign_id", "survey_version_id"], "responses_campaign_version_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.dropIndex([], "responses_campaign_version_index");
  });
}
