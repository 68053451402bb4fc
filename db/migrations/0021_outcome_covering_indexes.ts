import type { Knex } from "knex";

/**
 * Covering indexes for the outcome figures (decision 0022): a split by gender or programme joins each answer row to
 * the person's own answer, and without `response_id` in the first index and `value_text` in the second, every row
 * cost a table lookup on both sides. Same number of indexes per answer row as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropIndex([], "response_answers_campaign_question_value_index");
    t.dropIndex([], "response_answers_response_question_index");
  });
  await knex.schema.alterTable("response_answers", (t) => {
    t.index(
      ["campaign_id", "question", "value_text", "value_num", "response_id"],
      "response_answers_campaign_question_value_response_index",
    );
    t.index(["response_id", "question", "value_text"], "response_answers_response_question_value_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropIndex([], "response_answers_response_question_value_index");
    t.dropIndex([], "response_answers_campaign_question_value_response_index");
  });
  await knex.schema.alterTable("response_answers", (t) => {
    t.index(["campaign_id", "question", "value_text", "value_num"], "response_answers_campaign_question_value_index");
    t.index(["response_id", "question"], "response_answers_response_question_index");
  });
}
