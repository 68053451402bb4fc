import type { Knex } from "knex";

// The research export reads each wave's responses in id order, in batches (keyset paging). Without this index
// every batch would sort the whole wave again: quadratic at a million responses.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.index(["campaign_id", "id"], "responses_campaign_id_id_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.dropIndex(["campaign_id", "id"], "responses_campaign_id_id_index");
  });
}
