import type { Knex } from "knex";

/**
 * Answer rows cheap to write again (decision 0022, amended). Both answer indexes had the response's UUID early in their key:
 * `(response_id, question, value_text)` first, and the figures' index `(campaign_id, question, value_text, value_num,
 * response_id)` right after the answer. A random UUID puts every new answer row on a random page of both B-trees, so
 * one response of ~18 answers dirtied ~35 index pages, and every commit wrote them all to the WAL again. Now the
 * figures' index orders each answer by the row's own id (which only grows) before the response id it still covers:
 * new rows land at the end of their answer's run, on pages the last commit already touched. The second index is
 * dropped: splits join a materialised set of the grouping answers, and paired change finds its rows through the
 * first index. One index per answer row instead of two.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("response_answers", (t) => {
    t.index(
      ["campaign_id", "question", "value_text", "value_num", "id", "response_id"],
      "response_answers_campaign_question_value_arrival_index",
    );
  });
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropIndex([], "response_answers_response_question_value_index");
    t.dropIndex([], "response_answers_campaign_question_value_response_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("response_answers", (t) => {
    t.index(
      ["campaign_id", "question", "value_text", "value_num", "response_id"],
      "response_answers_campaign_question_value_response_index",
    );
    t.index(["response_id", "question", "value_text"], "response_answers_response_question_value_index");
  });
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropIndex([], "response_answers_campaign_question_value_arrival_index");
  });
}
